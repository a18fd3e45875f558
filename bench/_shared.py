"""What the benchmark scripts share: where ../shared is, and running a scorer on records."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

_BESIDE = Path(__file__).resolve().parents[1].parent / "shared"
#: ../shared beside the checkout, or WARMONITOR_SHARED (a git worktree lives one level deeper).
SHARED = Path(os.environ.get("WARMONITOR_SHARED") or (_BESIDE if _BESIDE.exists() else "/work/shared"))


def run_scorer(scorer: Path, gold: Path, records: Iterable[dict], *extra: str) -> int:
    """Write `records` as JSON Lines, run the shared `scorer` on them, echo its output."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(scorer), str(gold), out.name, *extra], check=False)
    return result.returncode
