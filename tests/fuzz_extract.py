"""A coverage-guided fuzz target (atheris, libFuzzer) for the extract entry point: bytes read
as a text file or an HTML page, then the full pipeline. Reading may refuse the input with
InputError and the coder with ExtractionError (both name the input and say why); anything
else, or a record that breaks the spec, is a crash that libFuzzer saves and reports.

    python tests/fuzz_extract.py CORPUS_DIR -max_total_time=30 -max_len=4096

`test_fuzz.py` runs it for a bounded time on the test articles as the seed corpus.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date

import atheris

with atheris.instrument_imports(include=["warmonitor"]):
    from warmonitor.errors import WarmonitorError
    from warmonitor.ingest.html import article_from_html
    from warmonitor.ingest.text import article_from_text, decode_bytes
    from warmonitor.pipeline import Pipeline
    from warmonitor.store.validate import record_problems

PIPELINE = Pipeline()


def one_input(data: bytes) -> None:
    """Read `data` as an article (the first byte picks text or HTML and a publication date
    anywhere in years 1..9999), extract its events and check every record."""
    provider = atheris.FuzzedDataProvider(data)
    as_html = provider.ConsumeBool()
    day = date.fromordinal(provider.ConsumeIntInRange(1, date(9999, 12, 31).toordinal()))
    raw = provider.ConsumeBytes(provider.remaining_bytes())
    try:
        if as_html:
            article = article_from_html(raw.decode("utf-8", errors="replace"), id="fuzz")
        else:
            article = article_from_text(decode_bytes(raw, source="fuzz"), id="fuzz")
        article = replace(article, published=day)
        events = PIPELINE.extract_article(article)
    except WarmonitorError:
        return
    for event in events:
        problems = record_problems(event.to_dict())
        if problems:
            raise AssertionError(f"record breaks the spec: {problems}")


def main() -> None:
    PIPELINE.warm_up()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
