"""The tune / check split of any gold set: by a hash of the item's id, never by its content.

Tune on the `tune` half, read only the figures of the `check` half: a coder whose check half
is far below its tune half is fitted to the sentences, not to the language.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

HALVES = ("tune", "check")


def half_of(item_id: object) -> str:
    """'tune' or 'check', stable for an id across runs, machines and Python versions."""
    digest = hashlib.sha1(str(item_id).encode("utf-8")).digest()
    return HALVES[digest[0] & 1]


def split_halves(items: Iterable[T], key: Callable[[T], object]) -> dict[str, list[T]]:
    """The items in their two halves, each in the order given."""
    halves: dict[str, list[T]] = {name: [] for name in HALVES}
    for item in items:
        halves[half_of(key(item))].append(item)
    return halves
