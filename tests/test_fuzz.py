"""The atheris fuzz target of the extract entry point (tests/fuzz_extract.py), run as a
subprocess with the test articles and the hostile corpus as seeds: it must end without a crash.
Under CI it runs a fixed number of inputs from a fixed seed (WARMONITOR_FUZZ_RUNS, default 200),
so every run tries the same inputs; elsewhere it runs for WARMONITOR_FUZZ_SECONDS (default 8)
from a random seed."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TARGET = Path(__file__).parent / "fuzz_extract.py"
DATA = Path(__file__).parent / "data"


@pytest.mark.model
@pytest.mark.gazetteer
def test_fuzzing_extract_finds_no_crash(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")
    seconds = int(os.environ.get("WARMONITOR_FUZZ_SECONDS", "8"))
    ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
    runs_wanted = int(os.environ.get("WARMONITOR_FUZZ_RUNS", "200"))
    bound = ["-seed=1", f"-runs={runs_wanted}"] if ci else [f"-max_total_time={seconds}"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in [*sorted((DATA / "articles").glob("*.txt")), *sorted((DATA / "bad").iterdir())]:
        if seed.stat().st_size <= 4096:
            shutil.copy(seed, corpus / seed.name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run(
        [sys.executable, str(TARGET), str(corpus), *bound, "-max_len=4096",
         "-rss_limit_mb=4096", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1"],
        env=env, capture_output=True, text=True, timeout=600)
    done = re.search(r"Done (\d+) runs in (\d+) second", run.stderr)
    assert run.returncode == 0 and done, run.stderr[-4000:]
    runs, took = int(done.group(1)), int(done.group(2))
    assert runs > 0
    print(f"fuzzed extract: {runs} runs in {took} s")
