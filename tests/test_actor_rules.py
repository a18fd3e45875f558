"""Actor rules of issue 12: unknown stays unknown, victims keep their own nationality, transnational
groups are IMG, no guessed self-dyads, outlets are sources; the phrase rules behind them."""
from __future__ import annotations

from datetime import date

import pytest

from warmonitor.actors import ActorDictionary, ActorResolver
from warmonitor.actors.dyads import names_country, settle_recipients
from warmonitor.models import Article, Entity


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorDictionary.load())


def subject(nlp, phrase: str):
    doc = nlp(f"{phrase} attacked the village on Monday.")
    return doc[0:len(nlp.tokenizer(phrase))]


@pytest.mark.model
@pytest.mark.parametrize("phrase", ["Air strikes", "An air strike", "Warplanes", "Drones", "Shelling",
                                    "Reuters", "State media", "The newspaper", "AFP"])
def test_unnamed_weapons_and_outlets_are_no_actors(nlp, resolver, phrase) -> None:
    assert resolver.resolve(subject(nlp, phrase), context_country="SYR") is None


@pytest.mark.model
@pytest.mark.parametrize(("phrase", "code", "sector"), [
    ("Russian warplanes", "RUS", "MIL"), ("Regime warplanes", "SYR", "MIL"), ("Israeli air strikes", "ISR", "MIL"),
    ("Fighters of the Islamic State", "IMG", "REB"), ("Monitors from the OSCE", "IGO", "IGO"),
    ("Islamic State militants", "IMG", "REB"), ("Al-Qaeda in the Arabian Peninsula", "IMG", "REB"),
    ("The Kurds of northern Iraq", "IRQ", "CVL"), ("Bangladeshi peacekeepers", "BGD", "MIL"),
    ("Opponents of President Bashar al-Assad", "SYR", "OPP"),  # his opponents, not his government
    ("Unknown assailants", "SYR", "UAF"),  # ACLED's unidentified armed group
])
def test_owners_named_in_the_phrase(nlp, resolver, phrase, code, sector) -> None:
    entity = resolver.resolve(subject(nlp, phrase), context_country="SYR")
    assert entity is not None and (entity.code, entity.plover_sector or entity.sector) == (code, sector)


@pytest.mark.model
def test_appositive_gives_a_persons_role(nlp, resolver) -> None:
    doc = nlp("Maria Lindqvist, the UN refugee envoy, visited the camp on Monday.")
    entity = resolver.resolve(doc[0:2], context_country="SYR")
    assert entity is not None and entity.code == "IGO"


@pytest.mark.model
def test_office_holder_coded_by_publication_date(nlp, resolver) -> None:
    doc = nlp("Yoshiro Mori visited Seoul on Monday.")
    in_office = resolver.resolve(doc[0:2], published=date(2000, 8, 1))
    later = resolver.resolve(doc[0:2], published=date(2012, 8, 1))
    assert (in_office.code, in_office.sector) == ("JPN", "GOV")
    assert (later.code, later.sector) == ("JPN", "ELI")


def test_names_country() -> None:
    dictionary = ActorDictionary.load()
    assert names_country("two Palestinian farmers", "PSE", dictionary)
    assert names_country("residents of Aleppo", "SYR", dictionary)
    assert not names_country("ten villagers", "SYR", dictionary)


def test_victims_take_the_place_not_the_attacker(resolver) -> None:
    attacker = (Entity("Israeli troops", "Military Forces of Israel", "ISR", "MIL"),)
    guessed = (Entity("ten people", "Civilians (Israel)", "ISR", "CVL"),)
    assert settle_recipients("ASSAULT", attacker, guessed, resolver)[0].code is None
    assert settle_recipients("ASSAULT", attacker, guessed, resolver, place_country="PS")[0].code == "PSE"
    stated = (Entity("two Israeli settlers", "Civilians (Israel)", "ISR", "CVL"),)
    assert settle_recipients("ASSAULT", attacker, stated, resolver)[0].code == "ISR"
    elsewhere = (Entity("five civilians", "Civilians (Syria)", "SYR", "CVL"),)  # a Syria story
    assert settle_recipients("ASSAULT", attacker, elsewhere, resolver)[0].code == "SYR"


def test_no_guessed_self_dyads(resolver) -> None:
    actor = (Entity("Nigeria's president", "Government of Nigeria", "NGA", "GOV"),)
    guessed = (Entity("the government", "Government of Nigeria", "NGA", "GOV"),)
    assert settle_recipients("DEMAND", actor, guessed, resolver) == ()
    stated = (Entity("the Nigerian government", "Government of Nigeria", "NGA", "GOV"),)
    assert settle_recipients("DEMAND", actor, stated, resolver) == stated


@pytest.mark.model
def test_extraction_leaves_an_unattributed_strike_without_attacker(pipeline) -> None:
    text = "An air strike on a market in Idlib killed 12 civilians on Monday, rescuers said."
    events = pipeline.extract_article(Article(id="strike", text=text, published=date(2020, 2, 3)))
    assaults = [e for e in events if e.event == "ASSAULT"]
    assert assaults and all(not e.actor for e in assaults)


@pytest.mark.model
def test_a_title_in_the_text_wins_over_the_date(nlp, resolver) -> None:
    doc = nlp("Prime Minister Yoshiro Mori visited Seoul on Monday.")
    entity = resolver.resolve(doc[0:4], published=date(2012, 8, 1))  # after office, but the text says PM
    assert (entity.code, entity.sector) == ("JPN", "GOV")


@pytest.mark.model
def test_a_country_the_model_leaves_untagged_owns_its_warplanes(nlp, resolver) -> None:
    doc = nlp("Chad on Wednesday banned the veil across the country and said its warplanes had struck rebel bases.")
    i = next(t.i for t in doc if t.text == "its")
    entity = resolver.resolve(doc[i:i + 2], context_country="NGA")
    assert entity is not None and (entity.code, entity.sector) == ("TCD", "MIL")


def _sides(pipeline, text: str) -> list[tuple[str, list[tuple[str | None, str | None]]]]:
    events = pipeline.extract_article(Article(id="sides", text=text, published=date(2021, 3, 8)))
    return [(e.event, [(a.code, a.sector) for a in e.actor]) for e in events]


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, wanted", [
    # a name of the dictionary inside a longer place of another country names no one of its own
    ("The Upper Nile state government said it had arrested five men in Malakal.", ("COERCE", ("SSD", "GOV"))),
    # a country "next door" is not the story's: "the government" stays Chad's
    ("Chad on Wednesday banned the full-face veil and said its jets had struck Boko Haram bases in neighbouring "
     "Nigeria. A spokesman said the government held Boko Haram responsible.", ("ACCUSE", ("TCD", "GOV"))),
    # the dateline's capital votes for the story's country
    ("N'DJAMENA (Reuters) - Boko Haram fighters attacked a fishing village on an island in the lake, killing ten "
     "people, a regional governor said on Sunday. The government condemned the attack.", ("ACCUSE", ("TCD", "GOV"))),
])
def test_the_story_country_decides_a_bare_government(pipeline, text: str, wanted: tuple) -> None:
    event, side = wanted
    assert any(e == event and side in actors for e, actors in _sides(pipeline, text)), _sides(pipeline, text)


@pytest.mark.model
@pytest.mark.parametrize("phrase, code, sector", [
    ("A spokesman for the Taliban", "AFG", "REB"),
    ("A spokeswoman for the army", "ETH", "MIL"),
    ("A spokesman for the Islamic State group", "IMG", "REB"),
    ("A government spokesman", "ETH", "GOV"),
    # what belongs to a body stands for it as a target
    ("The convoy of the governor", "ETH", "GOV"),
    ("Positions of the Islamic State", "IMG", "REB"),
    ("The house of a farmer", "ETH", "CVL"),
])
def test_a_spokesman_or_a_belonging_is_of_its_body(nlp, resolver, phrase: str, code: str, sector: str) -> None:
    entity = resolver.resolve(subject(nlp, phrase), context_country="ETH")
    assert entity is not None and (entity.code, entity.sector) == (code, sector), entity


@pytest.mark.model
@pytest.mark.parametrize("phrase, code", [("Congress", "COL"), ("The Senate", "COL"), ("The U.S. Congress", "USA")])
def test_a_legislature_named_bare_is_the_story_countrys(nlp, resolver, phrase: str, code: str) -> None:
    entity = resolver.resolve(subject(nlp, phrase), context_country="COL")
    assert entity is not None and entity.code == code, entity


@pytest.mark.model
@pytest.mark.parametrize("phrase", ["Gangs", "Armed gangs", "The drug cartel"])
def test_gangs_are_criminals_not_the_states_forces(nlp, resolver, phrase: str) -> None:
    entity = resolver.resolve(subject(nlp, phrase), context_country="HTI")
    assert entity is not None and (entity.code, entity.sector, entity.plover_sector) == ("HTI", None, "CRM"), entity
