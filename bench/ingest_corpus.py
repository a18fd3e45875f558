"""Invented wire stories for the ingest benchmark, generated from templates: varied towns,
actors, weapons, dates, tolls and sources, 4 to 9 sentences each. Deterministic by seed."""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

PLACES = [
    ("Saraqeb", "Syria", "Idlib province"), ("Maarat al-Numan", "Syria", "Idlib province"),
    ("Ariha", "Syria", "Idlib province"), ("Tal Abyad", "Syria", "Raqqa province"),
    ("Deir ez-Zor", "Syria", "eastern Syria"), ("Mosul", "Iraq", "Nineveh province"),
    ("Fallujah", "Iraq", "Anbar province"), ("Kirkuk", "Iraq", "northern Iraq"),
    ("Marib", "Yemen", "central Yemen"), ("Taiz", "Yemen", "southwestern Yemen"),
    ("Hodeidah", "Yemen", "the Red Sea coast"), ("Maiduguri", "Nigeria", "Borno state"),
    ("Mogadishu", "Somalia", "the capital"), ("Kismayo", "Somalia", "southern Somalia"),
    ("Mekelle", "Ethiopia", "the Tigray region"), ("Gao", "Mali", "northern Mali"),
    ("Goma", "Congo", "North Kivu province"), ("Kandahar", "Afghanistan", "southern Afghanistan"),
    ("Donetsk", "Ukraine", "eastern Ukraine"), ("Khan Younis", "Gaza", "the southern Gaza Strip"),
]
ATTACKERS = {
    "Syria": ["Syrian government forces", "Russian warplanes", "Turkish-backed rebels"],
    "Iraq": ["Islamic State militants", "Iraqi security forces", "Turkish drones"],
    "Yemen": ["Houthi rebels", "Saudi-led coalition jets", "government troops"],
    "Nigeria": ["Boko Haram militants", "Nigerian troops"],
    "Somalia": ["Al Shabaab fighters", "Somali soldiers"],
    "Ethiopia": ["Ethiopian federal troops", "Tigrayan forces"],
    "Mali": ["jihadist fighters", "Malian soldiers"],
    "Congo": ["M23 rebels", "Congolese troops"],
    "Afghanistan": ["Taliban fighters", "Afghan security forces"],
    "Ukraine": ["Russian forces", "Ukrainian troops"],
    "Gaza": ["Israeli warplanes", "Israeli tanks"],
}
ACTIONS = ["shelled", "attacked", "bombed", "struck", "stormed", "fired rockets at", "raided"]
SOURCES = ["a monitoring group said", "local officials said", "medical sources said",
           "witnesses told reporters", "the civil defence service said", "police said",
           "a spokesman for the health ministry said", "residents said"]
VICTIMS = ["civilians", "people", "soldiers", "fighters", "villagers"]
FILLER = [
    "The {attacker} did not comment on the report.",
    "Residents said the attack began before dawn and lasted several hours.",
    "Aid agencies have warned that the fighting is driving thousands from their homes.",
    "The area has seen repeated clashes since the start of the year.",
    "Hospitals in {province} said they were struggling to treat the wounded.",
    "Officials in {country} called for an investigation into the attack.",
    "Images shared online showed smoke rising over the town.",
    "Schools and markets in {town} were closed on {weekday}.",
    "The United Nations said it was alarmed by the rising number of civilian deaths.",
    "Talks between the warring sides stalled last month.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generate(count: int, *, seed: int = 2024) -> Iterator[dict[str, str]]:
    """`count` JSONL rows {id, text, published, outlet, title}."""
    rng = random.Random(seed)
    for number in range(count):
        town, country, province = rng.choice(PLACES)
        attacker = rng.choice(ATTACKERS[country])
        published = date(2019, 1, 1) + timedelta(days=rng.randrange(1500))
        day = published - timedelta(days=rng.randrange(0, 3))
        weekday = WEEKDAYS[day.weekday()]
        dead, injured = rng.randrange(1, 40), rng.randrange(0, 60)
        fields = {"attacker": attacker, "town": town, "country": country, "province": province,
                  "weekday": weekday}
        lead = (f"{town.upper()}, {country}, {published:%b} {published.day} (Test Wire) - "
                f"{attacker[0].upper() + attacker[1:]} {rng.choice(ACTIONS)} {town} in {province} "
                f"on {weekday}, killing {dead} {rng.choice(VICTIMS)} and wounding {injured}, "
                f"{rng.choice(SOURCES)}.")
        body = [lead]
        if rng.random() < 0.5:
            other = rng.choice(ATTACKERS[country])
            body.append(f"Earlier in the week {other} clashed with rival forces near {town}, "
                        f"{rng.choice(SOURCES)}.")
        if rng.random() < 0.3:
            body.append(f"Hundreds of people protested in {town} on {weekday} against the "
                        "violence, witnesses said.")
        body += [line.format(**fields) for line in rng.sample(FILLER, rng.randrange(3, 7))]
        yield {"id": f"bench-{number:06d}", "text": "\n\n".join(body),
               "published": published.isoformat(), "outlet": "Test Wire",
               "title": f"Attack in {town} kills {dead}"}
