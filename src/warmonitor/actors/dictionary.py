"""The actor dictionary: countries, seats of power, armed groups, IGOs, leaders and sector words.

Loaded once from the files in `actors/data/` (`ActorDictionary.load()`), validated on load, and
turned into plain dicts keyed by normalised lowercase text so that resolving a phrase costs a few
dict lookups. Example: ``ActorDictionary.load().lookup("the Kremlin")`` gives RUS/GOV.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from .cache import load_or_build
from .phoenix import code_on, parse_periods
from .tables import NamedRow, check_code, read_named_table, read_sector_yaml, read_tsv, split_alternatives

DATA_DIR = Path(__file__).parent / "data"
#: The folder of data converted from other dictionaries (scripts/convert_phoenix.py).
GENERATED = "phoenix"

#: Named-actor tables in order of precedence: an alias listed in an earlier table wins.
NAMED_TABLES: tuple[tuple[str, str], ...] = (
    ("seats.tsv", "seat"), ("igos.tsv", "igo"), ("armed_groups.tsv", "group"),
    ("media.tsv", "media"), ("leaders.tsv", "leader"),
)


@dataclass(frozen=True, slots=True)
class Country:
    """One row of countries.tsv."""

    iso3: str
    iso2: str
    name: str


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """What a matched name stands for. `kind` is country, adjective, capital, city, seat, igo,
    group, media, leader or place; `periods` holds an office holder's dated codes (names.tsv)."""

    name: str
    code: str | None
    sector: str | None
    kind: str
    periods: str = ""

    def on(self, day: date | None) -> ActorEntry:
        """The entry as it stood on `day`: a president is GOV of their country only in office."""
        if not self.periods:
            return self
        code, sector = code_on(parse_periods(self.periods), day)
        return replace(self, code=code, sector=sector)


_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def normalize(text: str) -> str:
    """The lookup key of a phrase: lowercased, hyphens as spaces, one space between words, curly
    quotes and a leading "the" removed ("The  Kremlin" -> "kremlin", "al-Qaeda" -> "al qaeda")."""
    key = " ".join(_INNER_HYPHEN.sub(" ", text.replace("\u2019", "'").replace("\u2018", "'")).lower().split())
    return key[4:] if key.startswith("the ") else key


_WORD_BREAK = re.compile(r"[\s\-'.]")
_PREFIX_ENDS = frozenset(" '.")


def first_word(text: str) -> str:
    """The first word of a phrase, as the name index keys it ("Al-Qaeda" -> "al", "U.S." -> "u"):
    a token whose first word starts no name is skipped without building any phrase."""
    return _WORD_BREAK.split(text.replace("\u2019", "'").replace("\u2018", "'").lower().strip(), 1)[0]


def is_abbreviation(alias: str) -> bool:
    """All-capital aliases ("US", "IS", "WHO") must match with their case, not as the words "us"/"who"."""
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) <= 6


@dataclass
class ActorDictionary:
    """All actor knowledge as lookup tables; build with `ActorDictionary.load()`."""

    countries: dict[str, Country] = field(default_factory=dict)
    iso2_index: dict[str, str] = field(default_factory=dict)
    names: dict[str, ActorEntry] = field(default_factory=dict)
    abbreviations: dict[str, ActorEntry] = field(default_factory=dict)
    places: dict[str, ActorEntry] = field(default_factory=dict)
    sector_nouns: dict[str, str] = field(default_factory=dict)
    #: the Phoenix agents (phoenix/sectors.tsv): head nouns and titles only, never modifiers, and
    #: below the hand-curated sector_nouns
    agent_nouns: dict[str, str] = field(default_factory=dict)
    sector_modifiers: dict[str, str] = field(default_factory=dict)
    weak_heads: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    instrument_heads: frozenset[str] = frozenset()
    outlet_heads: frozenset[str] = frozenset()
    patron_suffixes: frozenset[str] = frozenset()
    patron_prefixes: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()
    locative_prepositions: frozenset[str] = frozenset()
    neighbour_words: frozenset[str] = frozenset()
    speaker_heads: frozenset[str] = frozenset()
    belonging_heads: frozenset[str] = frozenset()
    name_templates: dict[str, str] = field(default_factory=dict)
    demonym_sector: str | None = "CVL"
    #: first word of a name -> widest token window a name starting with it may need
    first_words: dict[str, int] = field(default_factory=lambda: {"the": 1})
    #: every key cut at a word break ("al", "al qaeda", "al qaeda in"): a window that is none of
    #: these starts no longer name, so matching stops growing it
    prefixes: set[str] = field(default_factory=lambda: {"the"})

    @classmethod
    def load(cls, data_dir: Path | None = None) -> ActorDictionary:
        """The dictionary built from `data_dir` (default: the bundled data), cached per folder."""
        return _load_cached(str(data_dir or DATA_DIR))

    def lookup(self, text: str) -> ActorEntry | None:
        """The entry a phrase names, or None. Abbreviations match only with their exact case."""
        text = " ".join(text.split())
        if text[:4].lower() == "the ":
            text = text[4:]
        exact = self.abbreviations.get(text)
        if exact is not None:
            return exact
        if not text[:1].isupper() and not text[:1].isdigit():
            return None
        return self.names.get(normalize(text))

    def country_name(self, iso3: str | None) -> str | None:
        """The canonical name of a country code (None for unknown codes, IGO and NGO)."""
        country = self.countries.get(iso3 or "")
        return country.name if country else None

    def _add(self, alias: str, entry: ActorEntry, path: Path, line: int, *, generated: bool = False) -> None:
        if is_abbreviation(alias):
            table, key = self.abbreviations, " ".join(alias.split())
        else:
            table, key = self.names, normalize(alias)
        known = table.get(key)
        if known is not None and not generated and known.kind == entry.kind and known.code != entry.code:
            raise DataFileError(f"{path}:{line}: {alias!r} is already listed for {known.code} "
                                f"({known.name}); an alias may name only one actor per file.")
        if known is None:
            table[key] = entry
            self._index(key)

    def _index(self, key: str) -> None:
        key = normalize(key)
        self.prefixes.update(key[:k].rstrip() for k, ch in enumerate(key) if ch in _PREFIX_ENDS)
        self.prefixes.add(key)
        first, width = first_word(key), len(key.split()) + key.count("-") * 2 + key.count(".") + 1
        if self.first_words.get(first, 0) < width:
            self.first_words[first] = width
        if self.first_words["the"] <= width:  # "The Kremlin": the names are keyed without "the"
            self.first_words["the"] = width + 1


@lru_cache(maxsize=4)
def _load_cached(data_dir: str) -> ActorDictionary:
    folder = Path(data_dir)
    if folder.resolve() == DATA_DIR.resolve():  # the bundled data: compiled once into the cache folder
        return load_or_build(folder, _build)
    return _build(folder)


def _build(folder: Path) -> ActorDictionary:
    dictionary = ActorDictionary()
    _load_countries(dictionary, folder / "countries.tsv")
    known = frozenset(dictionary.countries)
    for file_name, kind in NAMED_TABLES:
        path = folder / file_name
        for row in read_named_table(path, known):
            _add_named(dictionary, row, kind, path)
    _load_country_words(dictionary, folder / "countries.tsv")
    if (folder / GENERATED / "names.tsv").exists():
        _load_generated_names(dictionary, folder / GENERATED / "names.tsv", known)
    places_path = folder / "places.tsv"
    for row in read_named_table(places_path, known, with_sector=False):
        entry = ActorEntry(row.name, row.code, None, "place")
        for alias in (row.name, *row.aliases):
            dictionary.places.setdefault(normalize(alias), entry)
            dictionary._index(normalize(alias))
    _load_sectors(dictionary, folder / "sectors.yaml")
    if (folder / GENERATED / "sectors.tsv").exists():
        for _line, (phrase, sector) in read_tsv(folder / GENERATED / "sectors.tsv", min_fields=2, max_fields=2):
            if phrase not in dictionary.sector_nouns:
                dictionary.agent_nouns[phrase] = sector
    return dictionary


def _load_generated_names(dictionary: ActorDictionary, path: Path, known: frozenset[str]) -> None:
    """The names converted from the Phoenix dictionaries; any hand-curated alias wins over them."""
    for line, fields in read_tsv(path, min_fields=5, max_fields=6):
        name, aliases, kind, code, sector, periods = fields
        code_value = check_code(path, line, code, known)
        if kind == "city":
            name = dictionary.country_name(code_value) or name
        entry = ActorEntry(name, code_value, None if sector == "-" else sector, kind, periods)
        for alias in (fields[0], *split_alternatives(aliases)):
            dictionary._add(alias, entry, path, line, generated=True)


def _add_named(dictionary: ActorDictionary, row: NamedRow, kind: str, path: Path) -> None:
    entry = ActorEntry(row.name, row.code, row.sector, kind)
    for alias in dict.fromkeys((row.name, *row.aliases)):
        dictionary._add(alias, entry, path, row.line)


def _load_countries(dictionary: ActorDictionary, path: Path) -> None:
    for line, fields in read_tsv(path, min_fields=3, max_fields=6):
        iso3, iso2, name = fields[0], fields[1], fields[2]
        if len(iso3) != 3 or not iso3.isupper() or len(iso2) != 2 or not iso2.isupper():
            raise DataFileError(f"{path}:{line}: expected an upper-case ISO alpha-3 and alpha-2 code, "
                                f"found {iso3!r} and {iso2!r}.")
        if iso3 in dictionary.countries:
            raise DataFileError(f"{path}:{line}: {iso3} is listed twice.")
        dictionary.countries[iso3] = Country(iso3, iso2, name)
        dictionary.iso2_index[iso2] = iso3


def _load_country_words(dictionary: ActorDictionary, path: Path) -> None:
    """Names, adjectives and capitals, added after the named tables so "Hamas" etc. take precedence."""
    for line, fields in read_tsv(path, min_fields=3, max_fields=6):
        iso3, name = fields[0], fields[2]
        for column, kind in ((3, "country"), (4, "adjective"), (5, "capital")):
            words = split_alternatives(fields[column])
            if kind == "country":
                words = (name, *words)
            for alias in words:
                dictionary._add(alias, ActorEntry(name, iso3, "GOV" if kind == "capital" else None, kind),
                                path, line)


def _load_sectors(dictionary: ActorDictionary, path: Path) -> None:
    data = read_sector_yaml(path)
    dictionary.sector_nouns = {normalize(k): v for k, v in dict(data["nouns"]).items()}
    dictionary.sector_modifiers = {normalize(k): v for k, v in dict(data["modifiers"]).items()}
    dictionary.weak_heads = frozenset(normalize(word) for word in data["weak_heads"])
    dictionary.place_heads = frozenset(normalize(word) for word in data["place_heads"])
    dictionary.instrument_heads = frozenset(normalize(word) for word in data["instrument_heads"])
    dictionary.outlet_heads = frozenset(normalize(word) for word in data["outlet_heads"])
    dictionary.patron_suffixes = frozenset(normalize(word) for word in data["patron_suffixes"])
    dictionary.patron_prefixes = frozenset(normalize(word) for word in data["patron_prefixes"])
    dictionary.former_words = frozenset(normalize(word) for word in data["former_words"])
    dictionary.locative_prepositions = frozenset(normalize(word) for word in data["locative_prepositions"])
    dictionary.neighbour_words = frozenset(normalize(word) for word in data["neighbour_words"])
    dictionary.speaker_heads = frozenset(normalize(word) for word in data["speaker_heads"])
    dictionary.belonging_heads = frozenset(normalize(word) for word in data["belonging_heads"])
    dictionary.name_templates = dict(data["names"])
