"""What one article says of where its places lie: the country and province votes of its
unambiguous names, its dateline and its batch, and the points of its anchors.

A name votes when all its exact candidates lie in one country (and maybe one province):
"Saraqeb" votes Syria and Idlib, "Damascus" (Syria's and three American towns) does not.
A transliteration match alone ("Jobar" for Jübar) says nothing of the country.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .datafiles import load_scoring
from .gazetteer import GeoEntry
from .relative import distance_km


@dataclass
class ArticleContext:
    """Country and admin-1 votes of the unambiguous names of one article."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Points of the names with a single located town or division: the story's anchors.
    anchors: dict[int, tuple[float, float]] = field(default_factory=dict)
    #: The countries voted for by place names (not demonyms or organisations' names): only
    #: these may bar a candidate from a country the story never names. "Turkish forces attack
    #: Ras al-Ayn" names the attacker's nationality, not where Ras al-Ayn lies.
    named: Counter[str] = field(default_factory=Counter)
    #: The countries bordering the one the story's place names point to most: a place there
    #: is near the story, whatever spelling names it ("al-Suwaidaa" of a story naming Jordan).
    bordering: frozenset[str] = frozenset()
    #: Each mention's own vote, in mention order: (country, province or None, weight, whether
    #: a place below a country voted), or None for a mention that did not vote. `without` takes them back out.
    cast: list[tuple[str, str | None, float, bool] | None] = field(default_factory=list)
    #: The votes of names of places inside a country (towns, provinces), the dateline and the
    #: batch: where the story happens. A country named as such ("France called for an
    #: inquiry") is often only an actor, so it counts toward `countries` but not here.
    places: Counter[str] = field(default_factory=Counter)
    #: Gazetteer.neighbours: the countries sharing a land border with a country.
    neighbours: Callable[[str], frozenset[str]] | None = None
    _total: float | None = None

    def is_near(self, entry: GeoEntry, km: float) -> bool:
        """Whether another anchor of the story lies within `km` of the entry."""
        if entry.lat is None or entry.lon is None or entry.is_country or entry.is_area:
            return False
        return any(gid != entry.geonameid and distance_km(entry.lat, entry.lon, lat, lon) <= km
                   for gid, (lat, lon) in self.anchors.items())

    def vote(self, entries: list[GeoEntry], weight: float = 1.0) -> tuple[str, str | None, float, bool] | None:
        """Count a name whose candidates all lie in one country (and maybe one province);
        the vote cast, or None."""
        countries = {e.country_code for e in entries}
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        self.countries[country] += weight
        if weight >= 1.0:
            self.named[country] += weight
        provinces = {(e.country_code, e.admin1_code) for e in entries if e.admin1_code}
        province = None
        if len(provinces) == 1 and all(e.admin1_code for e in entries):
            province = next(iter(provinces))[1]
            self.admin1[(country, province)] += weight
        place = not any(e.is_country for e in entries)
        if place:
            self.places[country] += weight
        return country, province, weight, place

    def without(self, mentions: Iterable[int]) -> ArticleContext:
        """This context less the votes of the mentions at these indexes: what the rest of the
        story says of a name's country ("Ndu", whose one exact place lies in Namibia, votes
        for Namibia itself; that is no evidence for Namibia)."""
        countries, admin1, named = Counter(self.countries), Counter(self.admin1), Counter(self.named)
        places = Counter(self.places)
        for k in mentions:
            cast = self.cast[k] if k < len(self.cast) else None
            if cast is None:
                continue
            country, province, weight, place = cast
            countries[country] -= weight
            if weight >= 1.0:
                named[country] -= weight
            if province is not None:
                admin1[(country, province)] -= weight
            if place:
                places[country] -= weight
        context = ArticleContext(+countries, +admin1, dict(self.anchors), +named, self.bordering, list(self.cast),
                                 +places, self.neighbours)
        context.freeze()
        return context

    def focus(self) -> str | None:
        """The story's focus country: the one holding scoring.yaml's focus_share of its
        votes, else of the votes of its places below a country (towns, provinces, the
        dateline, the batch); else None. A Malian story that names France, Germany and
        Russia as actors beside Bamako and Mopti is still about Mali."""
        share = load_scoring()["focus_share"]
        for votes in (self.countries, self.places):
            if votes:
                country, count = votes.most_common(1)[0]
                if count >= share * sum(votes.values()):
                    return country
        return None

    def points_to(self, country_code: str) -> bool:
        """Whether the story's votes go to this country or to one sharing a border with it."""
        if self.countries.get(country_code):
            return True
        return self.neighbours is not None and any(country_code in self.neighbours(c) for c in self.countries)

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

    def with_choices(self, choices: Iterable[tuple[GeoEntry, float]]) -> ArticleContext:
        """This context plus the votes of other mentions' first choices: a town, a division
        or a country the story resolved with confidence counts toward its country and
        province, and a town or division is an anchor ("Parkland" after "Florida")."""
        weights = load_scoring()
        context = ArticleContext(Counter(self.countries), Counter(self.admin1), dict(self.anchors), Counter(self.named),
                                 self.bordering, list(self.cast), Counter(self.places), self.neighbours)
        for entry, confidence in choices:
            if confidence < weights["choice_min_confidence"] or entry.is_area:
                continue
            context.countries[entry.country_code] += weights["choice_vote"]
            context.named[entry.country_code] += weights["choice_vote"]
            if entry.admin1_code:
                context.admin1[(entry.country_code, entry.admin1_code)] += weights["choice_vote"]
            if not entry.is_country and entry.lat is not None and entry.lon is not None:
                context.anchors[entry.geonameid] = (entry.lat, entry.lon)
        context.freeze()
        return context


def unambiguous(entries: list[GeoEntry], exact: frozenset[int]) -> list[GeoEntry]:
    """The candidates a vote is taken from: exact matches if any; a country alone if named."""
    exact_entries = [e for e in entries if e.geonameid in exact] or entries
    countries = [e for e in exact_entries if e.is_country]
    return countries or exact_entries


def build_context(found: Iterable[tuple[list[GeoEntry], frozenset[int]]],
                  dateline_entries: list[GeoEntry] | None = None,
                  weights: Iterable[float] | None = None, *, prior: GeoEntry | None = None,
                  neighbours: Callable[[str], frozenset[str]] | None = None) -> ArticleContext:
    """Votes of every mention with one possible country, plus the dateline's country and
    the batch's (`prior`: a national feed's country); `weights` (one per mention, default 1)
    let demonyms count for less. `neighbours` (Gazetteer.neighbours) gives the countries
    bordering the leading named one."""
    context = ArticleContext()
    found = list(found)
    for (entries, exact), weight in zip(found, weights if weights is not None else [1.0] * len(found)):
        if not any(e.geonameid in exact for e in entries):
            context.cast.append(None)
            continue  # a transliteration match alone ("Jobar" for Jübar) says nothing of the country
        voters = [e for e in unambiguous(entries, exact) if not e.is_area]
        context.cast.append(context.vote(voters, weight))
        if len(voters) == 1 and not voters[0].is_country and voters[0].lat is not None and weight >= 1.0:
            context.anchors[voters[0].geonameid] = (voters[0].lat, voters[0].lon or 0.0)
    if dateline_entries:
        context.vote(dateline_entries[:1])
    if prior is not None:
        context.vote([prior])
        context.places[prior.country_code] += 1.0  # the batch's country: where its stories happen
    context.neighbours = neighbours
    if neighbours is not None and context.named:
        context.bordering = neighbours(context.named.most_common(1)[0][0])
    context.freeze()
    return context
