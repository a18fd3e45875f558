"""The watcher end to end on a local news site: FEEDS feeds of ENTRIES entries each (50 x 20
by default), every entry a page of its own, served by tests/news_server.py on loopback. One
round (`Watcher.run_round`, as `warmonitor watch --once`) into a fresh SQLite store, with 1
and then 2 workers; prints articles a minute end to end and the share of the stage time
spent fetching, extracting (trafilatura), coding (the pipeline) and storing.

    python bench/bench_watch.py                 # the real pipeline (spaCy, the gazetteer)
    python bench/bench_watch.py --fake          # the tests' stand-in coder: the watcher's own cost
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from news_server import NewsServer, article_html  # noqa: E402

from warmonitor.config import Settings  # noqa: E402
from warmonitor.ingest import article_from_html  # noqa: E402
from warmonitor.models import Article  # noqa: E402
from warmonitor.store import Store  # noqa: E402
from warmonitor.watch import build_watcher  # noqa: E402
from warmonitor.watch.sources import Source, SourceFile, WatchSettings  # noqa: E402

PLACES = ["Saraqeb", "Maarat al-Numan", "Idlib", "Aleppo", "Kidal", "Mosul", "Gao", "Tal Afar",
          "Deir Ezzor", "Menaka"]
ACTORS = ["Government forces", "Rebel fighters", "Militants", "Troops", "Gunmen"]


def story(feed: int, entry: int) -> str:
    """An invented wire story: who attacked where, how many died, who said so."""
    n = feed * 1000 + entry
    place, actor = PLACES[n % len(PLACES)], ACTORS[n % len(ACTORS)]
    dead = 2 + n % 9
    published = (date(2020, 1, 1) + timedelta(days=n % 700)).isoformat()  # a stream over two years
    return article_html(f"{actor} attack near {place} ({n})", published=published, paragraphs=[
        f"{actor} shelled villages near {place} on Wednesday, killing {dead} civilians and wounding "
        f"{dead * 2} others, a monitoring group said (happening {n}).",
        f"Residents said the attack on {place} began before dawn and lasted several hours. "
        "Aid workers reported that hundreds of families had fled toward the border.",
        "The government did not comment on the reports. A spokesman for the armed group "
        "accused the army of targeting civilians and vowed to respond.",
    ])


def serve_site(site: NewsServer, feeds: int, entries: int) -> list[Source]:
    sources = []
    for feed in range(feeds):
        links = []
        for entry in range(entries):
            path = f"/news/{feed}/{entry}-attack-report-{feed}-{entry}"
            site.page(path, story(feed, entry))
            links.append((path, f"Report {feed}-{entry}"))
        site.feed(f"/feeds/{feed}.xml", links, title=f"Wire {feed}")
        sources.append(Source(name=f"wire-{feed}", url=site.url(f"/feeds/{feed}.xml"),
                              outlet=f"Wire {feed}", allow_private=True))
    return sources


def run(workers: int, sources: list[Source], settings: Settings) -> None:
    folder = Path(tempfile.mkdtemp(prefix="warmonitor-bench-watch-"))
    url = f"sqlite:///{folder / 'watch.db'}"
    store = Store.open(url)
    watch_settings = replace(WatchSettings(), host_delay=0.0, workers=workers, timeout=30.0)
    watcher = build_watcher(store, SourceFile(tuple(sources), watch_settings),
                            replace(settings, database_url=url))
    warm = Article(id="warm-up", text="Troops shelled Saraqeb on Wednesday, killing four civilians.")
    article_from_html(story(0, 0), id="warm-up")  # trafilatura's first call loads its parts
    warming = [watcher.engine.submit([warm]) for _ in range(2 * workers)]
    for future in warming:  # each worker loads the coder before the clock starts
        future.result()
    started = time.perf_counter()
    report = watcher.run_round()
    elapsed = time.perf_counter() - started
    watcher.engine.close()
    watcher.close()
    stored, events = report.total("stored"), report.total("events")
    stages = report.seconds
    total = sum(stages.values()) or 1.0
    shares = ", ".join(f"{name} {100 * seconds / total:.0f}%" for name, seconds in stages.items())
    print(f"workers={workers}: {stored} articles ({events} events) in {elapsed:.1f} s = "
          f"{60 * stored / elapsed:,.0f} articles/min end to end; stage time: {shares}", flush=True)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--fake", action="store_true", help="the tests' stand-in coder instead of the pipeline")
    args = parser.parse_args()
    if args.fake:
        os.environ["WARMONITOR_EXTRACTOR"] = "fake_pipeline:build"
    settings = Settings.from_env()
    print(f"bench_watch: {args.feeds} feeds x {args.entries} entries on loopback, "
          f"coder {settings.extractor}, {os.cpu_count()} cores", flush=True)
    for workers in args.workers:
        with NewsServer() as site:
            site.route("/robots.txt", status=404)
            run(workers, serve_site(site, args.feeds, args.entries), settings)


if __name__ == "__main__":
    main()
