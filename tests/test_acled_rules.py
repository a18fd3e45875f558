"""ACLED coding rules on coded records (events/acled_rules.py, events/data/acled.yaml), on
sentences written for the tests; the tune/check halves of `warmonitor eval`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmonitor.cli import cli
from warmonitor.errors import DataFileError, InputError
from warmonitor.evaluate import evaluate_halves
from warmonitor.evaluate.split import half_of
from warmonitor.events.acled_rules import load_acled_rules
from warmonitor.models import Article

EVAL = Path(__file__).parent / "data" / "eval"

# (text, ACLED event type, sub-event type) of the main record
CODED = [
    ("Gunmen attacked villagers in a hamlet near the river, killing nine people.",
     "Violence against civilians", "Attack"),
    ("Militants killed four farmers in a village near the lake.", "Violence against civilians", "Attack"),
    ("Soldiers clashed with insurgents near the town; six fighters were killed.", "Battles", "Armed clash"),
    ("Gunmen abducted 14 students from a boarding school.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("Armed men kidnapped three fishermen on the coast.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("Government artillery shelled residential areas of the city, killing three civilians.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Warplanes struck a market in the town, killing five people.", "Explosions/Remote violence", "Air/drone strike"),
    ("A roadside bomb struck a police vehicle near the border, killing three officers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("A mob lynched a suspected thief at the bus station.", "Riots", "Mob violence"),
    ("Rioters threw stones at police and burned tyres in the suburb.", "Riots", "Violent demonstration"),
    ("Hundreds of nurses protested peacefully outside the ministry over unpaid wages.",
     "Protests", "Peaceful protest"),
    ("Police opened fire on protesters demonstrating against fuel prices, killing two.",
     "Protests", "Excessive force against protesters"),
    ("Police arrested six suspected smugglers at the port.", "Strategic developments", "Arrests"),
    ("Militiamen looted and burned houses in a village.", "Strategic developments", "Looting/property destruction"),
    ("Soldiers defused an explosive device planted on the main road.", "Strategic developments",
     "Disrupted weapons use"),
]


def _main_record(pipeline, text: str):
    from warmonitor.evaluate.acled import _chosen

    records = [event.to_dict() for event in pipeline.extract_article(Article(id="t", text=text, published=None))]
    return _chosen(records) or {}, records


@pytest.mark.model
@pytest.mark.parametrize(("text", "event_type", "sub_type"), CODED)
def test_acled_type_by_rule(pipeline, text, event_type, sub_type) -> None:
    main, records = _main_record(pipeline, text)
    got = (main.get("acled_event_type"), main.get("acled_sub_event_type"))
    assert got == (event_type, sub_type), [(r["event"], r["event_text"], r["acled_event_type"],
                                            r["acled_sub_event_type"]) for r in records]


@pytest.mark.model
def test_abduction_by_gunmen_is_not_an_arrest(pipeline) -> None:
    main, _ = _main_record(pipeline, "Gunmen seized two aid workers on the road to the camp.")
    assert main.get("event") == "ASSAULT" and main.get("acled_sub_event_type") != "Arrests"


@pytest.mark.model
@pytest.mark.parametrize(("text", "event"), [
    # an armed side that burns houses attacks; a crowd that does riots
    ("Militants set several houses on fire in the village.", "ASSAULT"),
    ("Soldiers set fire to shops in the market after the ambush.", "ASSAULT"),
    ("Angry protesters set fire to tyres outside the governor's office.", "PROTEST"),
])
def test_arson_by_an_armed_side_is_an_attack_and_by_a_crowd_a_riot(pipeline, text: str, event: str) -> None:
    main, records = _main_record(pipeline, text)
    assert main.get("event") == event, [(r["event"], r["event_text"], r["actor"]) for r in records]


@pytest.mark.model
def test_main_clause_ranks_above_an_also_clause(pipeline) -> None:
    text = "Rebels and soldiers fought in the hills, while the army also shelled a nearby village."
    main, records = _main_record(pipeline, text)
    assert main.get("acled_event_type") == "Battles", [(r["event_text"], r["confidence"]) for r in records]


def test_rules_load_from_data_and_name_a_broken_file(tmp_path) -> None:
    rules = load_acled_rules(Path(__file__).resolve().parents[1] / "src/warmonitor/events/data")
    assert rules.by_cameo["195"] == ("Explosions/Remote violence", "Air/drone strike")
    assert "fishermen" in rules.words["civilian_words"] and "CVL" in rules.words["civilian_sectors"]
    (tmp_path / "acled.yaml").write_text("by_cameo: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="acled.yaml"):
        load_acled_rules(tmp_path)


def test_eval_halves_split_by_id_and_score_apart() -> None:
    results, failures = evaluate_halves(EVAL / "acled.csv", pred_path=EVAL / "acled_pred.jsonl")
    assert failures == []
    ids = {"SDN1", "SOM2", "PER3", "MLI4", "UKR5"}
    assert sum(result.items for result in results.values()) == len(ids)
    assert set(results) == {half_of(item) for item in ids}
    with pytest.raises(InputError, match="no halves"):
        evaluate_halves(EVAL / "story.gold.json", pred_path=EVAL / "story_pred.jsonl")


def test_cli_eval_halves_side_by_side() -> None:
    args = ["eval", "--gold", str(EVAL / "plover_gold.jsonl"), "--pred", str(EVAL / "plover_pred.jsonl"), "--halves"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert header[0] == "figure" and set(header[1:]) <= {"tune", "check"}
    assert any(line.split()[0] == "event" for line in result.stdout.splitlines()[1:])
    data = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)
    assert set(data) <= {"tune", "check"} and all(half["format"] == "plover" for half in data.values())


def test_geo_halves_count_only_their_own_predictions() -> None:
    results, _ = evaluate_halves(EVAL / "geo.gold.jsonl", pred_path=EVAL / "geo_pred.jsonl")
    whole = json.loads(
        CliRunner().invoke(cli, ["eval", "--gold", str(EVAL / "geo.gold.jsonl"), "--pred",
                                 str(EVAL / "geo_pred.jsonl"), "--json"]).stdout)
    assert sum(r.figures["predicted_toponyms"] for r in results.values()) == whole["figures"]["predicted_toponyms"]
