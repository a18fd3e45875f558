"""Sentence-level records: who did it to whom after resolution, for the readings the record
step adds (armed means, possessive owners, counted groups, reports of one's own side)."""
from __future__ import annotations

from datetime import date

import pytest

from warmonitor.models import Article

pytestmark = pytest.mark.model


def _events(pipeline, text: str) -> list[dict]:
    article = Article(id="t", text=text, published=date(2020, 2, 6))
    return [event.to_dict() for event in pipeline.extract_article(article)]


def _codes(entities: list[dict]) -> list[str]:
    return [f"{e['code']}/{e['sector']}" for e in entities]


def _find(events: list[dict], category: str) -> dict:
    found = [e for e in events if e["event"] == category]
    assert found, f"no {category} in {[(e['event'], e['event_text']) for e in events]}"
    return found[0]


# (sentence, category, actor codes, recipient codes): "*" leaves that side unchecked
CASES = [
    ("Syrian forces weathered Turkish artillery barrages near Saraqeb on Thursday.",
     "ASSAULT", ["TUR/MIL"], ["SYR/MIL"]),
    ("The advance, backed by Russian airstrikes, forced thousands to flee Idlib.",
     "ASSAULT", ["RUS/MIL"], "*"),
    ("Russia also said some of its troops had been killed in the attacks.",
     "ASSAULT", "*", ["RUS/MIL"]),
    ("Fighting risked a confrontation with Turkey, whose leader has threatened to drive back the Syrian forces.",
     "THREATEN", ["TUR/GOV"], "*"),
    ("Hundreds of residents protested in Maiduguri on Thursday.",
     "PROTEST", ["NGA/CVL"], []),
    ("Israeli Prime Minister Ehud Barak has agreed to US mediation in the talks.",
     "AGREE", ["ISR/GOV"], ["USA/None"]),
    ("Palestinian militants fired dozens of rockets at southern Israel on Wednesday.",
     "ASSAULT", ["PSE/REB"], ["ISR/None"]),
    ("The Israeli military said it would respond forcefully to any further rocket fire.",
     "THREATEN", ["ISR/MIL"], []),
    ("The Kremlin said militants in Idlib were continuing to attack Syrian government forces.",
     "ACCUSE", ["RUS/GOV"], "*"),
]


@pytest.mark.parametrize(("text", "category", "actor", "recipient"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_record(pipeline, text: str, category: str, actor, recipient) -> None:
    event = _find(_events(pipeline, text), category)
    if actor != "*":
        assert _codes(event["actor"]) == actor, event
    if recipient != "*":
        assert _codes(event["recipient"]) == recipient, event


@pytest.mark.parametrize("text", [
    "The army said troops killed nine militants near Dikwa on Wednesday.",
    "Police said officers arrested 40 protesters in the capital.",
])
def test_a_state_reporting_its_own_operation_accuses_no_one(pipeline, text: str) -> None:
    events = _events(pipeline, text)
    assert events, "the operation itself is an event"
    assert not [e for e in events if e["event"] == "ACCUSE"], [(e["event"], _codes(e["actor"])) for e in events]


def test_a_time_is_never_a_recipient(pipeline) -> None:
    event = _find(_events(pipeline, "Hundreds of people demonstrated in Kyiv on Sunday against the law."), "PROTEST")
    assert all(e["entity_text"] != "Sunday" for e in event["recipient"])


@pytest.mark.parametrize("text", [
    "Originally named Rue d'Enghien, the street was later called Lafayette.",
    "Four floor plans are offered in the new tower.",
    "Mehmud called it a massacre of civilians.",
])
def test_naming_and_actorless_sentences_are_no_events(pipeline, text: str) -> None:
    assert not [e for e in _events(pipeline, text) if e["event"] in ("CONSULT", "AGREE")]


def test_a_date_after_call_is_no_call_on(pipeline) -> None:
    event = _find(_events(pipeline, "Putin called Erdogan on Tuesday to discuss Idlib."), "CONSULT")
    assert event["mode"] == "phone" and _codes(event["recipient"]) == ["TUR/GOV"]


@pytest.mark.parametrize(("text", "requested"), [
    ("Ankara expected Russia to immediately stop the attacks.", True),
    ("The company expects to book a charge of about $175 million.", False),
    ('"Why did you go to the committee instead?" Peskov asked.', False),
])
def test_expect_and_ask_request_only_of_someone(pipeline, text: str, requested: bool) -> None:
    assert bool([e for e in _events(pipeline, text) if e["event"] == "REQUEST"]) == requested
