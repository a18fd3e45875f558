"""The project's own whole articles through the shared articles scorer: required recall,
precision, duplicates and forbidden records for the tune and check halves (split by the
scorer's hash of the article name), for each set (bench/data/articles_own: 36 articles;
articles_own2: 30; articles_own3: 20; articles_own4: 16, each written blind to the code of its day).

    python bench/bench_articles_own.py [SET ...]     # e.g. articles_own3; default: all

Read only the tune half's errors (`--half tune --show` on the scorer); report both halves.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "bench" / "articles" / "score.py"
DATA = ROOT / "bench" / "data"
SETS = ("articles_own", "articles_own2", "articles_own3", "articles_own4")


def main(argv: list[str] | None = None) -> int:
    if not SCORER.is_file():
        sys.exit(f"the shared articles scorer is missing: {SCORER}")
    for name in (argv if argv is not None else sys.argv[1:]) or SETS:
        folder = DATA / name
        if not folder.is_dir():
            sys.exit(f"no such article set: {folder} (one of {', '.join(SETS)})")
        for half in ("tune", "check"):
            run = subprocess.run([sys.executable, str(SCORER), str(folder), "--half", half],
                                 capture_output=True, text=True, cwd=ROOT, check=False)
            lines = (run.stdout or run.stderr).strip().splitlines()
            sys.stdout.write(f"{name}: " + (lines[-1] if lines else f"{half}: no output") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
