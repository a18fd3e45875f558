"""Convert the PETRARCH2 CAMEO verb dictionary through the CAMEO->PLOVER table into
src/warmonitor/events/data/cameo_lexicon.json (the generated, broad half of the trigger lexicon).

    python scripts/convert_petrarch.py [--petrarch DIR] [--plover DIR]

Defaults read ../shared/data/petrarch2/CAMEO.2.0.txt and ../shared/data/plover/CAMEO2PLOVER-2021.txt.
What is taken:
- the verb naming a verb block, and every verb whose own line gives a code -> a bare verb trigger;
- every pattern "- * OBJECT [code]" and "- * (PREP OBJECT) [code]" with one or two content
  words after the verb -> a verb phrase ("impose sanction", "fire on"), synonym sets (&WEAPON)
  expanded;
- the objects of light-verb patterns ("stage demonstration", "launch offensive") -> event nouns.
Codes the PLOVER table does not map (01x statements, 02x appeals become REQUEST) and patterns
coded [---] (PETRARCH's "no event") are left out. The hand-written lexicon.yaml wins over
everything here (events/lexicon.py). Licences: events/data/CAMEO_LEXICON_NOTICE.txt.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"
OUT = ROOT / "src/warmonitor/events/data/cameo_lexicon.json"
LIGHT_VERBS = {"stage", "launch", "carry", "conduct", "mount", "organize", "organise", "wage", "unleash", "begin"}
STOP_WORDS = {"a", "an", "the", "of", "to", "$", "^", "%", "+", "|"}
#: categories whose light-verb objects are taken as event nouns: acts ("stage a protest",
#: "launch an offensive"), not the programmes and agendas of talks
NOUN_CATEGORIES = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"}
#: verbs that tell no act by themselves ("he died", "is considered one of"): never bare triggers
EXCLUDED = {"die", "according", "accord", "consider", "introduce"}
CODE = re.compile(r"\[([^\]]*)\]")


def read_plover(path: Path) -> dict[str, tuple[str, str | None, list[str]]]:
    """CAMEO code -> (PLOVER category, mode, context tags) of the official table."""
    table: dict[str, tuple[str, str | None, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{3,4}):\s*(.*)$", body)
        if not match:
            continue
        parts = [part.strip() for part in match.group(2).split(",")]
        category, mode = parts[0], (parts[1] if len(parts) > 1 else "").strip() or None
        context = [tag.strip() for tag in (parts[2] if len(parts) > 2 else "").split(";") if tag.strip()]
        table.setdefault(match.group(1), (category, mode, context))
    return table


def plover_of(code: str, table: dict[str, tuple[str, str | None, list[str]]]) -> tuple[str, str | None, list[str]] | None:
    """The PLOVER coding of a CAMEO code, falling back to its parent code (0231 -> 023 -> 02)."""
    if code.startswith("02"):
        return ("REQUEST", None, [])  # CAMEO 02 "appeal": the table starts at 03; the manual codes appeals as REQUEST
    for length in (len(code), 3):
        if code[:length] in table:
            return table[code[:length]]
    return None


def _code(text: str) -> str | None:
    """The CAMEO code of "[190]", "[042:043]" (the first), "[:173]" (the second); None for [---]."""
    match = CODE.search(text)
    if not match:
        return None
    parts = [part for part in match.group(1).split(":") if part.strip().isdigit()]
    return parts[0].strip() if parts else None


def _words(phrase: str, synsets: dict[str, list[str]]) -> list[list[str]]:
    """The word lists a pattern fragment stands for, with synonym sets expanded."""
    tokens = phrase.replace("{", " ").replace("}", " ").replace("(", " ").replace(")", " ").split()
    options: list[list[str]] = [[]]
    for token in tokens:
        word = token.lower().strip("_")
        if word in STOP_WORDS or not word:
            continue
        if word.startswith("&"):
            members = [member for member in synsets.get(word[1:], []) if " " not in member][:12]
            options = [option + [member] for option in options for member in members]
        elif word.isalpha() or "-" in word:
            options = [option + [word] for option in options]
        else:
            return []
    return options


def read_cameo(path: Path) -> tuple[dict[str, list[str]], list[tuple[list[str], list[str], str, bool]]]:
    """Synonym sets and (verbs, pattern words after the verb, code, prepositional) entries of the verb file."""
    synsets: dict[str, list[str]] = {}
    entries: list[tuple[list[str], list[str], str, bool]] = []
    current: str | None = None
    verbs: list[tuple[str, str | None]] = []
    block_code: str | None = None
    block_name = ""
    for raw in path.read_text(encoding="latin-1").splitlines():
        line, _, comment = (part.strip() for part in raw.partition("#"))
        if not line.strip():
            continue
        if line.startswith("&"):
            current = line[1:].strip().lower().rstrip("_")
            synsets[current] = []
            continue
        if line.startswith("+") and current is not None and not verbs:
            synsets[current].append(line[1:].strip().lower().replace("_", " ").strip())
            continue
        if line.startswith("---"):
            current, verbs, block_code = None, [], _code(line)
            block_name = line.strip("- ").split()[0].lower().replace("_", " ")
            continue
        if line.startswith("-"):
            pattern = line[1:]
            code = _code(pattern)
            before, _, after = CODE.sub("", pattern).partition("*")
            if code is None or not verbs:
                continue
            # A pattern holds for the verb it was written for (named in its comment), not for
            # every loose WordNet synonym of the block.
            named = comment.split()[0].lower().replace("_", " ") if comment else ""
            owners = [verb for verb, _ in verbs if verb == named]
            for words in _words(after, synsets) if owners and not before.strip() else []:
                if 0 < len(words) <= 2:
                    entries.append((owners, words, code, "(" in after))
            continue
        if current is None and line[:1].isalpha() or line.startswith("+"):
            word = line.lstrip("+").split("{", 1)[0].split("[", 1)[0].strip().lower().replace("_", " ")
            if word and " " not in word or (word and len(word.split()) == 2):
                verbs.append((word, _code(line) or block_code))
                # A bare verb is taken when its own line gives a code or it names the block;
                # the block's other verbs are loose WordNet synonyms ("buy", "tie", "bind").
                if verbs[-1][1] and (_code(line) or word == block_name) and word not in EXCLUDED:
                    entries.append(([word], [], verbs[-1][1] or "", False))
    return synsets, entries


def build(petrarch: Path, plover: Path) -> dict[str, object]:
    """The generated lexicon: {"verbs": {phrase: [cameo, category, mode]}, "nouns": {...}}."""
    table = read_plover(plover)
    _, entries = read_cameo(petrarch / "CAMEO.2.0.txt")
    verbs: dict[str, list[object]] = {}
    nouns: dict[str, list[object]] = {}
    for verb_words, extra, code, prepositional in entries:
        coding = plover_of(code, table)
        if coding is None:
            continue
        category, mode, context = coding
        value = [code, category, mode, context]
        for verb in verb_words:
            verbs.setdefault(" ".join([verb, *extra]), value)
            if extra and not prepositional and verb in LIGHT_VERBS and category in NOUN_CATEGORIES:
                nouns.setdefault(" ".join(extra), value)
    return {"source": "PETRARCH2 CAMEO.2.0.txt through CAMEO2PLOVER-2021.txt (scripts/convert_petrarch.py)",
            "licence": "CAMEO_LEXICON_NOTICE.txt", "verbs": dict(sorted(verbs.items())), "nouns": dict(sorted(nouns.items()))}


def _one_entry_a_line(data: dict[str, object]) -> str:
    """The JSON with one trigger a line, so that a regenerated file diffs by trigger."""
    parts = []
    for key, value in data.items():
        if isinstance(value, dict):
            body = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in value.items())
            parts.append(f"{json.dumps(key)}: {{\n{body}\n}}")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petrarch", type=Path, default=SHARED / "data/petrarch2")
    parser.add_argument("--plover", type=Path, default=SHARED / "data/plover/CAMEO2PLOVER-2021.txt")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.petrarch, args.plover)
    args.output.write_text(_one_entry_a_line(data), encoding="utf-8")
    counts = {key: len(data[key]) for key in ("verbs", "nouns")}  # type: ignore[arg-type]
    sys.stdout.write(f"{args.output}: {counts['verbs']} verb phrases, {counts['nouns']} nouns\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
