"""Shared fixtures: the spaCy pipeline and the extraction pipeline (loaded once), test data."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


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
    from warmonitor.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp):
    """The full extraction pipeline with the default settings (gazetteer in the user cache)."""
    from warmonitor.pipeline import Pipeline

    pipe = Pipeline(nlp=nlp)
    pipe.warm_up()
    return pipe
