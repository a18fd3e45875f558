#!/usr/bin/env python3
"""Convert the Phoenix (PETRARCH2) actor and agent dictionaries into warmonitor's own data files.

    .venv/bin/python scripts/convert_phoenix.py [PETRARCH2_DIR]

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt
and Phoenix.agents.txt (format: dictionaries.rst beside them; MIT licence) and writes, under
src/warmonitor/actors/data/phoenix/:

- names.tsv    a named actor a line: name, aliases, kind, code, sector, dated periods
- sectors.tsv  a sector noun a line (singular and plural): phrase, PLOVER sector
- LICENSE      the Phoenix copyright and permission notice

The generated files are committed; the hand-curated files in actors/data/ win over them.
Noise is filtered by the rules of `warmonitor.actors.phoenix.alias_kind` (short aliases, common
English words), people are matched by two words or more, an alias that Phoenix gives to two
actors is dropped, and so are names that are sector words or place words of sectors.yaml.
Companies (MNC) and regions are not coded.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warmonitor.actors.dictionary import DATA_DIR, normalize  # noqa: E402
from warmonitor.actors.phoenix import (  # noqa: E402
    Period, PhoenixRecord, Restriction, actor_code, agent_sector, alias_kind, format_periods, parse_date,
)
from warmonitor.actors.tables import read_sector_yaml, read_tsv  # noqa: E402

SOURCE = ROOT.parents[1] / "shared/data/petrarch2"
OUT = DATA_DIR / "phoenix"
#: In order of precedence for people listed twice (the IGO file holds whole careers: Ban Ki-moon).
FILES = {"Phoenix.International.actors.txt": "igo", "Phoenix.MilNonState.actors.txt": "group",
         "Phoenix.Countries.actors.txt": "leader"}
BRACKET = re.compile(r"\[([^\]]*)\]")
PAREN = re.compile(r"\(([^)]*)\)")
SMALL_WORDS = frozenset({"of", "the", "in", "and", "for", "on", "de", "la", "el", "al", "du", "des", "to"})
MAX_AGENT_WORDS = 4


def parse_actor_file(text: str) -> Iterator[PhoenixRecord]:
    """The records of a .actors file: primary phrase, '+' synonyms, bracketed code restrictions."""
    record: PhoenixRecord | None = None
    for raw in text.splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body or body.startswith("<"):
            continue
        if body.startswith("["):
            if record is not None:
                record.restrictions.extend(restrictions(body))
            continue
        phrase = body.lstrip("+").split("[", 1)[0].strip()
        if body.startswith("+") and record is not None:
            record.phrases.append(phrase)
            record.restrictions.extend(restrictions(body))
            continue
        if record is not None:
            yield record
        record = PhoenixRecord([phrase], restrictions(body))
    if record is not None:
        yield record


def restrictions(text: str) -> list[Restriction]:
    found: list[Restriction] = []
    for inside in BRACKET.findall(text):
        parts = inside.split()
        if not parts:
            continue
        code, span = parts[0], "".join(parts[1:])
        start = end = None
        if span.startswith("<"):
            end = parse_date(span[1:])
        elif span.startswith(">"):
            start = parse_date(span[1:])
        elif "-" in span:
            first, _, last = span.partition("-")
            start, end = parse_date(first), parse_date(last)
        if span and start is None and end is None:
            continue  # a malformed date: drop the restriction rather than widen it
        found.append(Restriction(code, start, end))
    return found


def title_case(words: str) -> str:
    """ "AL-QAEDA IN THE ISLAMIC MAGHREB" -> "Al-Qaeda in the Islamic Maghreb"."""
    out = []
    for index, word in enumerate(words.split()):
        lower = word.lower()
        out.append(lower if index and lower in SMALL_WORDS else
                   "-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
    return " ".join(out)


def aliases(record: PhoenixRecord, is_common: Callable[[str], bool], min_words: int,
            titles: frozenset[str] = frozenset()) -> list[str]:
    """The usable aliases of a record, as they must be written: names title-cased, abbreviations
    in capitals ("Aden Abyan Islamic Army", "AAIA"). For people (`min_words` 2) an alias with a
    title word ("Prime Minister Ehud Barak") is left out: the resolver reads titles in the text."""
    out: list[str] = []
    for phrase in record.phrases:
        inner = [p.replace("_", " ").strip(" -") for p in PAREN.findall(phrase)]
        outer = " ".join(PAREN.sub(" ", phrase).replace("_", " ").split()).strip(" -")
        for words in [outer, *inner]:
            if words.upper().startswith("THE "):
                words = words[4:]
            kind = alias_kind(words, is_common)
            if kind == "abbreviation" or words in inner and " " not in words and len(words) <= 6 and kind:
                out.append(words.upper())
            elif kind == "name" and len(words.split()) >= min_words and \
                    not (min_words > 1 and titles & set(normalize(words).split())):
                out.append(title_case(words))
    return list(dict.fromkeys(out))


def named_row(record: PhoenixRecord, kind: str, countries: frozenset[str], is_common: Callable[[str], bool],
              titles: frozenset[str] = frozenset()) -> tuple[list[str], str, str | None, str | None, str] | None:
    """(aliases, kind, code, sector, periods) of a record, or None when it codes nothing usable."""
    dated: list[Period] = []
    default: Period | None = None
    for restriction in record.restrictions:
        coded = actor_code(restriction.code, countries)
        if coded is None or coded == (None, None):
            continue
        period = Period(coded[0], coded[1], restriction.start, restriction.end)
        if restriction.start is None and restriction.end is None:
            default = default or period
        else:
            dated.append(period)
    if default is None and not dated:
        return None
    is_block = kind == "leader" and not dated and default is not None and default.sector is None
    if is_block:
        kind = "city"  # a country's block: its cities, regions and other names
    elif kind == "igo" and (default or dated[0]).code not in ("IGO", "NGO"):
        kind = "leader"
    people = kind == "leader" or kind == "igo" and bool(dated)
    names = aliases(record, is_common, 2 if people else 1, titles)
    if not names:
        return None
    periods = dated + ([default] if default and dated else [])
    latest = max(dated, key=lambda p: p.start or date.min) if dated else default
    code = default.code if default and default.code else latest.code
    sector = default.sector if default and default.code else None
    if code is None:
        return None
    return names, kind, code, sector, format_periods(periods) if dated else ""


def agent_rows(text: str, place_words: frozenset[str]) -> dict[str, str]:
    """{phrase: sector} of Phoenix.agents.txt, with substitution sets and plurals expanded."""
    substitutions: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in text.splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body or body.startswith("<"):
            continue
        if body.startswith("!") and "=" in body:
            marker, _, items = body.partition("=")
            substitutions[marker.strip()] = [item.strip() for item in items.split(",") if item.strip()]
            continue
        match = re.match(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)[\]}]", body)
        if match is None:
            continue
        phrase, plural, code = match.group(1), match.group(2), match.group(3)
        sector = agent_sector(code)
        if sector is None:
            continue
        for form in _agent_forms(phrase.strip(), plural, substitutions):
            words = form.lower().replace("_", " ").split()
            if not words or len(words) > MAX_AGENT_WORDS or words[-1] in place_words or \
                    not all(re.fullmatch(r"[a-z][a-z.'-]*", w) for w in words):
                continue
            rows.setdefault(" ".join(words), sector)
    return rows


def _agent_forms(phrase: str, plural: str | None, substitutions: dict[str, list[str]]) -> list[str]:
    marker = next((m for m in substitutions if m in phrase), None)
    if marker is not None:
        return [phrase.replace(marker, item) for item in substitutions[marker]]
    forms = [phrase]
    if plural is not None:
        forms += [p for p in plural.strip("{}").split() if p]
    elif phrase.endswith("Y") and phrase[-2:-1] not in "AEIOU":
        forms.append(phrase[:-1] + "IES")
    elif phrase.endswith(("SS", "SH", "CH", "X")):
        forms.append(phrase + "ES")
    elif not phrase.endswith("S"):
        forms.append(phrase + "S")
    return forms


def common_word_test() -> Callable[[str], bool]:
    """English common words by spaCy's lemma index (verbs, adjectives, adverbs) and stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from warmonitor.nlp.model import load_nlp

    index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    common = set(STOP_WORDS) | set(index["verb"]) | set(index["adj"]) | set(index["adv"])

    def is_common(word: str) -> bool:
        stems = {word, word[:-1] if word.endswith("s") else word, word[:-3] if word.endswith("ing") else word,
                 word[:-2] if word.endswith("ed") else word}
        return bool(stems & common)
    return is_common


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    countries = frozenset(fields[0] for _, fields in read_tsv(DATA_DIR / "countries.tsv", min_fields=3, max_fields=6))
    hand = read_sector_yaml(DATA_DIR / "sectors.yaml")
    sector_words = {normalize(w) for key in ("nouns", "modifiers") for w in dict(hand[key])}
    place_words = frozenset(normalize(w) for w in hand["place_heads"])
    titles = frozenset(word for phrase in sector_words for word in phrase.split()) - {"of", "the", "and"}
    is_common = common_word_test()
    rows = []
    for file_name, kind in FILES.items():
        text = (source / file_name).read_text(encoding="utf-8", errors="replace")
        rows += [row for row in (named_row(r, kind, countries, is_common, titles) for r in parse_actor_file(text))
                 if row]
    owners: dict[str, set[str]] = defaultdict(set)
    for names, _kind, code, _sector, periods in rows:
        for alias in names:  # a person listed twice is one person: the first row wins in the loader
            owners[normalize(alias)].add("person" if periods else code or "")
    ambiguous = {key for key, codes in owners.items() if len(codes) > 1} | sector_words | place_words
    OUT.mkdir(exist_ok=True)
    lines = ["# Generated by scripts/convert_phoenix.py from the Phoenix actor dictionaries (MIT, see LICENSE).",
             "# Do not edit: add or correct actors in the hand-curated files of actors/data/, which win.",
             "# name\taliases\tkind\tcode\tsector\tperiods (code/sector/from/to|...)"]
    for names, kind, code, sector, periods in rows:
        kept = [alias for alias in names if normalize(alias) not in ambiguous]
        if kept:
            lines.append("\t".join((kept[0], "|".join(kept[1:]), kind, code or "-", sector or "-", periods)))
    (OUT / "names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    agents = agent_rows((source / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace"), place_words)
    (OUT / "sectors.tsv").write_text(
        "# Generated by scripts/convert_phoenix.py from Phoenix.agents.txt (MIT, see LICENSE); sectors.yaml wins.\n"
        "# phrase\tsector\n" + "".join(f"{p}\t{s}\n" for p, s in sorted(agents.items())), encoding="utf-8")
    (OUT / "LICENSE").write_text(
        "The files names.tsv and sectors.tsv in this folder are generated from the Phoenix actor and agent\n"
        "dictionaries of PETRARCH2 (https://github.com/openeventdata/petrarch2), under this licence:\n\n"
        + (source / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{len(lines) - 3} named actors, {len(agents)} sector nouns written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
