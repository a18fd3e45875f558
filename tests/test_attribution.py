"""Sources of reporting clauses: who a sentence says reported it."""
from __future__ import annotations

import pytest

from warmonitor.events.attribution import attributed_verb, find_attribution

pytestmark = pytest.mark.model

ATTRIBUTION_CASES = [
    ("Shells hit the market, witnesses and a war monitor said.", ("witnesses", "a war monitor")),
    ("Five fighters died in the raid, the Observatory said.", ("the Observatory",)),
    ("At least 12 people died in the blast, the British-based Syrian Observatory for Human Rights "
     "had said in a report corroborated by witnesses.",
     ("Syrian Observatory for Human Rights", "witnesses")),
    ("Police detained 40 students, according to local officials.", ("local officials",)),
    ("Kremlin spokesman Dmitry Peskov said the talks would continue.",
     ("Kremlin spokesman Dmitry Peskov",)),
    ("Some 300 troops were deployed, state media reported.", ("state media",)),
    ("The convoy was ambushed near the border, a military source told AFP.", ("a military source",)),
    ("He told Reuters that the convoy had been hit.", ()),
    ("They said the town had fallen.", ()),
    ("\"We are under siege,\" said Ahmed Hassan, a resident of the town.", ("Ahmed Hassan",)),
    ("The strikes killed 12 civilians, the state news agency SANA reported, citing a medical source.",
     ("the state news agency SANA", "a medical source")),
    ("Islamic State claimed responsibility for the attack.", ()),
    ("Rebels shelled the airport on Monday.", ()),
    ("The defence ministry announced that two soldiers had been killed.", ("The defence ministry",)),
    ("Turkish Defence Minister Hulusi Akar said the troops would stay, the ministry confirmed.",
     ("Turkish Defence Minister Hulusi Akar", "the ministry")),
    ("According to the United Nations, 900,000 people have fled since December.",
     ("the United Nations",)),
    ("Three policemen were wounded, the Interior Ministry said in a statement.",
     ("the Interior Ministry",)),
    ("The Iran-backed Houthi rebels said they downed a drone.", ("Houthi rebels",)),
    ("Residents reported heavy gunfire overnight.", ("Residents",)),
    ("The blast damaged the embassy, officials and witnesses told the BBC.",
     ("officials", "witnesses")),
    ("Hospital sources confirmed 17 deaths.", ("Hospital sources",)),
    ("The army stated that the operation was over.", ("The army",)),
    ("Troops withdrew from the village, as reported by local media.", ("local media",)),
    ("An activist in the city, who asked not to be named, said security forces opened fire.",
     ("An activist in the city",)) ,
    ("The monitor added that the death toll was likely to rise.", ("The monitor",)),
    ("Gunmen killed two guards, the governor of Kandahar province said.",
     ("the governor of Kandahar province",)),
    ("The report was corroborated by two aid workers.", ("two aid workers",)),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION_CASES)
def test_find_attribution(nlp, text: str, expected: tuple[str, ...]) -> None:
    assert find_attribution(nlp(text)[:]) == expected


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Shells hit the market, witnesses said.", "said"),
        ("Police detained 40 students, according to local officials.", "according"),
        ("Some 300 troops were deployed, state media reported.", "reported"),
        ("He told Reuters that the convoy had been hit.", "told"),
        ("Rebels shelled the airport on Monday.", None),
        ("Islamic State claimed responsibility for the attack.", None),
    ],
)
def test_attributed_verb(nlp, text: str, verb: str | None) -> None:
    token = attributed_verb(nlp(text)[:])
    assert (token.text if token is not None else None) == verb


def test_attributed_verb_separates_report_from_content(nlp) -> None:
    doc = nlp("Jets bombed the hospital, the Observatory said.")
    verb = attributed_verb(doc[:])
    content = [t for t in doc if t.head == verb and t.dep_ in ("ccomp", "parataxis")]
    assert [t.text for t in content] == ["bombed"]


def test_works_on_one_sentence_of_a_longer_doc(nlp) -> None:
    doc = nlp("Rebels shelled the airport. Five soldiers died, the army said.")
    second = list(doc.sents)[1]
    assert find_attribution(second) == ("the army",)
