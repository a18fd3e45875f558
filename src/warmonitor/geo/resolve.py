"""Chooses one gazetteer entry for each place name, using what the article says elsewhere.

Candidates in the article's dominant countries and provinces win (counted from the
names with only one possible country, and the dateline); "Idlib Province" prefers the
division and "Idlib city" the town; then exact names over transliteration matches,
population and feature type. A name that is a country resolves to the country.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Place
from .gazetteer import AREA_CODES, Gazetteer, GeoEntry

_PRECISION_BY_CODE = {"PCLI": "country", "ADM1": "admin1", "ADM2": "admin2",
                      **{code: "country" for code in AREA_CODES}}


@dataclass
class ArticleContext:
    """Country and admin-1 votes of the unambiguous names of one article."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    _total: float | None = None

    def vote(self, entries: list[GeoEntry], weight: float = 1.0) -> None:
        """Count a name whose candidates all lie in one country (and maybe one province)."""
        countries = {e.country_code for e in entries}
        if len(countries) != 1:
            return
        self.countries[next(iter(countries))] += weight
        provinces = {(e.country_code, e.admin1_code) for e in entries if e.admin1_code}
        if len(provinces) == 1 and all(e.admin1_code for e in entries):
            self.admin1[next(iter(provinces))] += weight

    def country_share(self, country_code: str) -> float:
        """The share of the article's country votes that went to `country_code`."""
        votes = self.countries.get(country_code)
        return votes / self.total if votes else 0.0

    @property
    def total(self) -> float:
        return self._total if self._total is not None else sum(self.countries.values())

    def freeze(self) -> None:
        """Stop counting: totals are computed once."""
        self._total = sum(self.countries.values())


def candidates(gazetteer: Gazetteer, name: str, hint: str | None = None) -> tuple[list[GeoEntry], frozenset[int]]:
    """Located candidates for a name and the ids among them that match it exactly. A
    demonym's name is its target: an ISO code ("TR") or "continent:Europe"."""
    if hint == "demonym":
        if name.startswith("continent:"):
            entries = [e for e in gazetteer.lookup(name.split(":", 1)[1]) if e.feature_code == "CONT"][:1]
        else:
            country = gazetteer.country(name)
            entries = [country] if country is not None else []
        entries = [e for e in entries if e.lat is not None]
        return entries, frozenset(e.geonameid for e in entries)
    entries = [e for e in gazetteer.lookup(name) if e.lat is not None and e.lon is not None]
    if hint in ("country", "continent"):
        wanted = "PCLI" if hint == "country" else "CONT"
        entries = [e for e in entries if e.feature_code == wanted][:1] or entries
    return entries, gazetteer.exact_ids(name)


def unambiguous(entries: list[GeoEntry], exact: frozenset[int]) -> list[GeoEntry]:
    """The candidates a vote is taken from: exact matches if any; a country alone if named."""
    exact_entries = [e for e in entries if e.geonameid in exact] or entries
    countries = [e for e in exact_entries if e.is_country]
    return countries or exact_entries


def choose(entries: list[GeoEntry], exact: frozenset[int], hint: str | None,
           context: ArticleContext) -> tuple[GeoEntry, float] | None:
    """The best candidate for one mention and how sure the choice is (0..1), or None.

    A name that is exactly a country's, a continent's or an ocean's is that: "Jordan" the
    country, never a town of the name."""
    if not entries:
        return None
    if hint in (None, "embedded", "demonym", "country", "continent"):
        wide = [e for e in entries if (e.is_country or e.is_area) and e.geonameid in exact]
        if wide:
            return wide[0], 0.95
    scored = sorted(((_score(e, e.geonameid in exact, hint, context), e) for e in entries),
                    key=lambda pair: pair[0], reverse=True)
    best_score, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 4.0
    confidence = 1 / (1 + math.exp(-margin)) * (1.0 if best.geonameid in exact else 0.8)
    return best, confidence


def _score(entry: GeoEntry, is_exact: bool, hint: str | None, context: ArticleContext) -> float:
    score = 3.0 if is_exact else 0.0
    score += 5.0 * context.country_share(entry.country_code)
    if entry.admin1_code and context.admin1[(entry.country_code, entry.admin1_code)]:
        score += 1.5
    code = entry.feature_code
    if hint == "admin":
        score += {"ADM1": 6.0, "ADM2": 4.0}.get(code, -2.0)
    elif hint == "city":
        score += 6.0 if code.startswith("PPL") else -2.0
    else:
        score += {"PPLC": 1.0, "ADM1": 0.5, "ADM2": -1.0, "PCLI": 1.0}.get(code, 0.0)
    # Towns of unknown population (0) in cities500 are district seats: count them as mid-sized.
    population = max(entry.population, 5000) if code.startswith("PPL") else 100_000 if code == "ADM1" else 3000
    return score + math.log10(population + 1) / 2


def to_place(entry: GeoEntry, place_text: str) -> Place:
    """The Place record of a gazetteer entry as mentioned by `place_text`."""
    return Place(
        place_text=place_text, name=entry.name, geonameid=entry.geonameid,
        country_code=entry.country_code, admin1=entry.admin1_name, lat=entry.lat, lon=entry.lon,
        precision=_PRECISION_BY_CODE.get(entry.feature_code, "point"), feature_code=entry.feature_code,
    )


def build_context(found: Iterable[tuple[list[GeoEntry], frozenset[int]]],
                  dateline_entries: list[GeoEntry] | None = None,
                  weights: Iterable[float] | None = None) -> ArticleContext:
    """Votes of every mention with one possible country, plus the dateline's country;
    `weights` (one per mention, default 1) let demonyms count for less."""
    context = ArticleContext()
    found = list(found)
    for (entries, exact), weight in zip(found, weights if weights is not None else [1.0] * len(found)):
        context.vote([e for e in unambiguous(entries, exact) if not e.is_area], weight)
    if dateline_entries:
        context.vote(dateline_entries[:1])
    context.freeze()
    return context
