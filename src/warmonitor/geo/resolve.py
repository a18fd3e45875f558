"""Chooses one gazetteer entry for each place name, using what the article says elsewhere.

Candidates in the article's dominant countries and provinces win (counted from the
names with only one possible country and the dateline; in a second round, also from the
other names' first choices); "Idlib Province" prefers the division and "Idlib city" the
town; then exact names over transliteration matches over consonant-key matches, population
and feature type. A candidate in a country the story never names needs an exact name and,
where the story has a focus country, to be big, and no namesake near its size in that
country: barred candidates give way to the next (Lebanon's Tripoli in a story about
Lebanon). A country bordering the one the story's names point to most is not barred: a
story naming Jordan may tell of a Syrian town in any spelling. A name that is a country resolves to the country.
"""
from __future__ import annotations

import math

from ..models import Place
from .context import ArticleContext
from .datafiles import load_scoring
from .gazetteer import AREA_CODES, Gazetteer, GeoEntry
from .normalize import normalize_name
from .relative import distance_km

_PRECISION_BY_CODE = {"PCLI": "country", "ADM1": "admin1", "ADM2": "admin2",
                      **{code: "country" for code in AREA_CODES}}


#: A name's located candidates and the ids among them that match it exactly.
Candidates = tuple[list[GeoEntry], frozenset[int]]


def candidates(gazetteer: Gazetteer, name: str, hint: str | None = None) -> Candidates:
    """Located candidates for a name and the ids among them that match it exactly. A
    demonym's name is its target: an ISO code ("TR") or "continent:Europe"."""
    if hint == "demonym":
        if name.startswith("continent:"):
            entries = [e for e in gazetteer.lookup(name.split(":", 1)[1]) if e.is_area][:1]
        elif name.startswith("division:"):
            entries = [e for e in gazetteer.lookup(name.split(":", 1)[1]) if e.feature_code == "ADM1"][:1]
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


Mention = tuple[str, list[GeoEntry], frozenset[int], str | None]


def choose_all(mentions: list[Mention], context: ArticleContext) -> list[tuple[GeoEntry, float] | None]:
    """The choice for each (name, candidates, exact ids, hint) of one article, in two
    rounds: first from the unambiguous names alone, then again with the other names'
    first choices as context (each name leaves out its own mentions' votes). In the
    second round a name whose best candidate leads the best one elsewhere by less than
    scoring.yaml's min_lead is left unresolved. Whether the story points to a place found by
    another spelling is asked of the other names alone (`context.without` its own)."""
    keys = [normalize_name(name) for name, *_ in mentions]
    own: dict[str, list[int]] = {}
    for k, key in enumerate(keys):
        own.setdefault(key, []).append(k)
    alone = {key: context.without(indexes) for key, indexes in own.items()}
    first = [choose(entries, exact, hint, context, name, alone=alone[key])
             for (name, entries, exact, hint), key in zip(mentions, keys)]
    by_key: dict[str, tuple[ArticleContext, ArticleContext]] = {}
    final: list[tuple[GeoEntry, float] | None] = []
    for (name, entries, exact, hint), key, choice in zip(mentions, keys, first):
        alias = choice is not None and not _main_name(choice[0], exact, name)
        if choice is None or hint in ("demonym", "country", "continent") \
                or (len(entries) < 2 and context.named and not alias):
            final.append(choice)
            continue
        if key not in by_key:
            others = [c for k, c, (_, _, _, h) in zip(keys, first, mentions)
                      if c is not None and k != key and h not in ("embedded", "demonym")]
            by_key[key] = (context.with_choices(others), alone[key].with_choices(others))
        final.append(choose(entries, exact, hint, by_key[key][0], name, least=load_scoring()["min_lead"],
                            alone=by_key[key][1]))
    return final


def choose(entries: list[GeoEntry], exact: frozenset[int], hint: str | None,
           context: ArticleContext, name: str = "", least: float = 0.0, *,
           alone: ArticleContext | None = None) -> tuple[GeoEntry, float] | None:
    """The best candidate for one mention and how sure the choice is (0..1), or None (no
    candidate, or a lead over the best candidate elsewhere, as a logistic 0.5..1, below
    `least`). `alone`: the context without the mention's own votes (default `context`),
    which a place found by another spelling than its main name needs on its side.

    A name that is exactly a country's, a continent's or an ocean's is that: "Jordan" the
    country, never a town of the name."""
    if not entries:
        return None
    if hint in (None, "embedded", "demonym", "country", "continent"):
        wide = [e for e in entries if (e.is_country or e.is_area) and e.geonameid in exact]
        if wide:  # "Congo" in a story of the Democratic Republic of the Congo is that one
            return max(wide, key=lambda e: context.country_share(e.country_code)), 0.95
    scored = sorted(((_score(e, e.geonameid in exact, hint, context, name), e) for e in entries),
                    key=lambda pair: pair[0], reverse=True)
    kept = [pair for pair in scored if not _barred(pair[1], exact, context, scored)]
    if not kept:
        return None  # in a country the story never names (demonyms alone let an exact name through)
    # A far namesake of the exact spelling gives way to the place of another spelling in the story's country.
    best_score, best = kept[0]
    if _weak_foreign_alias(best, exact, context, name, alone if alone is not None else context):
        return None  # "Abbassiya" of a Cairo story is not an Israeli town known by that name
    lead = _lead(best, best_score, kept[1:])
    if least and lead < least:
        return None  # two places of the name too close to call: better none than a coin toss
    return best, lead * (1.0 if best.geonameid in exact else 0.6 if best.loose else 0.8)


def _barred(entry: GeoEntry, exact: frozenset[int], context: ArticleContext,
            scored: list[tuple[float, GeoEntry]]) -> bool:
    """Whether a candidate lies in a country the story never names and nothing lets it in
    (a border with the story's country, an exact name that is big or wide enough, a big town
    no other place of the name rivals)."""
    if context.total <= 0 or context.country_share(entry.country_code):
        return False
    if entry.country_code in context.bordering and not entry.is_country:
        return False  # next door to the story's country: "al-Suwaidaa" by the border of Jordan
    if _strong_abroad(entry, exact, context) and not _local_namesake(entry, exact, context, scored):
        return False
    if not context.named and entry.geonameid in exact:
        return False  # demonyms alone let an exact name through
    return not (scored[0][1] is entry and _big_and_alone(entry, scored))


def _strong_abroad(entry: GeoEntry, exact: frozenset[int], context: ArticleContext) -> bool:
    """Whether a candidate in a country the story never names may still win: an exact
    name, and, where the story has a focus country (scoring.yaml's focus_share), a big
    place (foreign_min_population) or a wide one."""
    if entry.geonameid not in exact:
        return False
    weights = load_scoring()
    if entry.is_country or entry.is_area or not context.countries:
        return True
    return context.focus() is None or entry.population >= weights["foreign_min_population"]


def _local_namesake(entry: GeoEntry, exact: frozenset[int], context: ArticleContext,
                    scored: list[tuple[float, GeoEntry]]) -> bool:
    """Whether a town abroad has a namesake of the same spelling in the story's focus
    country (focus_share of its votes) at least local_namesake_share its size: Lebanon's
    Tripoli in a story about Lebanon, not Libya's; but London in a story about Kentucky is
    still England's. A country or a wide area abroad is never ruled out so."""
    if entry.is_country or entry.is_area or not context.countries:
        return False
    weights = load_scoring()
    focus = context.focus()
    if focus is None:
        return False
    least = weights["local_namesake_share"] * entry.population
    return any(other.country_code == focus and other.geonameid in exact and not other.is_area
               and other.population >= least for _, other in scored)


def _big_and_alone(best: GeoEntry, scored: list[tuple[float, GeoEntry]]) -> bool:
    """A big town (foreign_min_population) that no other candidate of the name rivals: its
    transliteration ("Deir Ezzor" for Deir ez-Zor) is that town wherever the story's other,
    uncertain names point."""
    weights = load_scoring()
    return best.population >= weights["foreign_min_population"] and not best.is_division and all(
        _one_answer(best, other, weights["rival_km"]) for _, other in scored[1:])


def _weak_foreign_alias(entry: GeoEntry, exact: frozenset[int], context: ArticleContext, name: str,
                        alone: ArticleContext) -> bool:
    """Whether a small place matched only through an alternate name, a transliteration or
    the consonant key lies outside the story's leading country with nothing else for it: no
    other name of its province, no other place of the story near it. Such a match needs
    that evidence, and always a country that names other than its own point to (`alone`:
    the context without them), or one next to it: "Ndu" of a Cameroonian story, an
    alternate name of Namibia's Rundu and of no other place, votes for Namibia by itself."""
    if entry.is_country or entry.is_area or entry.is_division or not context.countries:
        return False
    if _main_name(entry, exact, name):
        return False
    weights = load_scoring()
    if entry.population >= weights["foreign_min_population"]:
        return False
    if alone.countries and not alone.points_to(entry.country_code):
        return True  # no other name, no dateline, no batch points to its country or one next to it
    if context.countries.get(entry.country_code, 0.0) >= max(context.countries.values()):
        return False  # the story's leading country (or one tied with it)
    if entry.admin1_code and context.admin1[(entry.country_code, entry.admin1_code)]:
        return False
    return not context.is_near(entry, weights["near_km"])


def _main_name(entry: GeoEntry, exact: frozenset[int], name: str) -> bool:
    """Whether the mention is the entry's main name, not an alternate name or a transliteration."""
    return entry.geonameid in exact and _bare(entry.name) == _bare(name)


def _lead(best: GeoEntry, best_score: float, others: list[tuple[float, GeoEntry]]) -> float:
    """How clearly the best candidate beats the best one lying elsewhere (a logistic 0.5..1):
    a town and its own province ("Gaza") are one answer, not a coin toss."""
    apart = load_scoring()["rival_km"]
    for score, other in others:
        if _one_answer(best, other, apart):
            continue
        return 1 / (1 + math.exp(-(best_score - score)))
    return 1 / (1 + math.exp(-4.0))  # no rival elsewhere


def _one_answer(a: GeoEntry, b: GeoEntry, apart: float) -> bool:
    """Two candidates that are one answer: within `apart` km of each other, or a division
    and a place of the name inside its province ("Oklahoma" the state, its county, its city)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    if distance_km(a.lat, a.lon, b.lat, b.lon) <= apart:
        return True
    return (a.is_division or b.is_division) and a.country_code == b.country_code \
        and a.admin1_code is not None and a.admin1_code == b.admin1_code


def _score(entry: GeoEntry, is_exact: bool, hint: str | None, context: ArticleContext, name: str) -> float:
    """The weights of geo/data/scoring.yaml applied to one candidate."""
    weights = load_scoring()
    score = weights["exact_name"] if is_exact else weights["loose_spelling"] if entry.loose else 0.0
    main_name = is_exact and _bare(entry.name) == _bare(name)
    if main_name:
        score += weights["main_name"]
    score += weights["country_share"] * context.country_share(entry.country_code)
    if entry.admin1_code and context.admin1[(entry.country_code, entry.admin1_code)]:
        score += weights["same_admin1"]
    if context.is_near(entry, weights["near_km"]):
        score += weights["near_other_place"]
    code = entry.feature_code
    if hint in ("admin", "district"):
        table = weights[f"{hint}_hint"]
        score += table.get(code, table["other"])
    elif hint in ("city", "city_of"):
        score += weights["city_hint"]["town"] if code.startswith("PPL") else weights["city_hint"]["other"]
    else:
        score += weights["feature"].get(code, 0.0)
    assumed = weights["assumed_population"]
    if code.startswith("PPL"):
        population = max(entry.population, assumed["town"])
    else:
        population = entry.population or assumed.get(code, assumed["other"])
    score += (weights["population_log"] + (weights["city_hint"]["population_log"] if hint == "city_of" else 0.0)) \
        * math.log10(population + 1)
    if main_name and code.startswith("PPL"):  # London is known as London, Harare not as Salisbury
        if population >= weights["metropolis_population"]:
            score += weights["metropolis"]
        if population >= weights["big_city_population"]:
            score += weights["big_city"]
    return score


_NAME_SUFFIXES = (" city", " county", " province", " governorate", " district", " region", " state")


def _bare(name: str) -> str:
    """A name without its division or "City" suffix: "New York City" and "New York" meet."""
    norm = normalize_name(name)
    for suffix in _NAME_SUFFIXES:
        if norm.endswith(suffix):
            return norm[: -len(suffix)]
    return norm


def to_place(entry: GeoEntry, place_text: str) -> Place:
    """The Place record of a gazetteer entry as mentioned by `place_text`."""
    return Place(
        place_text=place_text, name=entry.name, geonameid=entry.geonameid,
        country_code=entry.country_code, admin1=entry.admin1_name, lat=entry.lat, lon=entry.lon,
        precision=_precision(entry), feature_code=entry.feature_code,
    )


def _precision(entry: GeoEntry) -> str:
    """A region inside one country ("Eastern Ghouta", "Darfur") is known to its province's
    precision; one wider than a country (the Sahel) to a country's."""
    if entry.is_area and entry.country_code:
        return "admin1"
    return _PRECISION_BY_CODE.get(entry.feature_code, "point")
