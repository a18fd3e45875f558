"""A fast stand-in for the pipeline in ingest worker processes (local pool, Dask, a killed
subprocess): it reads "happening N ... killing D" from an article's text and codes one
ASSAULT on day 3N at Saraqeb with D dead. Named by WARMONITOR_EXTRACTOR=fake_pipeline:build."""
from __future__ import annotations

import os
import re
from datetime import date, timedelta

from event_factory import make_event

from warmonitor.config import Settings
from warmonitor.errors import ExtractionError
from warmonitor.models import Article, Event

BUILDS: list[int] = []
_HAPPENING = re.compile(r"happening (\d+)")
_DEAD = re.compile(r"killing (\d+)")


class TextCodedExtractor:
    """One event an article, from the numbers its text gives."""

    def extract_article(self, article: Article) -> list[Event]:
        found = _HAPPENING.search(article.text)
        if found is None:
            raise ExtractionError(f"article {article.id} names no happening")
        number = int(found.group(1))
        dead = _DEAD.search(article.text)
        return [make_event(article, day=date(2015, 1, 1) + timedelta(days=3 * number),
                           dead=int(dead.group(1)) if dead else None,
                           text=f"{article.id}: government forces shelled Saraqeb (happening {number}).")]


def build(settings: Settings) -> TextCodedExtractor:
    BUILDS.append(os.getpid())
    return TextCodedExtractor()


def builds() -> list[int]:
    """The pids that built an extractor in this process (for Dask's client.run)."""
    return list(BUILDS)


def article_text(number: int, dead: int, variant: int) -> str:
    """An invented wire sentence about happening `number` (variant picks the wording)."""
    openers = ["Government forces shelled Saraqeb", "Artillery fire hit Saraqeb",
               "Syrian troops bombarded the town of Saraqeb"]
    return (f"{openers[variant % 3]} on Wednesday in happening {number}, killing {dead} "
            f"civilians, a monitoring group said (report {variant}).")
