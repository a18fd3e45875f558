"""Readers for the actor data files (TSV and YAML), validating as they read.

Every problem raises `DataFileError` naming the file and the line, so an analyst who edits a
table can find the mistake at once.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DataFileError
from ..models import SECTORS

#: Codes an entity may carry besides ISO 3166-1 alpha-3.
#: IMG is PLOVER's transnational militarized group (Islamic State, al-Qaeda and their affiliates).
BODY_CODES: frozenset[str] = frozenset({"IGO", "NGO", "IMG"})
#: The plain word lists of sectors.yaml.
SECTOR_LIST_KEYS: tuple[str, ...] = ("weak_heads", "patron_suffixes", "patron_prefixes",
                                     "locative_prepositions", "place_heads", "instrument_heads",
                                     "outlet_heads", "former_words", "neighbour_words", "speaker_heads",
                                     "belonging_heads")


@dataclass(frozen=True)
class NamedRow:
    """One row of a named-actor table: canonical name, aliases, country code, sector."""

    name: str
    aliases: tuple[str, ...]
    code: str | None
    sector: str | None
    line: int


def split_alternatives(field: str) -> tuple[str, ...]:
    """The `|`-separated alternatives of a TSV field, stripped, empty ones dropped."""
    return tuple(part.strip() for part in field.split("|") if part.strip())


def read_tsv(path: Path, *, min_fields: int, max_fields: int) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for each non-comment, non-blank line of a TSV file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the actor data file ({exc}).") from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in raw.split("\t")]
        while len(fields) > min_fields and not fields[-1]:
            fields.pop()
        if not (min_fields <= len(fields) <= max_fields):
            raise DataFileError(
                f"{path}:{number}: expected {min_fields} to {max_fields} tab-separated fields, "
                f"found {len(fields)}. Separate the columns with single tabs."
            )
        fields += [""] * (max_fields - len(fields))
        yield number, fields


def check_code(path: Path, line: int, code: str, known_iso3: frozenset[str]) -> str | None:
    """Validate a code field: an ISO3 known to countries.tsv, IGO/NGO/IMG, or `-` for none."""
    if code in ("-", ""):
        return None
    if code in BODY_CODES or code in known_iso3:
        return code
    raise DataFileError(
        f"{path}:{line}: unknown country code {code!r}. Use an ISO 3166-1 alpha-3 code listed in "
        f"countries.tsv, IGO, NGO, IMG, or '-' for none."
    )


def check_sector(path: Path, line: int, sector: str) -> str | None:
    """Validate a sector field against the sectors of models.SECTORS (`-` for none)."""
    if sector in ("-", ""):
        return None
    if sector in SECTORS:
        return sector
    raise DataFileError(
        f"{path}:{line}: unknown sector {sector!r}; use one of {', '.join(SECTORS)} or '-'."
    )


def read_named_table(path: Path, known_iso3: frozenset[str], *, with_sector: bool = True) -> list[NamedRow]:
    """Read a `name, aliases, code[, sector]` table (armed groups, IGOs, seats, leaders, media, places)."""
    width = 4 if with_sector else 3
    rows: list[NamedRow] = []
    for line, fields in read_tsv(path, min_fields=width - 1, max_fields=width):
        name, aliases, code = fields[0], fields[1], fields[2]
        if not name:
            raise DataFileError(f"{path}:{line}: the name column is empty.")
        sector = check_sector(path, line, fields[3]) if with_sector else None
        rows.append(NamedRow(name, split_alternatives(aliases), check_code(path, line, code, known_iso3),
                             sector, line))
    return rows


def read_sector_yaml(path: Path) -> dict[str, dict[str, str] | list[str]]:
    """Read sectors.yaml into {"nouns": {word: sector}, "modifiers": {word: sector},
    "weak_heads": [word], "names": {sector: template}}, checking every item and its line."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot parse the sector file ({exc}).") from exc
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(f"{path}:1: expected a mapping with keys nouns, modifiers, weak_heads, names.")
    result: dict[str, dict[str, str] | list[str]] = {"nouns": {}, "modifiers": {}, "names": {}}
    result.update({key: [] for key in SECTOR_LIST_KEYS})
    for key_node, value_node in root.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key not in result:
            raise DataFileError(f"{path}:{line}: unknown key {key!r}; expected one of "
                                f"{', '.join(result)}.")
        if key in SECTOR_LIST_KEYS:
            result[key] = _word_list(path, value_node, key)
            continue
        if not isinstance(value_node, yaml.MappingNode):
            raise DataFileError(f"{path}:{line}: {key} must map sectors to {'templates' if key == 'names' else 'lists of words'}.")
        table = result[key]
        assert isinstance(table, dict)
        for sector_node, item_node in value_node.value:
            sline = sector_node.start_mark.line + 1
            sector = check_sector(path, sline, str(sector_node.value))
            if key == "names":
                if not isinstance(item_node, yaml.ScalarNode) or "{country}" not in item_node.value:
                    raise DataFileError(f"{path}:{sline}: the name template must contain {{country}}.")
                table[str(sector)] = item_node.value
                continue
            for word, wline in zip(_word_list(path, item_node, f"{key}.{sector}"), _lines(item_node)):
                word = word.lower()
                if table.get(word, sector) != sector:
                    raise DataFileError(f"{path}:{wline}: {word!r} is listed under both {table[word]} "
                                        f"and {sector} in {key}; keep it under one sector.")
                table[word] = str(sector)
    return result


def _lines(node: yaml.Node) -> list[int]:
    return [item.start_mark.line + 1 for item in node.value]


def _word_list(path: Path, node: yaml.Node, where: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        raise DataFileError(f"{path}:{node.start_mark.line + 1}: {where} must be a list of words.")
    words: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise DataFileError(f"{path}:{item.start_mark.line + 1}: {where} has an empty or "
                                f"non-text item.")
        words.append(" ".join(str(item.value).split()))
    return words
