"""A real warmonitor API server over a SQLite file, with a stand-in coder that gives two
events an article, for the crash test and the load benchmark (it runs as a subprocess so
it can be killed with SIGKILL).

    python tests/crash_server.py DB_PATH PORT [--delay SECONDS]
"""
from __future__ import annotations

import argparse
import sys
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from event_factory import ALEPPO, REBELS, SYRIAN_ARMY, make_event  # noqa: E402

from warmonitor.models import Article, Event  # noqa: E402

TOKEN = "crash-test-token"
EVENTS_PER_ARTICLE = 2


class TwoEvents:
    """Two events of every article, derived from its id (a stand-in for the NLP)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def extract_article(self, article: Article) -> list[Event]:
        if self.delay:
            time.sleep(self.delay)
        # Each article its own two happenings, a week apart from the next article's: the
        # crash test counts writes, not merges of one event told hundreds of times.
        digits = "".join(char for char in article.id if char.isdigit())
        number = int(digits) if digits else zlib.crc32(article.id.encode())
        day = date(2000, 1, 1) + timedelta(days=7 * (number % 3000))
        return [make_event(article, day=day, text=f"Forces shelled Saraqeb ({article.id})."),
                make_event(article, day=day, category="ASSAULT", place=ALEPPO, actor=(REBELS,),
                           recipient=(SYRIAN_ARMY,), dead=3, trigger="clashed",
                           text=f"Rebels clashed with troops near Aleppo ({article.id}).")]


def main() -> None:
    import uvicorn

    from warmonitor.api import create_app
    from warmonitor.config import Settings
    from warmonitor.store import Store

    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("port", type=int)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    settings = Settings(database_url=url, token=TOKEN, writes_per_minute=1_000_000, write_burst=1_000_000)
    app = create_app(settings, store=Store.open(url), pipeline=TwoEvents(args.delay))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
