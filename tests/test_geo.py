"""Tests of the geo stage: normalisation, the gazetteer, toponyms, relative places, event placement.

Sentences are invented for these tests. The gazetteer is built once at the configured
path (Settings().gazetteer_path) and reused, so only the first run pays the build.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from warmonitor.errors import DataFileError
from warmonitor.geo import datafiles
from warmonitor.geo.normalize import joined_name, normalize_name, skeleton_name
from warmonitor.geo.relative import distance_km, move_point

SARAQIB = (35.86447, 36.80591)
IDLIB_CITY = (35.93062, 36.63393)


@pytest.fixture(scope="session")
def gazetteer():
    from warmonitor.geo import Gazetteer

    return Gazetteer.open()


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from warmonitor.geo import Geoparser

    return Geoparser(gazetteer)


# --- pure units -------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Saraqeb", "Saraqib"),
    ("Maarat al-Numan", "Ma'arrat an-Nu'man"),
    ("Kiziltepe", "Kızıltepe"),
    ("Tal Abyad", "Tall Abyad"),
    ("Hama", "Hamah"),
    ("Raqqa", "Ar-Raqqah"),
])
def test_skeletons_meet(a: str, b: str) -> None:
    assert skeleton_name(a) == skeleton_name(b)


@pytest.mark.parametrize("a, b", [("Aleppo", "Mosul"), ("Homs", "Hama"), ("Idlib", "Daraa")])
def test_skeletons_keep_different_names_apart(a: str, b: str) -> None:
    assert skeleton_name(a) != skeleton_name(b)


@pytest.mark.parametrize("raw, norm", [
    ("Kızıltepe", "kiziltepe"), ("Ma‘arrat an-Nu‘man", "maarrat an numan"), ("  São Paulo ", "sao paulo"),
])
def test_normalize_name(raw: str, norm: str) -> None:
    assert normalize_name(raw) == norm


@pytest.mark.parametrize("name, joined", [
    ("Al Bāb", "albab"), ("Ālbū Kamāl", "albukamal"), ("el-Khalil", "elkhalil"),
    ("Bab", None), ("Saraqib", None), ("Kafr Nabl", None),
])
def test_joined_name(name: str, joined: str | None) -> None:
    """A name opening with an Arabic article has a joined spelling ("Albab"); others none."""
    assert joined_name(name) == joined


@pytest.mark.parametrize("km, bearing, dlat_sign, dlon_sign", [
    (20, 0, 1, 0), (20, 90, 0, 1), (20, 180, -1, 0), (20, 270, 0, -1),
])
def test_move_point(km: float, bearing: float, dlat_sign: int, dlon_sign: int) -> None:
    lat, lon = move_point(*IDLIB_CITY, km, bearing)
    assert distance_km(*IDLIB_CITY, lat, lon) == pytest.approx(km, rel=0.01)
    assert (lat > IDLIB_CITY[0] + 0.01) - (lat < IDLIB_CITY[0] - 0.01) == dlat_sign
    assert (lon > IDLIB_CITY[1] + 0.01) - (lon < IDLIB_CITY[1] - 0.01) == dlon_sign


def test_bad_data_file_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafiles, "_data_text", lambda name: (name, "# comment\nSY\t34.8\n"))
    datafiles.load_country_points.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"country_points.tsv line 2"):
            datafiles.load_country_points()
    finally:
        datafiles.load_country_points.cache_clear()


def test_stale_schema_triggers_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from warmonitor.geo import gazetteer as gazetteer_module

    path = tmp_path / "gaz.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', 'old');")
    conn.close()
    built: list[Path] = []
    monkeypatch.setattr(gazetteer_module, "build_gazetteer", lambda p: built.append(p))
    with pytest.raises(Exception):
        gazetteer_module.Gazetteer.open(path)  # the stub builds nothing, so opening fails after it
    assert built == [path]


# --- the gazetteer ----------------------------------------------------------------------

@pytest.mark.gazetteer
@pytest.mark.parametrize("query, name, country, lat, lon", [
    ("Saraqeb", "Saraqib", "SY", 35.864, 36.806),
    ("Maarat al-Numan", "Ma‘arrat an Nu‘mān", "SY", 35.648, 36.677),
    ("Kiziltepe", "Kızıltepe", "TR", 37.188, 40.577),
    ("Aleppo", "Aleppo", "SY", 36.201, 37.161),
    ("Mosul", "Mosul", "IQ", 36.335, 43.119),
    ("Albab", "Al Bāb", "SY", 36.371, 37.516),  # the article joined to the name
    ("Albukamal", "Ālbū Kamāl", "SY", 34.452, 40.919),
])
def test_lookup_finds_variants(gazetteer, query: str, name: str, country: str, lat: float, lon: float) -> None:
    best = next(e for e in gazetteer.lookup(query) if e.feature_code.startswith("PPL"))
    assert (best.name, best.country_code) == (name, country)
    assert best.lat == pytest.approx(lat, abs=0.01) and best.lon == pytest.approx(lon, abs=0.01)


@pytest.mark.gazetteer
def test_countries_divisions_and_admin_names(gazetteer) -> None:
    syria = gazetteer.country("SY")
    assert syria is not None and syria.feature_code == "PCLI"
    assert 33 < syria.lat < 37 and 36 < syria.lon < 41  # a centroid, not Damascus
    assert gazetteer.admin1_name("SY", "12") == "Idlib"
    divisions = [e for e in gazetteer.lookup("Idlib") if e.feature_code == "ADM1"]
    assert divisions and divisions[0].country_code == "SY"
    assert gazetteer.get(164816).name == "Saraqib"
    assert gazetteer.lookup("Xqzvbnmw") == []


# --- toponyms ---------------------------------------------------------------------------

def _annotate(nlp, geoparser, text: str, dateline: str | None = None) -> dict[str, object]:
    doc = nlp(text)
    return {t.text: t for t in geoparser.annotate(doc, dateline=dateline)}


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, mention, name, precision", [
    ("Shelling hit villages across Idlib Province overnight, residents said.", "Idlib Province", "Idlib", "admin1"),
    ("Residents of Idlib city queued for bread on Sunday.", "Idlib city", "Idlib", "point"),
    ("Rebels in Saraqeb said the road to Aleppo was cut.", "Saraqeb", "Saraqib", "point"),
    ("Families fled Maarat al-Numan as jets circled over the town.", "Maarat al-Numan", "Ma‘arrat an Nu‘mān", "point"),
    ("Ankara deployed more troops to Turkey's southern provinces on Friday.", "Turkey", "Turkey", "country"),
    ("Protesters gathered in Kiziltepe in Mardin Province, Turkey.", "Kiziltepe", "Kızıltepe", "point"),
    # the model's GPE is only "Tal": the span grows to the gazetteer's longer name
    ("Turkish forces battled Kurdish militiamen outside Tal Abyad on Saturday.", "Tal Abyad", "Tall Abyaḑ", "near"),
    # a capitals dateline with an abbreviated word; a name the model reads as a DATE; a
    # county the model reads as a PERSON after a comma; a FAC entity holding a place and its county
    ("ST. LOUIS – Police arrested two men on Friday.", "ST. LOUIS", "St. Louis", "point"),
    ("President Sargsyan paid an official visit to the Holy See.", "Holy See", "Vatican", "country"),
    ("The soldier was embedded with US Special Forces in Manbij near the Turkish border.", "Manbij", "Manbij",
     "point"),
    # a big place heading a group's name (the model's NORP "Lahore Christians")
    ("Lahore Christians protested the attack.", "Lahore", "Lahore", "point"),
    # a distance with no direction: near the town, not in it
    ("The camp lies some 40 km (25 miles) from Kandahar, officials said.", "Kandahar", "Kandahār", "near"),
    ("Gunmen attacked a checkpoint about 30 kilometres away from Maiduguri.", "Maiduguri", "Maiduguri", "near"),
    ("3/4 May: Lydden Hill, Kent. 17/18 May: Mallory Park, Leicestershire.", "Kent", "Kent", "admin2"),
    ("3/4 May: Lydden Hill, Kent. 17/18 May: Mallory Park, Leicestershire.", "Leicestershire",
     "Leicestershire", "admin2"),
])
def test_toponyms_resolve(nlp, geoparser, text: str, mention: str, name: str, precision: str) -> None:
    toponym = _annotate(nlp, geoparser, text)[mention]
    assert toponym.place is not None
    assert (toponym.place.name, toponym.place.precision) == (name, precision)


@pytest.mark.model
@pytest.mark.gazetteer
def test_demonyms_are_countries_not_places(nlp, geoparser) -> None:
    text = "Turkish and Russian officers met in Sochi, the Syrian Observatory for Human Rights said."
    found = _annotate(nlp, geoparser, text)
    assert not any("Observatory" in k for k in found)
    assert "Sochi" in found and found["Sochi"].role == "place"
    for demonym, iso in (("Turkish", "TR"), ("Russian", "RU"), ("Syrian", "SY")):
        assert found[demonym].role == "demonym"
        assert (found[demonym].place.country_code, found[demonym].place.feature_code) == (iso, "PCLI")
    doc = nlp(text)
    start = text.index("met")
    place = geoparser.place_event(doc, start, start + 3)
    assert place is not None and place.name == "Sochi"


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, mention, name, feature_code, role", [
    ("Officials in Washington said the U.S. would send aid.", "U.S.", "United States", "PCLI", "place"),
    ("A tornado hit Bowling Green, Ky., late on Sunday.", "Ky.", "Kentucky", "ADM1", "place"),
    ("Migrants drowned in the Mediterranean on Friday.", "Mediterranean", "Mediterranean Sea", "SEA", "place"),
    ("Ministers from across Europe met on Monday.", "Europe", "Europe", "CONT", "place"),
    ("A spokesman for the Pakistan Army denied the report.", "Pakistan", "Pakistan", "PCLI", "embedded"),
])
def test_abbreviations_areas_and_names_in_organisations(nlp, geoparser, text: str, mention: str, name: str,
                                                        feature_code: str, role: str) -> None:
    toponym = _annotate(nlp, geoparser, text)[mention]
    assert toponym.place is not None and toponym.role == role
    assert (toponym.place.name, toponym.place.feature_code) == (name, feature_code)


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, word", [
    ("The talks on NAFTA resumed on Monday, officials said.", "NAFTA"),
    ("Speaking to reporters, Modi promised jobs.", "Modi"),
    ("The Lord of the manor opened the gates to visitors.", "Lord"),
    ("Hayyaat Tahrir Al-Sham executed a man in its custody.", "Al-Sham"),  # a group's name, not Damascus
])
def test_acronyms_surnames_and_common_words_are_not_places(nlp, geoparser, text: str, word: str) -> None:
    assert word not in _annotate(nlp, geoparser, text)


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, mention, name, country", [
    ("Police in London arrested two men, a Scotland Yard spokesman said.", "London", "London", "GB"),
    ("Gunmen attacked a checkpoint in Saraqeb, near Idlib and Aleppo.", "Saraqeb", "Saraqib", "SY"),
    ("Security forces clashed with protesters in Kızıltepe and Mardin.", "Kızıltepe", "Kızıltepe", "TR"),
    # a Philippine province (ADM2) of 300,000 people, not a Chinese town of unknown size
    ("An Abu Sayyaf member was killed and a soldier wounded in a clash in Sulu.", "Sulu", "Sulu", "PH"),
    # A demonym names the attackers' nationality, not the country the place lies in.
    ("Turkish forces and loyal factions attack Ras al-Ayn city from three sides.", "Ras al-Ayn city",
     "Ra’s al ‘Ayn", "SY"),
])
def test_disambiguation_by_population_and_story(nlp, geoparser, text: str, mention: str, name: str,
                                               country: str) -> None:
    toponym = _annotate(nlp, geoparser, text)[mention]
    assert (toponym.place.name, toponym.place.country_code) == (name, country)
    assert 0 < toponym.score <= 1


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, mention, country, admin1", [
    ("She trained at a clinic in London, Kentucky, before she moved.", "London", "US", "Kentucky"),
    ("He was state champion for Queensland, Australia at seven.", "Queensland", "AU", "Queensland"),
    ("The family bought a farm in Monroe County in northeast Missouri.", "Monroe County", "US", "Missouri"),
    ("A tornado struck Paris, Texas, on Monday.", "Paris", "US", "Texas"),
    # Two names of one rank are a list: Hama stays the province, not a place inside Idlib.
    ("Air strikes hit Idlib, Hama and Latakia on Monday.", "Hama", "SY", "Ḩamāh"),
])
def test_a_country_or_province_after_a_name_contains_it(nlp, geoparser, text: str, mention: str, country: str,
                                                        admin1: str) -> None:
    place = _annotate(nlp, geoparser, text)[mention].place
    assert (place.country_code, place.admin1) == (country, admin1)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_name_with_no_candidate_in_its_container_is_none_of_them(nlp, geoparser) -> None:
    """ "the eastern Badia of Homs": GeoNames' only Badias are Italian hamlets, and Homs is in
    Syria; a language named after "in" is no container."""
    toponyms = _annotate(nlp, geoparser, "ISIS fighters attacked an outpost in the eastern Badia of Homs.")
    assert toponyms["Badia"].place is None or toponyms["Badia"].place.country_code == "SY"
    aleppo = _annotate(nlp, geoparser, "The gunman shouted about Aleppo in Turkish.")["Aleppo"].place
    assert aleppo is not None and aleppo.country_code == "SY"


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_village_is_no_city(nlp, geoparser) -> None:
    """ "Marsi village" matches Marseille only by its letters: a village word keeps the big
    town out, and the village is placed in the province the sentence names."""
    place = _annotate(nlp, geoparser, "Gunmen killed three people in Marsi village near Gao.")["Marsi village"].place
    assert (place.name, place.country_code, place.precision) == ("Marsi", "ML", "admin1")


def test_python_geoparse_returns_records(monkeypatch: pytest.MonkeyPatch, nlp, geoparser) -> None:
    import warmonitor
    from warmonitor.geo import documents

    monkeypatch.setattr(documents, "_default", (nlp, geoparser))
    text = "Gunmen attacked the village of Kafr Zubaydat near Maarat al-Numan in Idlib Province."
    records = warmonitor.geoparse(text)
    by_text = {r["text"]: r for r in records}
    assert by_text["Maarat al-Numan"]["geonameid"] and by_text["Maarat al-Numan"]["country_code"] == "SY"
    assert by_text["Idlib Province"]["feature_code"] == "ADM1"
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)
    village = by_text["Kafr Zubaydat"]  # no entry: kept, placed at the town named after it
    assert village["geonameid"] is None and village["name"] == "Kafr Zubaydat"
    assert village["precision"] == "admin2" and village["lat"] == by_text["Maarat al-Numan"]["lat"]


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("country", ["Syria", "Turkey", "Russia", "Iraq", "Lebanon"])
def test_country_never_resolves_to_a_town(nlp, geoparser, country: str) -> None:
    toponym = _annotate(nlp, geoparser, f"Aid convoys crossed into {country} on Monday.")[country]
    assert toponym.place.feature_code == "PCLI"


@pytest.mark.model
@pytest.mark.gazetteer
def test_unresolvable_name_keeps_the_others(nlp, geoparser) -> None:
    doc = nlp("Gunmen attacked the village of Kafr Zubaydat near Saraqeb in Idlib Province.")
    toponyms = geoparser.annotate(doc)
    assert doc._.toponyms is toponyms
    places = {t.text: t.place for t in toponyms}
    assert places.get("Saraqeb") is not None and places.get("Idlib Province") is not None
    village = places["Kafr Zubaydat"]  # not in the gazetteer: kept with its name, at Saraqeb's area
    assert village is not None and village.geonameid is None and village.name == "Kafr Zubaydat"
    assert village.precision == "admin2" and (village.lat, village.lon) == (places["Saraqeb"].lat, places["Saraqeb"].lon)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_name_nothing_contains_stays_unresolved(nlp, geoparser) -> None:
    toponyms = geoparser.annotate(nlp("Gunmen attacked the village of Kafr Zubaydat."))
    assert [(t.text, t.place) for t in toponyms] == [("Kafr Zubaydat", None)]



@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, names", [
    ("South Korea's president met Chinese officials.", {"South Korea": "South Korea"}),
    ("Talks are due in Greece Italy and Spain next week.", {"Greece": "Greece", "Italy": "Italy", "Spain": "Spain"}),
    ("The mayor of the City of Montreal spoke on Monday.", {"Montreal": "Montréal"}),
    ("The storm hit Trinidad and Tobago on Monday.", {"Trinidad and Tobago": "Trinidad and Tobago"}),
])
def test_possessives_and_run_together_names(nlp, geoparser, text: str, names: dict[str, str]) -> None:
    """The model's "South Korea's" is South Korea and its "Trinidad" grows to "Trinidad and
    Tobago"; an unknown longer name ("Greece Italy") gives way to the countries and big
    places inside it."""
    toponyms = _annotate(nlp, geoparser, text)
    assert {mention: toponyms[mention].place.name for mention in names} == names


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, mention, name, feature_code", [
    ("Fans drove from Kansas City to the game.", "Kansas City", "Kansas City", "PPL"),
    ("The English fans gathered in the square.", "English", "England", "ADM1"),
    # A division's name heading an organisation's name, its "County" saying what it is.
    ("The suspect was lodged in the Metcalfe County Detention Center on Friday.", "Metcalfe County",
     "Metcalfe County", "ADM2"),
    # A big town's name the model takes for a person's, before a place noun ("the Cairns police").
    ("Since 2010 the Cairns police force has been running the program.", "Cairns", "Cairns", "PPL"),
])
def test_city_names_and_division_demonyms(nlp, geoparser, text: str, mention: str, name: str,
                                          feature_code: str) -> None:
    """"Kansas City" is a town's whole name (not "Kansas" with a "city" hint); "English"
    is England."""
    place = _annotate(nlp, geoparser, text)[mention].place
    assert (place.name, place.feature_code) == (name, feature_code)


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, not_places", [
    ("The concert was held at the Rogers Centre in Toronto.", {"Centre"}),
    ("The funeral took place at St George's Chapel in Windsor.", {"George"}),
    ("Police closed Hampton Avenue after the crash.", {"Hampton"}),
])
def test_words_inside_facility_names_are_not_places(nlp, geoparser, text: str, not_places: set[str]) -> None:
    assert not_places.isdisjoint(_annotate(nlp, geoparser, text))


@pytest.mark.gazetteer
@pytest.mark.parametrize("iso, lat, lon", [
    ("RU", 60.0, 100.0),       # countryinfo's (the Factbook's) point, which GeoNames shares
    ("BR", -10.0, -55.0),
    ("US", 39.76, -98.5),      # geo/data/country_points.tsv: GeoNames' own point
    ("CA", 60.10867, -113.64258),
])
def test_country_reference_points(gazetteer, iso: str, lat: float, lon: float) -> None:
    country = gazetteer.country(iso)
    assert (country.lat, country.lon) == pytest.approx((lat, lon), abs=0.01)


# --- relative places and event placement ------------------------------------------------

@pytest.mark.model
@pytest.mark.gazetteer
def test_relative_phrase_moves_the_point(nlp, geoparser) -> None:
    text = "Jets struck Qwzxrtabad, 9 miles east of Idlib city, on Tuesday."
    doc = nlp(text)
    start = text.index("struck")
    place = geoparser.place_event(doc, start, start + len("struck"))
    assert place is not None and place.precision == "near"
    assert distance_km(*IDLIB_CITY, place.lat, place.lon) == pytest.approx(14.5, abs=0.5)
    assert place.lon > IDLIB_CITY[1] and place.place_text.startswith("9 miles east of")


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("text, trigger, expected, precision, km", [
    ("Fighters battled troops in Saraqeb on Thursday, a monitoring group said.", "battled", SARAQIB, "point", 20),
    ("Rebel fighters battled government troops in Saraqeb, 9 miles east of Idlib city, on Tuesday.",
     "battled", SARAQIB, "point", 20),
    ("Army units tried to seize Saraqeb town in northwestern Idlib Province as jets pounded roads.",
     "seize", SARAQIB, "point", 20),
    ("Mortar rounds fell 20 km north of Aleppo overnight.", "fell", (36.381, 37.161), "near", 3),
    ("Government forces shelled rebel positions outside Mosul on Monday.", "shelled", (36.335, 43.119), "near", 5),
    ("Gunmen killed nine people in Pakistan's Karachi on Friday.", "killed", (24.86, 67.01), "point", 20),
    ("Airstrikes killed a dozen rebels in Yemen's Marib province.", "killed", (15.46, 45.33), "admin1", 60),
    # An event noun right after a name makes it the event's place, whatever the parse says.
    ("Scores killed in Ukraine in heavy fighting, Donetsk shelling.", "killed", (48.023, 37.802), "point", 20),
    # A side of a town lies that way from it (lexicon.yaml's side_offset_km), not at its point.
    ("Rebels ambushed a convoy in the eastern countryside of Hama, and shells fell on Idlib city.",
     "ambushed", (35.132, 37.087), "near", 8),
    ("Gunmen attacked an army post south of Homs on Friday.", "attacked", (34.457, 36.723), "near", 8),
    ("Militants overran a base to the southwest of the capital Mogadishu.", "overran", (1.846, 45.153), "near", 8),
    # A direction or a side is as much a locative as "in": the event is there, not at a later town.
    ("Fighting raged west of Saraqeb as jets flew over Idlib city.", "Fighting", (35.865, 36.473), "near", 8),
    ("Shells hit the centre of Homs while clashes went on in the northern countryside of Hama.",
     "hit", (34.727, 36.723), "point", 10),
    # A name qualifying "city of X" describes X: the event is in X, not on the sea or the people.
    ("A missile killed three civilians in the Black Sea city of Odesa early on Saturday.",
     "killed", (46.477, 30.733), "point", 20),
    ("A car bomb killed five people in the Kurdish town of Kobani on Monday.", "killed", (36.891, 38.354), "point", 20),
])
def test_place_event(nlp, geoparser, text: str, trigger: str, expected: tuple[float, float],
                     precision: str, km: float) -> None:
    doc = nlp(text)
    start = text.index(trigger)
    place = geoparser.place_event(doc, start, start + len(trigger))
    assert place is not None and place.precision == precision
    assert distance_km(*expected, place.lat, place.lon) < km


@pytest.mark.model
@pytest.mark.gazetteer
def test_placement_skips_borders_actors_and_falls_back_to_the_paragraph(nlp, geoparser) -> None:
    text = ("Syrian troops and rebels fought in Saraqeb on Wednesday. Thousands fled towards Turkey's "
            "border as the bombardment went on, witnesses said.")
    doc = nlp(text)
    geoparser.annotate(doc, dateline="BEIRUT")
    start = text.index("fled")
    place = geoparser.place_event(doc, start, start + len("fled"))
    assert place is not None and place.country_code == "SY"


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_sentence_without_a_place_takes_the_story_town_beside_a_province(nlp, geoparser) -> None:
    text = ("Twenty people were killed yesterday, a monitoring group said. A man displaced from Homs "
            "province died under torture in Jarabulus.")
    doc = nlp(text)
    start = text.index("killed")
    place = geoparser.place_event(doc, start, start + len("killed"))
    assert place is not None and place.precision == "near" and place.place_text == "Jarabulus"


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_second_article_of_the_same_places_reads_nothing_from_the_index(nlp, geoparser, monkeypatch) -> None:
    """What keeps geoparsing cheap beside the parse (bench/bench_geo.py times it): once the
    names of a story are looked up, another story of the same places is answered from the
    caches, with no index query at all. No timing is asserted."""
    sentence = ("Syrian government forces battled rebels near Saraqeb and Maarat al-Numan on Thursday as "
                "Turkish artillery shelled positions in Idlib Province, witnesses in Aleppo said. ")
    doc = nlp(sentence * 28)  # about 700 words, far denser in places than a real article
    first = geoparser.annotate(doc)
    queries: list[str] = []
    real_query = geoparser.gazetteer._query
    monkeypatch.setattr(geoparser.gazetteer, "_query", lambda sql, params: queries.append(sql) or real_query(sql, params))
    again = geoparser.annotate(doc)
    assert queries == [] and [t.place for t in again] == [t.place for t in first]


def _town(geonameid: int, country: str, admin1: str, lat: float, lon: float) -> object:
    from warmonitor.geo.gazetteer import GeoEntry

    return GeoEntry(geonameid, "Springfield", lat, lon, "P", "PPL", country, admin1, None, 60000)


def test_a_coin_toss_between_two_places_is_told_by_its_score() -> None:
    """Two towns of one name and size and nothing in the story to tell them apart: a choice
    scored 0.5 (None where min_lead asks for more). A story that names the province of one
    of them resolves it with confidence."""
    from collections import Counter

    from warmonitor.geo.resolve import ArticleContext, choose, choose_all

    towns = [_town(1, "US", "IL", 39.8, -89.6), _town(2, "US", "MO", 37.2, -93.3)]
    mention = ("Springfield", towns, frozenset({1, 2}), None)
    [toss] = choose_all([mention], ArticleContext())
    assert toss is not None and toss[1] == pytest.approx(0.5)
    assert choose(towns, frozenset({1, 2}), None, ArticleContext(), "Springfield", least=0.6) is None
    context = ArticleContext(countries=Counter({"US": 1.0}), admin1=Counter({("US", "MO"): 1.0}))
    context.freeze()
    [choice] = choose_all([mention], context)
    assert choice is not None and choice[0].admin1_code == "MO" and choice[1] >= 0.6


def test_a_town_and_its_own_province_are_one_answer() -> None:
    """"Gaza": the town and the governorate score alike but lie 4 km apart; not a coin toss."""
    from dataclasses import replace

    from warmonitor.geo.resolve import ArticleContext, choose_all

    town = _town(1, "PS", "GZ", 31.50, 34.47)
    province = replace(town, geonameid=2, feature_class="A", feature_code="ADM1", lat=31.48, lon=34.44)
    [choice] = choose_all([("Springfield", [town, province], frozenset({1, 2}), None)], ArticleContext())
    assert choice is not None


def test_a_mentions_own_vote_comes_back_out_of_the_context() -> None:
    from warmonitor.geo.context import build_context
    from warmonitor.geo.gazetteer import GeoEntry

    def town(gid: int, country: str, admin1: str) -> GeoEntry:
        return GeoEntry(gid, f"T{gid}", 1.0, 1.0, "P", "PPL", country, admin1, None, 1000)

    found = [([town(1, "CM", "07")], frozenset({1})), ([town(2, "NA", "40")], frozenset({2})),
             ([town(3, "CM", "07")], frozenset({3}))]
    context = build_context(found, neighbours=lambda iso: frozenset({"NG", "TD"}) if iso == "CM" else frozenset())
    alone = context.without([1])
    assert context.countries["NA"] == 1 and not alone.countries.get("NA") and not alone.points_to("NA")
    assert alone.points_to("CM") and alone.points_to("NG") and alone.admin1[("CM", "07")] == 2
    assert context.focus() == "CM"



@pytest.mark.parametrize("district, seat", [
    ("Talkalakh District", "Tall Kalakh"), ("Douentza Cercle", "Douentza"), ("Département du Ndé", "Ndé"),
    ("Cercle de Niono", "Niono"), ("Mocímboa da Praia District", "Mocimboa da Praia"),
])
def test_a_districts_seat_key_drops_its_division_words(district: str, seat: str) -> None:
    from warmonitor.geo.build import _seat_key

    words = datafiles.load_word_list("division_words.txt")
    assert _seat_key(district, words) == _seat_key(seat, frozenset()) != ""
