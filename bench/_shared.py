"""What the benchmark scripts share: where ../shared is, and running a scorer on records."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _find_shared() -> Path:
    """../shared beside the checkout, or beside a folder above it (a git worktree lives deeper);
    WARMONITOR_SHARED wins."""
    if os.environ.get("WARMONITOR_SHARED"):
        return Path(os.environ["WARMONITOR_SHARED"])
    checkout = Path(__file__).resolve().parents[1]
    for folder in checkout.parents:
        if (folder / "shared").is_dir():
            return folder / "shared"
    return checkout.parent / "shared"


SHARED = _find_shared()


def run_scorer(scorer: Path, gold: Path, records: Iterable[dict], *extra: str) -> int:
    """Write `records` as JSON Lines, run the shared `scorer` on them, echo its output."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(scorer), str(gold), out.name, *extra], check=False)
    return result.returncode
