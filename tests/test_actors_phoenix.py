"""The Phoenix conversion (CAMEO codes -> PLOVER code + sector, noise rules, agents) and the
converted dictionary: office holders by date, its size, how fast it loads, hand data winning."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from warmonitor.actors import ActorDictionary
from warmonitor.actors.dictionary import DATA_DIR
from warmonitor.actors.phoenix import Period, actor_code, agent_sector, alias_kind, code_on, parse_date

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = frozenset({"SYR", "USA", "RUS", "KOR", "SRB", "NGA"})


def load_converter():
    spec = importlib.util.spec_from_file_location("convert_phoenix", ROOT / "scripts/convert_phoenix.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("cameo", "expected"), [
    ("SYRGOV", ("SYR", "GOV")), ("SYRGOVEDU", ("SYR", "GOV")), ("USAMIL", ("USA", "MIL")),
    ("NGA", ("NGA", None)), ("IGOUNO", ("IGO", "IGO")), ("IGOUNOREFHCR", ("IGO", "IGO")),
    ("NGOHRI", ("NGO", "NGO")), ("IMGMUSALQ", ("IMG", "REB")), ("MEAREB", ("IMG", "REB")),
    ("USRGOV", ("RUS", "GOV")), ("YUG", ("SRB", None)), ("ELI", (None, "ELI")),
    ("MNCUSA", None), ("---", None), ("WEU", None), ("SYRCHRUAF", ("SYR", "UAF")),
])
def test_cameo_codes_read_as_plover(cameo, expected) -> None:
    assert actor_code(cameo, COUNTRIES) == expected


@pytest.mark.parametrize(("code", "sector"), [
    ("~COP", "COP"), ("~GOVMED", "GOV"), ("~RELUAF", "UAF"), ("~MUSRAD", "REL"), ("NGO~", "NGO"),
    ("~AGR", "CVL"), ("~ENV", None), ("~OPPEDU", "OPP"),
])
def test_agent_codes(code, sector) -> None:
    assert agent_sector(code) == sector


def test_dates_short_and_long() -> None:
    assert parse_date("000717") == date(2000, 7, 17)
    assert parse_date("830101") == date(1983, 1, 1)
    assert parse_date("20070101") == date(2007, 1, 1)
    assert parse_date("2004017") is None and parse_date("991340") is None


@pytest.mark.parametrize(("alias", "kind"), [
    ("Al", None), ("UN", None), ("SDF", "abbreviation"), ("U.N.", None), ("U.S.A.", "abbreviation"), ("HSM", "abbreviation"),
    ("Homs", "name"), ("Faeroyene]", None), ("Nice", None), ("Reading", None), ("Aleppo", "name"), ("Bashar al Assad", "name"),
])
def test_noise_rules(alias, kind) -> None:
    common = {"nice", "read", "mobile"}
    assert alias_kind(alias, lambda word: word in common or word.removesuffix("ing") in common) == kind


def test_office_holder_by_date() -> None:
    periods = (Period("SYR", "ELI", date(1983, 1, 1), date(2000, 1, 1)), Period("SYR", "GOV", date(2000, 7, 17), None),
               Period("SYR", "ELI", None, None))
    assert code_on(periods, date(2015, 3, 1)) == ("SYR", "GOV")
    assert code_on(periods, date(1990, 1, 1)) == ("SYR", "ELI")
    assert code_on(periods, None) == ("SYR", "ELI")
    minister = (Period("NGA", "GOV", date(2003, 1, 1), date(2005, 12, 31)),)
    assert code_on(minister, date(2004, 6, 1)) == ("NGA", "GOV")
    assert code_on(minister, date(2010, 1, 1)) == ("NGA", "ELI")  # after office: a former official
    assert code_on(minister, date(1999, 1, 1)) == ("NGA", None)   # before it: of the country only


PHOENIX_ACTORS = """\
SYRIA_  [SYR]
+SYRIAN_
+ALEPPO_
+READING_
BASHAR_AL_ASSAD_  # CountryInfo.txt
\t[SYRELI 830101-000101]
\t[SYRGOV >000717]
\t[SYRELI]
ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] #  kkl 21 Mar 13
UNOCAL_\t[MNC]# Oil
"""


def test_converter_parses_records_and_filters_noise() -> None:
    converter = load_converter()
    records = list(converter.parse_actor_file(PHOENIX_ACTORS))
    assert [r.phrases[0] for r in records] == ["SYRIA_", "BASHAR_AL_ASSAD_", "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_",
                                               "UNOCAL_"]
    countries = frozenset({"SYR", "YEM"})
    is_common = {"reading"}.__contains__
    rows = [converter.named_row(r, "leader", countries, is_common) for r in records]
    block, assad, army, company = rows
    assert block[1] == "city" and "Aleppo" in block[0] and "Reading" not in block[0]
    assert assad[1:4] == ("leader", "SYR", "ELI") and "SYR/GOV/2000-07-17/" in assad[4]
    assert "AAIA" in army[0] and "Aden Abyan Islamic Army" in army[0]
    assert company is None  # multinational corporations are not coded


def test_converter_agents_with_plurals_and_substitutions() -> None:
    converter = load_converter()
    text = "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nREBEL [~REB]\nMILITIA!PERSON! [~PGM]\nPOLICE_POST [~COP]\n"
    rows = converter.agent_rows(text, frozenset({"post"}))
    assert rows["police"] == "COP" and "polices" not in rows
    assert rows["rebel"] == rows["rebels"] == "REB"
    assert "police post" not in rows  # a place, not an actor


def test_generated_files_carry_the_licence() -> None:
    licence = (DATA_DIR / "phoenix/LICENSE").read_text(encoding="utf-8")
    assert "MIT" in licence and "Copyright (c) 2014 Open Event Data" in licence
    assert (DATA_DIR / "phoenix/names.tsv").read_text(encoding="utf-8").startswith("# Generated by")


def test_broad_dictionary_loads_from_its_compiled_cache_in_a_fresh_process() -> None:
    """The whole dictionary (hand files and the converted Phoenix ones), in a fresh process, once
    compiled into the cache folder (which this process's load has done): the fresh process
    unpickles it and never builds it from the tables (the bench times it; no timing here)."""
    assert ActorDictionary.load().names
    code = ("import warmonitor.actors.dictionary as d\n"
            "def refuse(folder): raise SystemExit('built from the tables, not read from the cache')\n"
            "d._build = refuse\n"
            "print(len(d.ActorDictionary.load().names))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr or out.stdout
    assert int(out.stdout.split()[0]) > 20000


def test_phoenix_adds_leaders_cities_and_groups_hand_data_wins() -> None:
    dictionary = ActorDictionary.load()
    assert dictionary.lookup("Aleppo").code == "SYR"
    assert dictionary.lookup("Maiduguri").code == "NGA"
    assert dictionary.lookup("Islamic State").code == "IMG"   # hand-curated armed_groups.tsv
    assert dictionary.lookup("Hamas").code == "PSE"
    mori = dictionary.lookup("Yoshiro Mori")
    assert mori.on(date(2000, 6, 1)).sector == "GOV" and mori.on(date(2010, 1, 1)).sector == "ELI"
    assert dictionary.sector_nouns["students"] == "CVL"       # sectors.yaml wins over the agents
    assert dictionary.agent_nouns["sharecroppers"] == "CVL"   # from the Phoenix agents


def test_a_new_build_replaces_the_older_one_in_the_cache(tmp_path, monkeypatch):
    """An edited table is rebuilt, and the build it replaces leaves the cache folder."""
    from warmonitor.actors.cache import load_or_build
    monkeypatch.setenv("WARMONITOR_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    table = data / "names.tsv"
    table.write_text("one\n", encoding="utf-8")
    read = lambda folder: (folder / "names.tsv").read_text(encoding="utf-8")  # noqa: E731
    assert load_or_build(data, read) == "one\n"
    table.write_text("one\ntwo\n", encoding="utf-8")
    assert load_or_build(data, read) == "one\ntwo\n"
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 1
