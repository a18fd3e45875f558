"""Hand-built Articles and Events for the store, API and export tests, and a fake extractor
that hands them back (the real pipeline is exercised in one end-to-end test)."""
from __future__ import annotations

from datetime import date

from warmonitor.errors import ExtractionError
from warmonitor.models import Article, DateSpan, Entity, Event, Place

SARAQEB = Place(place_text="Saraqeb", name="Saraqib", geonameid=163345, country_code="SY",
                admin1="Idlib", lat=35.8623, lon=36.8045, precision="point")
ALEPPO = Place(place_text="Aleppo", name="Aleppo", geonameid=170063, country_code="SY",
               admin1="Aleppo", lat=36.2021, lon=37.1343, precision="point")
MOSUL = Place(place_text="Mosul", name="Mosul", geonameid=99072, country_code="IQ",
              admin1="Nineveh", lat=36.335, lon=43.1189, precision="point")
SYRIAN_ARMY = Entity("Syrian government forces", "Military Forces of Syria", "SYR", "MIL")
REBELS = Entity("rebel fighters", "Rebels (Syria)", "SYR", "REB")
CIVILIANS = Entity("civilians", None, "SYR", "CVL")
TURKEY = Entity("Turkish troops", "Military Forces of Turkey", "TUR", "MIL")


def make_article(article_id: str = "a1", text: str | None = None, *,
                 published: date = date(2020, 2, 6)) -> Article:
    """An invented article; its text defaults to a sentence naming its id."""
    body = text or (f"Report {article_id}: Syrian government forces shelled Saraqeb on Wednesday, "
                    "killing four civilians, a monitoring group said.")
    return Article(id=article_id, text=body, published=published, outlet="Test Wire",
                   url=f"https://example.org/{article_id}", title=f"Story {article_id}")


def make_event(article: Article, *, category: str = "ASSAULT", day: date = date(2020, 2, 5),
               place: Place | None = SARAQEB, actor: tuple[Entity, ...] = (SYRIAN_ARMY,),
               recipient: tuple[Entity, ...] = (CIVILIANS,), dead: int | None = 4,
               text: str = "Syrian government forces shelled Saraqeb, killing four civilians.",
               trigger: str = "shelled", acled: tuple[str | None, str | None] = (
                   "Explosions/Remote violence", "Shelling/artillery/missile attack")) -> Event:
    """One coded event of `article` (the stable id is derived from its content)."""
    return Event(
        event=category, actor=actor, recipient=recipient, mode="heavy-weapons",
        context=("military",), cameo="195", acled_event_type=acled[0],
        acled_sub_event_type=acled[1], event_text=trigger,
        date=DateSpan(day, None, "day", "on Wednesday"), event_loc=place, dead=dead,
        text=text, attribution=("a monitoring group",), article=article, confidence=0.8,
        sentences=(0,),
    ).with_stable_id()


class FakeExtractor:
    """Returns the events registered for an article id; raises ExtractionError for ids in
    `failing`. Counts its calls so tests can tell whether extraction ran."""

    def __init__(self, events_by_article: dict[str, list[Event]] | None = None, *,
                 failing: set[str] | None = None) -> None:
        self.events_by_article = events_by_article or {}
        self.failing = failing or set()
        self.calls: list[str] = []

    def extract_article(self, article: Article) -> list[Event]:
        self.calls.append(article.id)
        if article.id in self.failing:
            raise ExtractionError(f"cannot code article {article.id}")
        return [event.with_(article=article) for event in self.events_by_article.get(article.id, [])]


def standard_events(article_ids: tuple[str, str, str] = ("a1", "a2", "a3")) -> FakeExtractor:
    """Three articles: shelling of Saraqeb (4 dead) and a Turkish request; a clash in Aleppo
    (12 dead); a protest in Mosul, Iraq."""
    first, second, third = (make_article(i) for i in article_ids)
    return FakeExtractor({
        first.id: [
            make_event(first),
            make_event(first, category="REQUEST", actor=(TURKEY,), recipient=(SYRIAN_ARMY,),
                       dead=None, trigger="demanded", acled=(None, None),
                       text="Turkish troops demanded that Syrian forces withdraw from Saraqeb."),
        ],
        second.id: [make_event(second, day=date(2020, 2, 12), place=ALEPPO, actor=(REBELS,),
                               recipient=(SYRIAN_ARMY,), dead=12, trigger="clashed",
                               acled=("Battles", "Armed clash"),
                               text="Rebel fighters clashed with government troops near Aleppo.")],
        third.id: [make_event(third, category="PROTEST", day=date(2020, 3, 1), place=MOSUL,
                              actor=(Entity("protesters", None, "IRQ", "PRO"),), recipient=(),
                              dead=None, trigger="marched", acled=("Protests", "Peaceful protest"),
                              text="Hundreds of protesters marched through Mosul on Sunday.")],
    })
