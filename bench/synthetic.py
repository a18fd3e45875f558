"""Synthetic event records for the store benchmarks: spread over 25 years, 40 towns in 24
countries, the 16 PLOVER categories (half of them ASSAULT, as in conflict news), about 150
actors, a sentence each, and ids that look like the pipeline's (16 hex digits of a hash, so
the unique keys arrive in random order, as they do from `ingest`)."""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from warmonitor.models import PLOVER_CATEGORIES

TOWNS = [  # (name, country, admin1, lat, lon)
    ("Saraqib", "SY", "Idlib", 35.86, 36.80), ("Aleppo", "SY", "Aleppo", 36.20, 37.13),
    ("Idlib", "SY", "Idlib", 35.93, 36.63), ("Homs", "SY", "Homs", 34.73, 36.71),
    ("Deir ez-Zor", "SY", "Deir ez-Zor", 35.33, 40.14), ("Mosul", "IQ", "Nineveh", 36.34, 43.12),
    ("Baghdad", "IQ", "Baghdad", 33.34, 44.40), ("Kharkiv", "UA", "Kharkiv", 49.99, 36.23),
    ("Bakhmut", "UA", "Donetsk", 48.60, 38.00), ("Khartoum", "SD", "Khartoum", 15.50, 32.56),
    ("Gao", "ML", "Gao", 16.27, -0.04), ("Goma", "CD", "North Kivu", -1.68, 29.23),
    ("Kabul", "AF", "Kabul", 34.53, 69.17), ("Sanaa", "YE", "Sanaa", 15.35, 44.21),
    ("Maiduguri", "NG", "Borno", 11.85, 13.16), ("Mogadishu", "SO", "Banaadir", 2.04, 45.34),
    ("Gaza", "PS", "Gaza", 31.50, 34.47), ("Tripoli", "LY", "Tripoli", 32.89, 13.19),
    ("Benghazi", "LY", "Benghazi", 32.12, 20.07), ("Kandahar", "AF", "Kandahar", 31.61, 65.71),
    ("Mariupol", "UA", "Donetsk", 47.10, 37.55), ("Kherson", "UA", "Kherson", 46.64, 32.61),
    ("El Fasher", "SD", "North Darfur", 13.63, 25.35), ("Mekele", "ET", "Tigray", 13.50, 39.47),
    ("Bamenda", "CM", "North-West", 5.96, 10.15), ("Ouagadougou", "BF", "Centre", 12.37, -1.53),
    ("Djibo", "BF", "Sahel", 14.10, -1.63), ("Niamey", "NE", "Niamey", 13.51, 2.11),
    ("Cabo Delgado", "MZ", "Cabo Delgado", -12.33, 39.32), ("Bangui", "CF", "Bangui", 4.36, 18.56),
    ("Sittwe", "MM", "Rakhine", 20.15, 92.90), ("Mandalay", "MM", "Mandalay", 21.97, 96.08),
    ("Port-au-Prince", "HT", "Ouest", 18.54, -72.34), ("Culiacan", "MX", "Sinaloa", 24.80, -107.39),
    ("Medellin", "CO", "Antioquia", 6.25, -75.56), ("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.01, 71.58),
    ("Srinagar", "IN", "Kashmir", 34.08, 74.80), ("Marawi", "PH", "Lanao del Sur", 8.00, 124.29),
    ("Beirut", "LB", "Beirut", 33.89, 35.50), ("Diyarbakir", "TR", "Diyarbakir", 37.91, 40.24),
]
SIDES = ["government forces", "rebel fighters", "militiamen", "police", "protesters", "troops",
         "insurgents", "tribal fighters", "security forces", "armed men"]
ORIGINS = ["Syrian", "Iraqi", "Ukrainian", "Russian", "Turkish", "Sudanese", "Malian", "Yemeni",
           "Afghan", "Somali", "Nigerian", "Congolese", "Kurdish", "Islamist", "local"]
SECTORS = ["MIL", "REB", "PGM", "COP", "PRO", "MIL", "REB", "PGM", "COP", "UAF"]
VERBS = ["shelled", "attacked", "clashed with", "bombed", "raided", "ambushed", "stormed",
         "protested against", "fired on", "besieged", "seized", "struck"]
NOUNS = ["village", "checkpoint", "market", "hospital", "convoy", "airport", "school", "base",
         "bridge", "mosque", "camp", "district", "highway", "oil field", "power station"]
START = date(2000, 1, 1)
DAYS = 9131  # to 2024-12-31
EVENTS_PER_ARTICLE = 4


def actor_pool(rng: random.Random) -> list[dict[str, Any]]:
    """About 150 distinct actors (origin x side), each with code and sector."""
    pool = []
    for origin in ORIGINS:
        for side, sector in zip(SIDES, SECTORS, strict=True):
            pool.append({"entity_text": f"{origin} {side}", "name": f"{origin} {side}".title(),
                         "code": origin[:3].upper(), "sector": sector})
    rng.shuffle(pool)
    return pool


def synthetic_record(rng: random.Random, number: int, article_id: str,
                     actors: list[dict[str, Any]]) -> dict[str, Any]:
    """One plausible event record with a random date, place, actors and sentence."""
    name, country, admin1, lat, lon = rng.choice(TOWNS)
    day = START + timedelta(days=rng.randrange(DAYS))
    actor, recipient = rng.choice(actors), rng.choice(actors)
    category = "ASSAULT" if rng.random() < 0.5 else rng.choice(PLOVER_CATEGORIES)
    dead = rng.choice([None, None, 0, 1, 2, 3, 5, 8, 12, 20, 40])
    text = (f"{actor['entity_text'].capitalize()} {rng.choice(VERBS)} a {rng.choice(NOUNS)} near "
            f"{name} held by {recipient['entity_text']}, killing {dead or 'no'} people.")
    return {
        "id": hashlib.sha1(f"bench-{number}".encode()).hexdigest()[:16],
        "event": category, "mode": None, "context": [], "cameo": None,
        "acled_event_type": rng.choice(["Battles", "Explosions/Remote violence", None]),
        "acled_sub_event_type": None, "actor": [actor], "recipient": [recipient],
        "event_text": "attacked", "date": day.isoformat(), "enddate": None,
        "date_precision": "day", "date_text": None,
        "event_loc": {"place_text": name, "name": name, "geonameid": None, "country_code": country,
                      "admin1": admin1, "lat": round(lat + rng.uniform(-0.3, 0.3), 5),
                      "lon": round(lon + rng.uniform(-0.3, 0.3), 5), "precision": "point"},
        "dead": dead, "injured": None, "arrested": None, "size": None, "text": text,
        "attribution": [], "article": {"id": article_id, "outlet": "Bench Wire", "url": None,
                                       "title": None, "published": day.isoformat()},
        "reports": 1, "confidence": 0.7,
    }


def synthetic_articles(total: int, *, seed: int = 7, first: int = 0
                       ) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(article id, its records) for `total` events, EVENTS_PER_ARTICLE an article."""
    rng = random.Random(seed + first)
    actors = actor_pool(random.Random(seed))
    number = first
    while number < first + total:
        article_id = f"bench-article-{number // EVENTS_PER_ARTICLE}"
        count = min(EVENTS_PER_ARTICLE, first + total - number)
        yield article_id, [synthetic_record(rng, number + i, article_id, actors) for i in range(count)]
        number += count
