"""Shared fixtures: the spaCy pipeline and the extraction pipeline (loaded once), test data."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"
CHROMIUM = os.environ.get("WARMONITOR_CHROMIUM", "/usr/bin/chromium")  # Debian's package
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Hypothesis profiles. Under CI (CI set) every property test runs the same examples on every run
# (derandomized, no example database), so a fresh clone's `make test` passes or fails the same way
# each time; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) explores with FUZZ_FACTOR times the examples.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.register_profile("fuzz", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _CI else "dev")
settings.load_profile(PROFILE)
FUZZ_FACTOR = int(os.environ.get("FUZZ_FACTOR", "25"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under the fuzz profile, multiply each property test's own example count."""
    if PROFILE != "fuzz":
        return
    for item in items:
        function = getattr(item, "function", None)
        own = getattr(function, "_hypothesis_internal_use_settings", None)
        if own is not None:
            function._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
                own, max_examples=own.max_examples * FUZZ_FACTOR)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/data/expected/*.snapshot.jsonl from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def nlp():
    from warmonitor.nlp.model import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp):
    """The full extraction pipeline with the default settings (gazetteer in the user cache)."""
    from warmonitor.pipeline import Pipeline

    pipe = Pipeline(nlp=nlp)
    pipe.warm_up()
    return pipe


def _missing(reason: str) -> None:
    """Skip where the browser is not installed; under CI the browser is required, so fail."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true requires it: apt-get install -y chromium; pip install playwright)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is not installed")
    if not Path(CHROMIUM).is_file():
        _missing(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def site() -> Iterator[Any]:
    """A news site on loopback (tests/news_server.py) for the watcher; no robots.txt rules."""
    from news_server import NewsServer

    with NewsServer() as server:
        server.route("/robots.txt", status=404, body=b"")
        yield server


@pytest.fixture
def index_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built index in a cache folder of the test's own (WARMONITOR_CACHE)."""
    from warmonitor.config import Settings
    from warmonitor.geo import Gazetteer

    source = Settings.from_env().gazetteer_path
    Gazetteer.open(source).close()
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy(source, cache / "gazetteer.sqlite")
    monkeypatch.setenv("WARMONITOR_CACHE", str(cache))
    return cache / "gazetteer.sqlite"
