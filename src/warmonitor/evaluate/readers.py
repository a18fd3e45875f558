"""Reading gold and prediction files, with errors that name the file and the row."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError

Record = Mapping[str, Any]


def read_jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, object) for each non-blank line, `where` naming the file and the row ("gold.jsonl,
    row 3 (line 4)") for error messages; InputError naming the row of a line that is no object."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror}") from exc
    rows = 0
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            rows += 1
            where = f"{path}, row {rows}" + (f" (line {number})" if number != rows else "")
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise InputError(f"{where}: expected a JSON object, got {type(row).__name__}")
            yield where, row


def read_json(path: Path) -> dict[str, Any]:
    """One JSON object from a file; InputError when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}, line {exc.lineno}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object")
    return data


def require(where: str, row: Record, name: str, kind: type | tuple[type, ...]) -> Any:
    """row[name], checked to be of `kind`; InputError naming the row (`where`) and field otherwise."""
    value = row.get(name)
    if value is None or not isinstance(value, kind) or isinstance(value, bool):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        got = "missing" if value is None else f"a {type(value).__name__}"
        raise InputError(f"{where}: field {name!r} must be a {want}, is {got}")
    return value


def article_id(record: Record) -> str | None:
    """The id of the article a record came from (`article.id`, or `article_id`), as the shared scorers read it."""
    article = record.get("article")
    if isinstance(article, dict) and article.get("id"):
        return str(article["id"])
    value = record.get("article_id")
    return None if value is None else str(value)


def records_by_article(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Event records grouped by their article id."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        grouped[str(article_id(record))].append(record)
    return grouped


def read_records(path: Path) -> list[dict[str, Any]]:
    """Event records (or geoparser documents) from a JSON Lines file."""
    return [row for _, row in read_jsonl(path)]


def entities(record: Record, *roles: str) -> list[Record]:
    """The entity objects a record holds under `roles` (a single object or a list)."""
    found: list[Record] = []
    for role in roles:
        value = record.get(role) or []
        found.extend([value] if isinstance(value, dict) else [v for v in value if isinstance(v, dict)])
    return found


def codes(entity_list: list[Record]) -> set[str]:
    """The non-empty codes of some entities."""
    return {e["code"] for e in entity_list if e.get("code")}
