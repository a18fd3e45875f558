"""Audit the multi-word phrases of events/data/lexicon.yaml against the CAMEO dictionary and the benches.

    python bench/lexicon_audit.py [--all] [--no-corpora]

For every multi-word verb phrase ("impose sanction") and noun phrase ("air strike") of
lexicon.yaml it prints:
- cameo: whether the phrase stands in ../shared/data/petrarch2/CAMEO.2.0.txt: `pattern` when a
  verb block holding its head verb has a multi-word verb or a pattern ("- * SANCTIONS [163]")
  whose words hold all its other words (lemmas compared loosely, synonym sets such as &MILITARY
  expanded, the `+ $ ^ % _ { } ( )` markers dropped); `verb` when only the head verb is there;
  `-` when neither. Nouns: `pattern` when some pattern holds all their words. `gen` when
  cameo_lexicon.json (scripts/convert_petrarch.py) holds the phrase itself.
- how many PLOVER dev sentences (../shared/bench/plover_gsr/dev.jsonl) the phrase is the trigger
  the matcher picks for (events/matching.find_candidates on the pipeline's own parse), and the
  same count on the UCDP headlines, the ACLED-style notes (bench/data/acled_notes.csv) and the
  model story, so that a phrase the other benches lean on shows.
Then the suspects: phrases not in CAMEO that the matcher picks in exactly one PLOVER dev
sentence and nowhere else, and for each, what the tagger codes that sentence with and without
the phrase (the lexicon reloaded from a copy of the data folder without it).
`--all` prints every phrase, not only those matched somewhere or not in CAMEO.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from _shared import SHARED

from warmonitor.config import Settings
from warmonitor.events.lexicon import DATA_DIR, EventLexicon
from warmonitor.events.matching import find_candidates
from warmonitor.events.tagger import find_event_mentions
from warmonitor.ingest import clean_text
from warmonitor.nlp.model import load_nlp

HERE = Path(__file__).resolve().parent
CAMEO_FILE = SHARED / "data/petrarch2/CAMEO.2.0.txt"
PLOVER_DEV = SHARED / "bench/plover_gsr/dev.jsonl"
UCDP_DEV = SHARED / "bench/ucdp/dev.jsonl"
STORY = SHARED / "acceptance/saraqeb_reuters_2020-02-06.txt"
ACLED_NOTES = HERE / "data/acled_notes.csv"
#: words a lexicon phrase may hold that CAMEO patterns leave out ("fail to reach", "set a fire")
FUNCTION_WORDS = {"to", "a", "an", "the", "-"}
MARKERS = re.compile(r"[+$^%|_{}()]")
CODE = re.compile(r"\[[^\]]*\]")


def keys(word: str) -> set[str]:
    """Loose lemma keys of a word, so that "sanctions", "sanctioned" and "sanction" meet."""
    word = word.lower()
    found = {word}
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                                ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            found.add(word[: -len(suffix)] + replacement)
    return found


def same(word: str, others: set[str]) -> bool:
    return bool(keys(word) & others)


class Cameo:
    """The verb blocks of CAMEO.2.0.txt: their verbs (base forms, multi-word verbs) and pattern words."""

    def __init__(self, path: Path) -> None:
        self.synsets: dict[str, list[str]] = {}
        #: block index -> verbs; verb key -> blocks; block -> [(pattern word keys, code, line)]
        self.block_verbs: list[list[str]] = []
        self.verb_blocks: dict[str, set[int]] = defaultdict(set)
        self.patterns: list[list[tuple[set[str], str, int]]] = []
        synset = None
        in_blocks = False
        for number, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if line.startswith("&") and not in_blocks:
                synset = line[1:].strip().rstrip("_").lower()
                self.synsets[synset] = []
            elif line.startswith("+") and synset is not None and not in_blocks:
                self.synsets[synset].append(line[1:].strip().rstrip("_").lower().replace("_", " "))
            elif line.startswith("---"):
                in_blocks = True
                self.block_verbs.append([])
                self.patterns.append([])
            elif line.startswith("-") and in_blocks:
                code = CODE.search(line)
                words = self._pattern_words(CODE.sub("", line[1:]))
                self.patterns[-1].append((words, code.group(0) if code else "", number))
            elif in_blocks and (line[:1].isalpha() or line.startswith("+") or "_+" in line):
                verb = line.split("{", 1)[0].split("[", 1)[0].strip()
                verb = MARKERS.sub(" ", verb).lower().split()
                if verb:
                    self.block_verbs[-1].append(" ".join(verb))
                    for key in keys(verb[0]) if len(verb) == 1 else {" ".join(verb)}:
                        self.verb_blocks[key].add(len(self.block_verbs) - 1)
                    if len(verb) > 1:  # "+CORDON_OFF": the verb itself is a multi-word phrase
                        self.verb_blocks[verb[0]].add(len(self.block_verbs) - 1)
                        self.patterns[-1].append(({k for word in verb[1:] for k in keys(word)}, "verb", number))

    def _pattern_words(self, text: str) -> set[str]:
        found: set[str] = set()
        for token in MARKERS.sub(" ", text).replace("*", " ").split():
            token = token.lower()
            members = self.synsets.get(token[1:], []) if token.startswith("&") else [token]
            for member in members:
                for word in member.split():
                    found |= keys(word)
        return found

    def verb_status(self, head: str, extra: list[str]) -> tuple[str, str]:
        """("pattern", where) / ("verb", "") / ("-", "") for a verb phrase."""
        blocks = set().union(*(self.verb_blocks.get(key, set()) for key in keys(head)))
        blocks |= self.verb_blocks.get(" ".join([head, *extra]), set())
        wanted = [word for word in extra if word not in FUNCTION_WORDS]
        for block in sorted(blocks):
            for words, code, number in self.patterns[block]:
                if wanted and all(same(word, words) for word in wanted):
                    return "pattern", f"{code} line {number}"
        return ("verb", "") if blocks else ("-", "")

    def noun_status(self, words: list[str]) -> tuple[str, str]:
        wanted = [word for word in words if word not in FUNCTION_WORDS]
        for patterns in self.patterns:
            for found, code, number in patterns:
                if all(same(word, found) for word in wanted):
                    return "pattern", f"{code} line {number}"
        return "-", ""


def phrases() -> list[dict]:
    """The multi-word phrases of lexicon.yaml with their sense's line and coding."""
    raw = yaml.safe_load((DATA_DIR / "lexicon.yaml").read_text(encoding="utf-8"))
    lines = (DATA_DIR / "lexicon.yaml").read_text(encoding="utf-8").splitlines()
    starts = [number for number, line in enumerate(lines, 1) if line.lstrip().startswith("- {category:")]
    found = []
    for sense, line in zip(raw["senses"], starts, strict=True):
        coding = f"{sense['category']}/{sense.get('mode') or '-'} {sense['cameo']}"
        for kind in ("verbs", "nouns"):
            for phrase in sense.get(kind) or []:
                words = phrase.lower().replace("-", " - ").split() if kind == "nouns" else phrase.lower().split()
                if len(words) > 1:
                    head, extra = (words[0], tuple(words[1:])) if kind == "verbs" else (words[-1], tuple(words[:-1]))
                    found.append({"kind": kind[:-1], "phrase": phrase, "line": line, "coding": coding,
                                  "head": head, "extra": extra})
    return found


def corpora(include_others: bool) -> dict[str, list[tuple[str, str]]]:
    """(id, text) of each corpus the audit counts matches in."""
    plover = [json.loads(line) for line in PLOVER_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen: Counter = Counter()
    ids = []
    for row in plover:  # ids repeat in the file (two COERCE-0004): number the repeats
        seen[row["id"]] += 1
        ids.append(row["id"] if seen[row["id"]] == 1 else f"{row['id']}#{seen[row['id']]}")
    found = {"plover": [(item_id, row["text"]) for item_id, row in zip(ids, plover, strict=True)]}
    if include_others:
        ucdp = [json.loads(line) for line in UCDP_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        found["ucdp"] = [(str(row["id"]), row["text"]) for row in ucdp]
        with ACLED_NOTES.open(encoding="utf-8") as handle:
            found["acled"] = [(row["event_id_cnty"], row["notes"]) for row in csv.DictReader(handle)]
        found["story"] = [(STORY.name, STORY.read_text(encoding="utf-8"))]
    return found


def matched_lines(doc, lexicon: EventLexicon) -> set[tuple[int, str, tuple[str, ...]]]:
    """(sense line, head, extra words) of every hand-written trigger the matcher picks in a doc."""
    picked = set()
    for sent in doc.sents:
        for candidate in find_candidates(list(sent), lexicon):
            trigger = candidate.trigger
            if not trigger.sense.generated:
                picked.add((trigger.sense.line, trigger.head, trigger.extra))
    return picked


def loosely(doc, entries: list[dict]) -> set[tuple]:
    """Keys of the phrases whose words a doc holds: a verb phrase's head lemma with its other words
    anywhere below it in the parse (matched or not: "claims to be manufacturing"), a noun
    phrase's words in a row."""
    found = set()
    heads: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        heads[entry["head"]].append(entry)
    text = " " + " ".join(token.lower_ for token in doc) + " "
    for token in doc:
        for entry in heads.get(token.lemma_.lower(), []) + heads.get(token.lower_, []):
            if entry["kind"] == "noun":
                if f" {' '.join([*entry['extra'], entry['head']])} " in text:  # "counter-offensive" is three tokens, as in the lexicon
                    found.add(entry["key"])
                continue
            below = {word for other in token.subtree if other.i != token.i for word in (other.lower_, other.lemma_.lower())}
            if all(word in below for word in entry["extra"]):
                found.add(entry["key"])
    return found


def without(entry: dict) -> EventLexicon:
    """The lexicon of a copy of the data folder whose lexicon.yaml lacks the phrase."""
    folder = Path(tempfile.mkdtemp(prefix="lexicon-audit-"))
    shutil.copytree(DATA_DIR, folder, dirs_exist_ok=True)
    lines = (folder / "lexicon.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    index = entry["line"] - 1
    # the sense may span lines: drop the phrase, quoted or not, from the first line of its list holding it
    key = "verbs" if entry["kind"] == "verb" else "nouns"
    pattern = re.compile(r'(?<=[\[,])\s*"?' + re.escape(entry["phrase"]) + r'"?\s*(?=[,\]])')
    while not (f"{key}:" in lines[index] and pattern.search(lines[index].split(f"{key}:", 1)[1])):
        index += 1
    head, _, tail = lines[index].partition(f"{key}:")
    tail = pattern.sub("", tail, count=1).replace("[,", "[").replace(",,", ",").replace(",]", "]")
    lines[index] = f"{head}{key}:{tail}"
    (folder / "lexicon.yaml").write_text("".join(lines), encoding="utf-8")
    try:
        return EventLexicon.load(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def coded(doc, lexicon: EventLexicon) -> list[str]:
    return [f"{m.category}({m.trigger.text})" for m in find_event_mentions(doc, lexicon) if m.modality == "asserted"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every multi-word phrase")
    parser.add_argument("--no-corpora", action="store_true", help="count PLOVER dev only (faster)")
    args = parser.parse_args()
    cameo = Cameo(CAMEO_FILE)
    generated = json.loads((DATA_DIR / "cameo_lexicon.json").read_text(encoding="utf-8"))
    lexicon = EventLexicon.load()
    nlp = load_nlp(Settings().model)
    entries = phrases()
    for entry in entries:
        entry["key"] = (entry["line"], entry["head"], entry["extra"])
    picked: dict[str, Counter] = {}
    loose: dict[str, Counter] = {}
    where: dict[tuple, list[str]] = defaultdict(list)
    docs = {}
    for name, items in corpora(not args.no_corpora).items():
        picked[name], loose[name] = Counter(), Counter()
        texts = [clean_text(text).text for _, text in items]
        for (item_id, _), doc in zip(items, nlp.pipe(texts), strict=True):
            chosen, held = matched_lines(doc, lexicon), loosely(doc, entries)
            picked[name].update(chosen)
            loose[name].update(held)
            if name == "plover":
                docs[item_id] = doc
                for key in chosen | held:
                    where[key].append(item_id)
    names = list(picked)
    print("columns per bench: picked by the matcher / words held (head with its words below it)")
    print(f"{'kind':4} {'phrase':26} {'coding':28} {'cameo':8} {'gen':3} " + " ".join(f"{n:>7}" for n in names))
    suspects = []
    for entry in entries:
        key = entry["key"]
        if entry["kind"] == "verb":
            status, source = cameo.verb_status(entry["head"], list(entry["extra"]))
            gen = "yes" if " ".join([entry["head"], *entry["extra"]]) in generated["verbs"] else ""
        else:
            status, source = cameo.noun_status([*entry["extra"], entry["head"]])
            gen = "yes" if entry["phrase"].lower() in generated["nouns"] else ""
        entry.update(status=status, source=source)
        elsewhere = sum(picked[n][key] + loose[n][key] for n in names if n != "plover")
        in_plover = len(set(where[key]))
        if status != "pattern" and in_plover == 1 and elsewhere == 0:
            suspects.append(entry)
        if args.all or status != "pattern" or in_plover or elsewhere:
            print(f"{entry['kind']:4} {entry['phrase']:26} {entry['coding']:28} {status:8} {gen:3} "
                  + " ".join(f"{picked[n][key]:>3}/{loose[n][key]:<3}" for n in names)
                  + (f"  {source}" if source else ""))
    outside = sum(1 for entry in entries if entry["status"] != "pattern")
    print(f"\n{len(entries)} multi-word phrases; {outside} not a CAMEO pattern; {len(suspects)} suspects "
          "(not a CAMEO pattern, in exactly one PLOVER dev sentence, in no other bench text)")
    for entry in suspects:
        sentence = where[entry["key"]][0]
        doc = docs[sentence]
        before, after = coded(doc, lexicon), coded(doc, without(entry))
        print(f"\n  {entry['phrase']!r} ({entry['coding']}, line {entry['line']}, cameo {entry['status']}) in {sentence}")
        print(f"    with it:    {', '.join(before) or '(nothing)'}")
        print(f"    without it: {', '.join(after) or '(nothing)'}" + ("  (same)" if before == after else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
