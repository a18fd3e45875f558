"""Word lists for dates, quantities and attribution, kept as TSV files an analyst can edit.

Each file has one entry a line, columns separated by tabs; ``#`` starts a comment line.
Files are read once per process and checked on load: a bad line raises `DataFileError`
naming the file and the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import DataFileError

DATA_DIR = Path(__file__).parent


class Row(NamedTuple):
    """One entry of a word list: its cells and the line it came from."""

    line: int
    cells: tuple[str, ...]


@lru_cache(maxsize=None)
def read_table(name: str, columns: int) -> tuple[Row, ...]:
    """The rows of ``lexicon_data/<name>``, each exactly `columns` tab-separated cells.

    Cells are stripped and lower-cased; blank lines and ``#`` comments are skipped.
    """
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read the word list ({exc}); reinstall warmonitor.") from exc
    rows: list[Row] = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = tuple(cell.strip().lower() for cell in line.split("\t"))
        if len(cells) != columns or not all(cells):
            raise DataFileError(
                f"{path}:{lineno}: expected {columns} non-empty tab-separated columns, "
                f"got {len(cells)}: {line!r}"
            )
        rows.append(Row(lineno, cells))
    if not rows:
        raise DataFileError(f"{path}: the word list is empty.")
    return tuple(rows)


def int_cell(name: str, row: Row, column: int) -> int:
    """Cell `column` of `row` (from file `name`) as an integer, or a DataFileError."""
    try:
        return int(row.cells[column])
    except ValueError as exc:
        raise DataFileError(
            f"{DATA_DIR / name}:{row.line}: {row.cells[column]!r} is not an integer."
        ) from exc


def choice_cell(name: str, row: Row, column: int, allowed: tuple[str, ...]) -> str:
    """Cell `column` of `row` checked against `allowed`, or a DataFileError."""
    value = row.cells[column]
    if value not in allowed:
        raise DataFileError(
            f"{DATA_DIR / name}:{row.line}: {value!r} must be one of {', '.join(allowed)}."
        )
    return value


# The date words of dates.tsv: month and weekday names, days counted from publication
# ("yesterday", "overnight") or from the told time ("the day before"), units, parts of the day.
DATE_KINDS = ("month", "weekday", "relday", "anchored", "unit", "daypart", "sequel", "sequence", "counted",
              "within", "starting")


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    reldays: dict[str, int]
    anchored: dict[str, int]
    units: dict[str, str]
    dayparts: tuple[str, ...]
    #: Verbs of "it comes a week after ...": what follows happened that long before the telling.
    sequels: tuple[str, ...] = ()
    #: Words that open a clause of another happening ("before slipping away ..."): its time is its own.
    sequence_marks: frozenset[str] = frozenset()
    #: Nouns a number before counts ("the 2000 troops"): that number is no year.
    counted_nouns: tuple[str, ...] = ()
    #: Prepositions whose object's time is the time of what happens in it ("during Sunday's protest").
    within_preps: frozenset[str] = frozenset()
    #: Words opening a clause a span starts from ("since protests erupted two months ago").
    starting_marks: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The date words of lexicon_data/dates.tsv by kind, read and checked once."""
    tables: dict[str, dict[str, str]] = {kind: {} for kind in DATE_KINDS}
    for row in read_table("dates.tsv", 3):
        kind = choice_cell("dates.tsv", row, 1, DATE_KINDS)
        if kind in ("month", "weekday", "relday", "anchored"):
            int_cell("dates.tsv", row, 2)
        tables[kind][row.cells[0]] = row.cells[2]
    return DateWords(
        months={k: int(v) for k, v in tables["month"].items()},
        weekdays={k: int(v) for k, v in tables["weekday"].items()},
        reldays={k: int(v) for k, v in tables["relday"].items()},
        anchored={k: int(v) for k, v in tables["anchored"].items()},
        units=dict(tables["unit"]),
        dayparts=tuple(tables["daypart"]),
        sequels=tuple(tables["sequel"]),
        sequence_marks=frozenset(tables["sequence"]),
        counted_nouns=tuple(tables["counted"]),
        within_preps=frozenset(tables["within"]),
        starting_marks=frozenset(tables["starting"]),
    )


def alternation(words: object) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]
