"""`warmonitor gazetteer add` / `info` on a small GeoNames dump written for the tests
(tests/data/geonames/): what adding one country's file changes for the geoparser."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmonitor.cli import cli

GEONAMES = Path(__file__).parent / "data" / "geonames"
STORY = ("Government jets bombed the village of Kafr Zubaydat in Idlib province on Tuesday. "
         "Families fled to Tall Hawsh al-Gharbi.")

pytestmark = pytest.mark.gazetteer


def _zip(tmp_path: Path, name: str, member: Path) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(member, member.name)
        archive.writestr("readme.txt", "GeoNames readme\n")
    return path


def _places(nlp, index: Path) -> dict:
    from warmonitor.geo import Gazetteer, Geoparser

    return {t.text: t.place for t in Geoparser(Gazetteer.open(index)).annotate(nlp(STORY))}


@pytest.mark.model
def test_adding_a_country_file_puts_the_village_on_its_point(nlp, index_copy: Path, tmp_path: Path) -> None:
    before = _places(nlp, index_copy)
    village = before["Kafr Zubaydat"]
    assert village is not None and village.geonameid is None and village.precision == "admin1"  # at Idlib province
    assert "Tall Hawsh al-Gharbi" not in before  # nothing marks it as a place, no entry has it
    places = _zip(tmp_path, "SY.zip", GEONAMES / "SY.txt")
    result = CliRunner().invoke(cli, ["gazetteer", "add", str(places), str(GEONAMES / "SY.alternateNames.txt")])
    assert result.exit_code == 0, result.output
    assert "SY.zip: 6 places rows, 3 places added" in result.output
    assert "SY.alternateNames.txt: 5 alternate names rows" in result.output
    after = _places(nlp, index_copy)
    village = after["Kafr Zubaydat"]
    assert village is not None and village.geonameid == 99000001 and village.precision == "point"
    assert (village.lat, village.lon, village.admin1) == (35.712, 36.691, "Idlib")
    assert after["Tall Hawsh al-Gharbi"].geonameid == 99000002  # a name of two words: found by the matcher


def test_added_names_and_left_out_rows(index_copy: Path) -> None:
    from warmonitor.geo import Gazetteer

    result = CliRunner().invoke(cli, ["gazetteer", "add", str(GEONAMES / "SY.txt"),
                                      str(GEONAMES / "SY.alternateNames.txt")])
    assert result.exit_code == 0, result.output
    gazetteer = Gazetteer.open(index_copy)
    assert [e.geonameid for e in gazetteer.lookup("Kfar Zbeidat")] == [99000001]   # alternate-names file
    assert 99000002 in {e.geonameid for e in gazetteer.lookup("Tal Hosh")}         # the dump's own alternates
    assert 164816 in {e.geonameid for e in gazetteer.lookup("Sraqeb al-Kabira")}   # a known town's new name
    assert not gazetteer.lookup("Umm Jurn") and not gazetteer.lookup("Nahr Zubaydat")  # historic; a stream
    assert not gazetteer.lookup("Old Hawsh") and not gazetteer.lookup("Nowhere Village")
    assert gazetteer.get(164816).feature_code == "PPL"  # the index's own entry is kept


def test_adding_twice_adds_nothing_more(index_copy: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["gazetteer", "add", str(GEONAMES / "SY.txt")])
    again = runner.invoke(cli, ["gazetteer", "add", str(GEONAMES / "SY.txt")])
    assert "0 places added, 0 names added" in again.output


def test_info_tells_what_the_index_holds(index_copy: Path) -> None:
    runner = CliRunner()
    plain = json.loads(runner.invoke(cli, ["gazetteer", "info", "--json"]).output)
    assert plain["imports"] == [] and plain["entries"]["populated places"] > 100_000
    runner.invoke(cli, ["gazetteer", "add", str(GEONAMES / "SY.txt")])
    facts = json.loads(runner.invoke(cli, ["gazetteer", "info", "--json"]).output)
    assert facts["entries"]["populated places"] == plain["entries"]["populated places"] + 2
    assert [(i["file"], i["entries_added"]) for i in facts["imports"]] == [("SY.txt", 3)]
    text = runner.invoke(cli, ["gazetteer", "info"]).output
    assert "populated places" in text and "added: SY.txt (3 places" in text


def test_a_file_that_is_no_dump_is_refused(index_copy: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "notes.txt"
    wrong.write_text("name\tlat\nHoms\t34.7\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["gazetteer", "add", str(wrong)])
    assert result.exit_code == 1 and "not a GeoNames dump" in result.output
