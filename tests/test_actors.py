"""Actor resolution: dictionary loading and validation, phrase -> (code, sector), coordinations,
possessives, non-actors, country helpers and the article's main country."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warmonitor.actors import (
    ActorDictionary, ActorResolver, country_of, iso2_to_iso3, iso3_to_iso2, main_country,
)
from warmonitor.actors.dictionary import DATA_DIR
from warmonitor.errors import DataFileError
from warmonitor.models import RECORD_SECTORS, Entity


def phrase_span(nlp, phrase: str):
    """The phrase as the subject of a short sentence, so the parser sees it in context."""
    doc = nlp(f"{phrase} said on Monday.")
    return doc[0:len(nlp.tokenizer(phrase))]


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorDictionary.load())


PHRASES = [
    # (phrase, context country, expected code, expected sector)
    ("Syrian government forces", None, "SYR", "MIL"),
    ("rebels", "SYR", "SYR", "REB"),
    ("government forces", "SYR", "SYR", "MIL"),
    ("the army", "MLI", "MLI", "MIL"),
    ("police", "KEN", "KEN", "COP"),
    ("civilians", "YEM", "YEM", "CVL"),
    ("Ankara", "SYR", "TUR", "GOV"),
    ("the Kremlin", None, "RUS", "GOV"),
    ("the White House", None, "USA", "GOV"),
    ("the Pentagon", None, "USA", "MIL"),
    ("Downing Street", None, "GBR", "GOV"),
    ("Turkish artillery barrages", "SYR", "TUR", "MIL"),
    ("Turkish forces", "SYR", "TUR", "MIL"),
    ("eight Turkish military personnel", "SYR", "TUR", "MIL"),
    ("Kremlin spokesman Dmitry Peskov", None, "RUS", "GOV"),
    ("Russia", "SYR", "RUS", None),
    ("its troops", "SYR", "SYR", "MIL"),
    ("Israeli police", None, "ISR", "COP"),
    ("Palestinian stone-throwers", None, "PSE", "PRO"),
    ("Hamas militants", None, "PSE", "REB"),
    ("a U.N. envoy", "SYR", "IGO", "IGO"),
    ("NATO forces", None, "IGO", "MIL"),
    ("United Nations peacekeepers", "COD", "IGO", "MIL"),
    ("the European Union", None, "IGO", "IGO"),
    ("the Red Cross", "SYR", "NGO", "NGO"),
    ("Hezbollah fighters", "SYR", "LBN", "REB"),
    ("Houthi rebels", None, "YEM", "REB"),
    ("al-Shabaab militants", "KEN", "SOM", "REB"),
    ("Islamic State fighters", "IRQ", "IMG", "REB"),  # transnational: PLOVER's IMG, not the host's rebels
    ("ISIS", "SYR", "IMG", "REB"),
    ("HTS", None, "SYR", "REB"),
    ("the Rapid Support Forces", None, "SDN", "REB"),
    ("Wagner mercenaries", "MLI", "RUS", "PGM"),
    ("Turkish President Tayyip Erdogan", None, "TUR", "GOV"),
    ("Putin", None, "RUS", "GOV"),
    ("President Zelensky", None, "UKR", "GOV"),
    ("the Ukrainian foreign minister", None, "UKR", "GOV"),
    ("Kiev", None, "UKR", "GOV"),
    ("U.S. officials", None, "USA", "GOV"),
    ("American diplomats", None, "USA", "GOV"),
    ("British troops", None, "GBR", "MIL"),
    ("Ivory Coast's Supreme Court", None, "CIV", "JUD"),
    ("the Myanmar junta", None, "MMR", "GOV"),
    ("Burmese soldiers", None, "MMR", "MIL"),
    ("Palestinians", None, "PSE", "CVL"),
    ("Iraqi security forces", None, "IRQ", "MIL"),
    ("Kenyan lawmakers", None, "KEN", "LEG"),
    ("Lebanese protesters", None, "LBN", "PRO"),
    ("Syrian refugees", "TUR", "SYR", "REF"),
    ("displaced families", "SDN", "SDN", "REF"),
    ("rebel leaders", "COL", "COL", "REB"),
    ("opposition leader", "VEN", "VEN", "OPP"),
    ("Turkish-backed rebels", "SYR", "SYR", "REB"),
    ("pro-Iranian militias", "IRQ", "IRQ", "PGM"),
    ("the U.S.-led coalition", "IRQ", "USA", "MIL"),
    ("Al Jazeera journalists", None, "QAT", "MED"),
    ("Egyptian journalists", None, "EGY", "MED"),
]


@pytest.mark.model
@pytest.mark.parametrize(("phrase", "context", "code", "sector"), PHRASES)
def test_resolve_phrase(nlp, resolver, phrase, context, code, sector) -> None:
    entity = resolver.resolve(phrase_span(nlp, phrase), context_country=context)
    assert entity is not None
    assert (entity.code, entity.plover_sector or entity.sector) == (code, sector)
    assert entity.sector is None or entity.sector in RECORD_SECTORS  # what the record format lists


POSSESSIVES = [
    ("Turkey's leader", "SYR", "TUR", "GOV"),
    ("Russia's defense ministry", None, "RUS", "GOV"),
    ("Israel's army", "PSE", "ISR", "MIL"),
    ("Assad's forces", None, "SYR", "MIL"),
    ("militants in Turkey's zone of responsibility", "SYR", "SYR", "REB"),
    ("the president of Armenia", None, "ARM", "GOV"),
    ("rebels in eastern Congo", None, "COD", "REB"),
    # a person the dictionaries do not know is of the country that owns the name
    ("Kenya's Amina Wanjiru Mwangi", "SOM", "KEN", None),
    # a group's name that is only a word of a person's name is not the group
    ("Peter Otieno Wagner", "KEN", "KEN", None),
    # a past office makes its holder an elite, no longer the state
    ("a former interior minister of Kenya", None, "KEN", "ELI"),
    ("the ex-police chief of Lagos state", "NGA", "NGA", "ELI"),
]


@pytest.mark.model
@pytest.mark.parametrize(("phrase", "context", "code", "sector"), POSSESSIVES)
def test_possessives_and_prepositions(nlp, resolver, phrase, context, code, sector) -> None:
    entity = resolver.resolve(phrase_span(nlp, phrase), context_country=context)
    assert entity is not None
    assert (entity.code, entity.sector) == (code, sector)


COORDINATIONS = [
    ("the United States and Jordan", [("USA", None), ("JOR", None)]),
    ("Israeli troops and Palestinian police", [("ISR", "MIL"), ("PSE", "COP")]),
    ("Senior Hungarian and Romanian officials", [("HUN", "GOV"), ("ROU", "GOV")]),
    ("Russian and Syrian warplanes", [("RUS", "MIL"), ("SYR", "MIL")]),
    ("Hamas and Islamic Jihad", [("PSE", "REB"), ("PSE", "REB")]),
    ("the foreign ministers of Ethiopia and Eritrea", [("ETH", "GOV"), ("ERI", "GOV")]),
]


@pytest.mark.model
@pytest.mark.parametrize(("phrase", "expected"), COORDINATIONS)
def test_resolve_all_splits_coordinations(nlp, resolver, phrase, expected) -> None:
    entities = resolver.resolve_all(phrase_span(nlp, phrase))
    assert [(e.code, e.sector) for e in entities] == expected
    assert resolver.resolve(phrase_span(nlp, phrase)).code == expected[0][0]


@pytest.mark.model
@pytest.mark.parametrize("phrase", ["the town", "the attack", "a report", "tensions", "the Turkish border",
                                    "heavy rain", "the ceasefire"])
def test_non_actors_resolve_to_none(nlp, resolver, phrase) -> None:
    assert resolver.resolve(phrase_span(nlp, phrase), context_country="SYR") is None


@pytest.mark.model
def test_unknown_person_is_one_of_the_story_country_without_a_sector(nlp, resolver) -> None:
    entity = resolver.resolve(phrase_span(nlp, "Jonas Whitcombe"), context_country="SYR")
    assert entity is not None
    assert (entity.entity_text, entity.code, entity.sector) == ("Jonas Whitcombe", "SYR", None)
    alone = resolver.resolve(phrase_span(nlp, "Jonas Whitcombe"))
    assert alone is not None and alone.code is None  # no story country: nothing to go by


@pytest.mark.model
@pytest.mark.parametrize(("phrase", "context", "name"), [
    ("Syrian government forces", None, "Military Forces of Syria"),
    ("the government", "TUR", "Government of Turkey"),
    ("rebels", "SYR", "Rebels (Syria)"),
    ("Hayat Tahrir al-Sham", None, "Hayat Tahrir al-Sham"),
])
def test_canonical_names(nlp, resolver, phrase, context, name) -> None:
    assert resolver.resolve(phrase_span(nlp, phrase), context_country=context).name == name


@pytest.mark.model
def test_entity_text_drops_leading_determiner(nlp, resolver) -> None:
    assert resolver.resolve(phrase_span(nlp, "the Syrian army")).entity_text == "Syrian army"


@pytest.mark.parametrize(("text", "code"), [
    ("Turkish", "TUR"), ("Türkiye", "TUR"), ("U.S.", "USA"), ("America", "USA"), ("Britain", "GBR"),
    ("Cote d'Ivoire", "CIV"), ("Burma", "MMR"), ("Kyiv", "UKR"), ("the Kremlin", "RUS"),
    ("Serbs", "SRB"), ("Kosovar", "XKX"), ("West Bank", "PSE"), ("Idlib", "SYR"),
    ("us", None), ("turkey", None), ("the town", None), ("United Nations", None),
])
def test_country_of(text, code) -> None:
    assert country_of(text) == code


@pytest.mark.parametrize(("iso2", "iso3"), [("SY", "SYR"), ("TR", "TUR"), ("GB", "GBR"), ("XK", "XKX"),
                                            ("PS", "PSE"), ("ZZ", None)])
def test_iso_conversions(iso2, iso3) -> None:
    assert iso2_to_iso3(iso2) == iso3
    if iso3:
        assert iso3_to_iso2(iso3) == iso2


def test_dictionary_covers_all_countries_and_many_groups() -> None:
    dictionary = ActorDictionary.load()
    assert len(dictionary.countries) >= 245
    groups = {entry.name for entry in dictionary.names.values() if entry.kind == "group"}
    assert len(groups) >= 60
    assert ActorDictionary.load() is dictionary


SYRIA_STORY = (
    "Syrian government forces battled rebels near Saraqeb in Idlib province on Tuesday. "
    "Turkey said its observation posts in Idlib were shelled, and Ankara sent more troops. "
    "Russia and Turkey have held talks, and Moscow said Turkish forces must leave. "
    "Turkish President Tayyip Erdogan spoke to Russian President Vladimir Putin. "
    "The Kremlin said Russia and Turkey would meet again."
)


@pytest.mark.model
def test_main_country_prefers_where_fighting_happens(nlp) -> None:
    doc = nlp(SYRIA_STORY)
    assert main_country(doc) == "SYR"
    assert main_country(nlp("Rain fell all day.")) is None
    assert main_country(nlp("Rain fell all day."), extra_votes=["KE"]) == "KEN"


@pytest.mark.model
def test_a_name_where_a_speaker_sits_gives_no_vote(nlp) -> None:
    text = "The Oslo-based group said 90 people were killed in Zahedan."
    doc = nlp(text)
    assert main_country(doc, extra_votes=["IR"]) == "NOR"  # the capital alone outvotes the place
    assert main_country(doc, extra_votes=["IR"], skip_chars=[text.index("Oslo")]) == "IRN"


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize(("file_name", "bad_line", "message"), [
    ("armed_groups.tsv", "Bad Group\tBG\tXYZ\tREB", "unknown country code"),
    ("armed_groups.tsv", "Bad Group\tBG\tSYR\tWIZ", "unknown sector"),
    ("igos.tsv", "only one field", "tab-separated fields"),
    ("countries.tsv", "syr\tsy\tSyria again", "ISO alpha-3"),
    ("leaders.tsv", "Someone Else\tPutin\tUKR\tGOV", "already listed"),
])
def test_malformed_data_file_names_file_and_line(tmp_path, file_name, bad_line, message) -> None:
    folder = copy_data(tmp_path)
    path = folder / file_name
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [bad_line]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        ActorDictionary.load(folder)
    assert f"{file_name}:{len(lines) + 1}:" in str(caught.value)
    assert message in str(caught.value)


def test_sector_yaml_conflict_names_line(tmp_path) -> None:
    folder = copy_data(tmp_path)
    path = folder / "sectors.yaml"
    text = path.read_text(encoding="utf-8").replace("  COP: [police,", "  COP: [troops, police,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"sectors\.yaml:\d+: 'troops' is listed under both"):
        ActorDictionary.load(folder)


@pytest.mark.parametrize("fine, record", [("JUD", "GOV"), ("LEG", "GOV"), ("EDU", "CVL"), ("REL", "CVL"),
                                          ("UAF", None), ("MIL", "MIL")])
def test_a_finer_plover_sector_is_written_as_the_record_lists_it_and_kept(fine: str, record: str | None) -> None:
    entity = Entity.coded("x", None, "KEN", fine)
    assert entity.sector == record
    assert entity.to_dict().get("plover_sector") == (fine if fine != record else None)
    assert Entity.from_dict(entity.to_dict()) == entity
