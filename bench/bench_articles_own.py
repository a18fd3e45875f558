"""The project's own 36 whole articles (bench/data/articles_own) through the shared articles
scorer: required recall, precision, duplicates and forbidden records for the tune and check
halves (split by the scorer's hash of the article name).

    python bench/bench_articles_own.py

Read only the tune half's errors (`--half tune --show` on the scorer); report both halves.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "bench" / "articles" / "score.py"
ARTICLES = ROOT / "bench" / "data" / "articles_own"


def main() -> int:
    if not SCORER.is_file():
        sys.exit(f"the shared articles scorer is missing: {SCORER}")
    for half in ("tune", "check"):
        run = subprocess.run([sys.executable, str(SCORER), str(ARTICLES), "--half", half],
                             capture_output=True, text=True, cwd=ROOT, check=False)
        lines = (run.stdout or run.stderr).strip().splitlines()
        sys.stdout.write((lines[-1] if lines else f"{half}: no output") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
