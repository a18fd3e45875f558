"""Within-article merging: one happening told twice in one article becomes one record
(cross-article merging is in `warmonitor.dedupe`).

Two records of one article are the same event when they share the PLOVER category, compatible
actors and recipients (the same countries, or one side unnamed: "the attackers also burned
granaries"; a bare event noun that names no side at all joins the telling that does; two
tellings that name no attacker join when they tell the same toll of the same victims or town), the
same day, and the same place (two different towns are two events, however
close). The merged record keeps the first one's coding, joins the sentences in `text` and
lists them in `sentences`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from ..counts.tolls import best_toll, folded_notes, max_known, min_known, with_toll_range
from ..lexicon_data.files import load_word_lists
from ..models import Entity, Event, Place

#: Places farther apart than this are different events, whatever else they share.
MAX_MERGE_KM = 30.0
#: Places told only roughly ("southwest of the capital", a village placed at its district's
#: seat) and how far apart two of them, or one and a point, may still be one place.
VAGUE_PRECISIONS = frozenset({"near", "admin2"})
VAGUE_MERGE_KM = 60.0
#: Modes that make an event of their own beside an attack told without a mode.
DISTINCT_MODES = frozenset({"abduct"})
#: A toll at most this share of a wider place's toll is a part of it; a closer figure is the
#: same toll told by another source ("nearly 50" and "at least 47").
PART_SHARE = 0.8
#: Two different gazetteer points closer than this are one place told two ways.
SAME_POINT_KM = 3.0


def same_slot(a: Event, b: Event) -> bool:
    """Same category, day, kind of act, toll (where both tell one) and place: what two tellings
    share when one names no side."""
    return (a.event == b.event and a.date.date == b.date.date
            and (a.mode in DISTINCT_MODES) == (b.mode in DISTINCT_MODES)
            and (a.dead is None or b.dead is None or a.dead == b.dead)
            and places_compatible(a.event_loc, b.event_loc))


def same_happening(a: Event, b: Event) -> bool:
    """True when `a` and `b` read as one event (see the module docstring)."""
    if a.event != b.event or part_of_other(a, b):
        return False
    if a.mode and b.mode and a.mode != b.mode and not _same_sentence(a, b):
        return False
    if a.date.date != b.date.date:
        return False
    a_src, b_src = codes(a.actor), codes(b.actor)
    a_tgt, b_tgt = codes(a.recipient), codes(b.recipient)
    if _same_sentence(a, b):
        # Conjoined verbs of one clause ("encircled and entered") share their actor; one act
        # told at two towns ("in Omdurman and in Gadaref") is two events.
        # "a young man was killed after a gunbattle in which two rebels died": two tolls, two acts
        tolls_differ = a.dead is not None and b.dead is not None and a.dead != b.dead
        return (_compatible(a_src, b_src) and _compatible(a_tgt, b_tgt) and not tolls_differ
                and not sides_clash(a.actor, b.actor) and places_compatible(a.event_loc, b.event_loc))
    if not (a_src | b_src) and a.dead and a.dead == b.dead and (a_tgt & b_tgt or _same_point(a, b)):
        return places_compatible(a.event_loc, b.event_loc)  # the same victims or town, the same toll
    if not (_compatible(a_src, b_src) and _compatible(a_tgt, b_tgt)) or not (a_src | b_src):
        return False  # one telling may leave the actor unnamed; neither naming one is no evidence
    complementary = (a_src and not a_tgt and b_tgt and not b_src) or (a_tgt and not a_src and b_src and not b_tgt)
    if not (a_src & b_src or a_tgt & b_tgt or complementary):
        return False  # complementary: one telling names the attacker, the other the victims
    if (a.mode in DISTINCT_MODES) != (b.mode in DISTINCT_MODES):
        return False  # the ambush and the kidnapping after it are two events
    if _sectors(a.actor) & _sectors(b.actor) == set() and _sectors(a.actor) and _sectors(b.actor):
        return False
    if sides_clash(a.recipient, b.recipient):
        return False  # the young man killed at the protest and the police officer of the ambush
    return places_compatible(a.event_loc, b.event_loc)




def fold(kept: Event, other: Event) -> Event:
    """`kept` with what `other` adds: its sentences, attribution, figures and missing fields."""
    text = kept.text if other.text in kept.text else f"{kept.text} {other.text}".strip()
    event_text = kept.event_text
    if _same_sentence(kept, other) and other.event_text not in event_text:
        event_text = f"{event_text} and {other.event_text}"
    attribution = tuple(dict.fromkeys(kept.attribution + other.attribution))
    place = _told_place(kept, other)
    when = kept.date if (_date_rank(kept), _date_fineness(kept)) >= (_date_rank(other), _date_fineness(other)) \
        else other.date  # "last week's bombing" ... "the attack on Thursday morning": the day
    dead = best_toll(kept, other)
    from_kept = {"actor": bool(kept.actor), "recipient": bool(kept.recipient),
                 "place": place is kept.event_loc, "date": when is kept.date,
                 "dead": kept.dead is not None and dead == kept.dead}
    return with_toll_range(kept.with_(
        text=text,
        event_text=event_text,
        sentences=tuple(sorted(set(kept.sentences) | set(other.sentences))),
        attribution=attribution,
        actor=(actor := kept.actor or other.actor),
        # one telling's actor and the other's recipient: never the same entity on both sides
        recipient=tuple(e for e in kept.recipient or other.recipient if e not in actor),
        mode=kept.mode or other.mode,
        event_loc=place,
        date=when,
        dead=dead,
        dead_low=min_known(kept.dead_low, kept.dead, other.dead_low, other.dead),
        dead_high=max_known(kept.dead_high, kept.dead, other.dead_high, other.dead),
        injured=max_known(kept.injured, other.injured),
        arrested=max_known(kept.arrested, other.arrested),
        size=max_known(kept.size, other.size),
        confidence=max(kept.confidence, other.confidence),
        notes=folded_notes(kept, other),
        evidence=_folded_evidence(kept, other, from_kept),
    ))


def _told_place(kept: Event, other: Event) -> Place | None:
    """The more specific place, except that a place the text names beats a finer one carried
    over from another sentence, unless it only names the country ("anti-India protesters")."""
    told, carried = (kept, other) if "place" in dict(kept.evidence) else (other, kept)
    if ("place" in dict(told.evidence)) == ("place" in dict(carried.evidence)) or told.event_loc is None \
            or carried.event_loc is None:
        return _better_place(kept.event_loc, other.event_loc)
    if told.event_loc.precision == "country" and carried.event_loc.country_code == told.event_loc.country_code:
        return carried.event_loc
    return told.event_loc


def _date_rank(event: Event) -> int:
    """2: a date the event's own clause tells; 1: one read from the telling ("said on
    Monday") or the story; 0: none."""
    return 2 if "date" in dict(event.evidence) else 1 if event.date.text else 0


def _date_fineness(event: Event) -> int:
    """How finely a record's date is told: a day before a week, a week before a month or a year."""
    return {"day": 3, "week": 2, "span": 2, "month": 1}.get(event.date.precision, 0)


def _folded_evidence(kept: Event, other: Event, from_kept: dict[str, bool]) -> tuple[tuple[str, int], ...]:
    """Each slot's sentence, from the record whose value the fold kept."""
    mine, theirs = dict(kept.evidence), dict(other.evidence)
    out = []
    for slot, keep in from_kept.items():
        source = mine if keep else theirs
        if slot in source:
            out.append((slot, source[slot]))
        elif slot in mine:
            out.append((slot, mine[slot]))
    return tuple(out)


def part_of_other(a: Event, b: Event) -> bool:
    """One telling is a part of the other: a smaller toll at a place inside the other's wider
    place ("nine killed across the province" ... "three were killed in Saraqeb")."""
    if a.dead is None or b.dead is None or a.dead == b.dead or a.event_loc is None or b.event_loc is None:
        return False
    wide, narrow = (a, b) if _rank(a.event_loc) > _rank(b.event_loc) else (b, a)
    return (_rank(wide.event_loc) > _rank(narrow.event_loc)
            and (narrow.dead or 0) <= PART_SHARE * (wide.dead or 0))


def _rank(place: Place | None) -> int:
    return _PRECISION_RANK.get(place.precision, 5) if place is not None else 5


def places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.lat is None or b.lat is None:
        return True
    if a.precision == "country" or b.precision == "country":
        return a.country_code == b.country_code
    if a.precision == "admin1" or b.precision == "admin1":  # a province holds its own towns only
        return a.country_code == b.country_code and (not a.admin1 or not b.admin1 or a.admin1 == b.admin1)
    km = haversine_km(a.lat, a.lon or 0.0, b.lat, b.lon or 0.0)
    if a.precision == b.precision == "point" and a.geonameid != b.geonameid and km > SAME_POINT_KM:
        return False  # Khan Younis and Rafah: two towns, two events
    if {a.precision, b.precision} == {"point", "near"} and km > SAME_POINT_KM and _other_names(a, b):
        return False  # Huwara, and Zaatara "a village near Nablus": two villages, two events
    vague = {a.precision, b.precision} & VAGUE_PRECISIONS  # "southwest of X", a district's seat: a wider circle
    return km <= (VAGUE_MERGE_KM if vague else MAX_MERGE_KM)


def _other_names(a: Place, b: Place) -> bool:
    """The two places are told by names of their own, neither inside the other's words."""
    x, y = (a.place_text or "").lower(), (b.place_text or "").lower()
    return bool(x and y) and x not in y and y not in x


def _same_point(a: Event, b: Event) -> bool:
    """Both placed at one gazetteer point ("Karak" told twice)."""
    return (a.event_loc is not None and b.event_loc is not None and a.event_loc.geonameid is not None
            and a.event_loc.geonameid == b.event_loc.geonameid and a.event_loc.precision == "point")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_PRECISION_RANK = {"point": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    if a is None or b is None:
        return a or b
    return a if _PRECISION_RANK.get(a.precision, 5) <= _PRECISION_RANK.get(b.precision, 5) else b


def codes(entities: Sequence[Entity]) -> frozenset[str]:
    """The country or group codes of some entities."""
    return frozenset(e.code for e in entities if e.code)


def side_of(sector: str | None) -> str | None:
    """The side a sector stands on when reports are compared: the army, the police and the
    government are the state's (coreference.yaml `state_sectors`)."""
    return "state" if sector in _side_codes()[0] else sector


def _sectors(entities: Sequence[Entity]) -> set[str]:
    return {side for e in entities if (side := side_of(e.sector))}


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or bool(a & b)


def _same_sentence(a: Event, b: Event) -> bool:
    return bool(a.sentences) and a.sentences == b.sentences


def sides_clash(a: Sequence[Entity], b: Sequence[Entity]) -> bool:
    """Two tellings' sides that cannot be one: other countries or groups, or other sectors
    (civilians and the police; the army, the police and the government read as one side)."""
    a, b = _named(a), _named(b)  # "the group", "many people": whoever they are, they set nothing apart
    codes_a, codes_b = codes(a), codes(b)
    if codes_a and codes_b and not codes_a & codes_b and _side_codes()[1].isdisjoint(codes_a | codes_b):
        return True  # an international force's soldiers are some country's too
    sectors_a, sectors_b = _sectors(a), _sectors(b)
    return bool(sectors_a and sectors_b and not sectors_a & sectors_b)


def _named(entities: Sequence[Entity]) -> list[Entity]:
    """The sides, leaving out those named only as "people", "others" or "the group", and those
    that refer back to a side named before ("one of its fighters")."""
    unnamed, referring = _unspecified_sides()
    named = []
    for entity in entities:
        words = entity.entity_text.lower().split()
        if (words or [""])[-1] not in unnamed and not referring & set(words):
            named.append(entity)
    return named


@lru_cache(maxsize=1)
def _unspecified_sides() -> tuple[frozenset[str], frozenset[str]]:
    words = load_word_lists("warmonitor.assembly", "data/coreference.yaml", ("unspecified_people", "referring_words"))
    return words["unspecified_people"], words["referring_words"]


@lru_cache(maxsize=1)
def _side_codes() -> tuple[frozenset[str], frozenset[str]]:
    words = load_word_lists("warmonitor.assembly", "data/coreference.yaml", ("state_sectors", "multinational_codes"))
    return (frozenset(w.upper() for w in words["state_sectors"]),
            frozenset(w.upper() for w in words["multinational_codes"]))
