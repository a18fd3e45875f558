"""The command line: every command has help, the README's commands exist, extract works."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmonitor.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help(name: str):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert cli.commands[name].help, f"{name} has no help text"


def test_every_documented_command_exists():
    documented = set(re.findall(r"^\s*(?:\$ )?warmonitor ([a-z-]+)", README.read_text(encoding="utf-8"), re.M))
    assert documented, "the README documents no command"
    assert documented <= set(cli.commands), documented - set(cli.commands)


def test_bad_date_is_a_clear_usage_error(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked an army post on Monday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--published", "06/02/2020"])
    assert result.exit_code == 2
    assert "2020-02-06" in result.output


def test_bad_country_is_a_clear_usage_error(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked an army post on Monday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--country", "Syria"])
    assert result.exit_code == 2 and "two-letter country code like SY" in result.output


@pytest.mark.model
@pytest.mark.gazetteer
def test_extract_places_a_national_feed_in_its_country(tmp_path: Path, pipeline):
    article = tmp_path / "note.txt"
    article.write_text("IS executes 12 in Palmyra yard after months of executions in the area", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--published", "2017-01-10", "--country", "sy"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records and all((r["event_loc"] or {}).get("country_code") == "SY" for r in records)


@pytest.mark.model
@pytest.mark.gazetteer
def test_extract_explain_shows_the_sentences_each_record_drew_on(tmp_path: Path, pipeline):
    article = tmp_path / "lede.txt"
    article.write_text("A drone strike killed six people in Somalia, officials said on Sunday. The attack hit a "
                       "wedding party in a village of the Baidoa district late on Friday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--published", "2021-03-08", "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "== lede.txt: 1 records"
    assert lines[1].startswith("record 1: ASSAULT") and "dead=6" in lines[1] and "date=2021-03-05" in lines[1]
    assert lines[2].startswith("  [0] (recipient, dead) A drone strike")
    assert lines[3].startswith("  [1] (place, date) The attack hit")


@pytest.mark.model
def test_extract_writes_spec_records(tmp_path: Path, data_dir: Path, pipeline):
    src = data_dir / "articles" / "idlib_shelling_2020-03-02.txt"
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(src), "--published", "2020-03-02",
                                      "--outlet", "Wire Service", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    assert {r["article"]["id"] for r in records} == {src.name}
    assert all(r["article"]["published"] == "2020-03-02" and r["article"]["outlet"] == "Wire Service"
               for r in records)


@pytest.mark.model
def test_extract_reads_jsonl_and_keeps_going_past_a_bad_line(tmp_path: Path, pipeline):
    rows = [
        {"id": "n1", "text": "Police arrested 40 protesters in Nairobi on Friday, witnesses said.",
         "published": "2023-03-25", "outlet": "Wire"},
        "{not json",
        {"id": "n2", "text": "Rebels shelled an army base near Goma on Monday, the army said.",
         "published": "2023-03-25"},
    ]
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(src)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["article"]["id"] for r in records} == {"n1", "n2"}
    assert "line 2" in result.stderr


@pytest.mark.model
def test_without_publication_date_relative_dates_are_unknown(pipeline):
    from warmonitor.models import Article

    article = Article(id="nodate", text="Government troops shelled the town of Idlib on Monday, witnesses said.")
    events = pipeline.extract_article(article)
    assert events
    assert all(e.date.date is None and e.date.precision == "unknown" for e in events)


@pytest.mark.model
def test_python_api_returns_typed_events(pipeline, monkeypatch):
    import warmonitor
    from warmonitor import pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "_default", pipeline)
    events = warmonitor.extract("Rebels attacked an army checkpoint in Aleppo on Tuesday, killing three soldiers.",
                                published="2021-06-10", outlet="Wire")
    assert events and isinstance(events[0], warmonitor.Event)
    record = events[0].to_dict()
    assert record["event"] == "ASSAULT" and record["date"] == "2021-06-08" and record["dead"] == 3
    assert json.loads(json.dumps(record)) == record


@pytest.mark.model
@pytest.mark.gazetteer
def test_geoparse_writes_one_line_per_document_with_offsets(tmp_path: Path, pipeline):
    rows = [{"id": "g1", "text": "Gunmen attacked the village of Kafr Zubaydat near Saraqeb in Idlib Province."},
            {"id": "g2", "text": "Turkish troops crossed into Syria."}]
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["geoparse", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["g1", "g2"]
    keys = {"start", "end", "text", "name", "geonameid", "feature_code", "country_code", "admin1", "lat", "lon",
            "score"}
    for doc, row in zip(docs, rows):
        for toponym in doc["toponyms"]:
            assert keys <= set(toponym)
            assert row["text"][toponym["start"]:toponym["end"]] == toponym["text"]
    by_text = {t["text"]: t for t in docs[0]["toponyms"]}
    assert by_text["Saraqeb"]["name"] == "Saraqib" and 0 < by_text["Saraqeb"]["score"] <= 1
    village = by_text["Kafr Zubaydat"]  # not in the gazetteer: kept with its name, at the town it is near
    assert village["geonameid"] is None and village["name"] == "Kafr Zubaydat" and village["precision"] == "admin2"
    assert {t["country_code"] for t in docs[1]["toponyms"]} == {"TR", "SY"}
