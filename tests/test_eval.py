"""`warmonitor eval`: each gold format on small fixtures written for the tests
(tests/data/eval/), agreement with the scorers in ../shared, malformed gold rows, the
JSON output and the HTML report."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmonitor.cli import cli
from warmonitor.errors import InputError
from warmonitor.evaluate import detect_format, evaluate_gold
from warmonitor.evaluate.story import breaks_rule

EVAL = Path(__file__).parent / "data" / "eval"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

FIXTURES = {
    "plover": ("plover_gold.jsonl", "plover_pred.jsonl"),
    "acled": ("acled.csv", "acled_pred.jsonl"),
    "geo": ("geo.gold.jsonl", "geo_pred.jsonl"),
    "story": ("story.gold.json", "story_pred.jsonl"),
}


def _evaluate(fmt: str):
    gold, pred = FIXTURES[fmt]
    result, failures = evaluate_gold(EVAL / gold, fmt=fmt, pred_path=EVAL / pred)
    assert failures == []
    return result


# Figures worked out by hand from the fixtures. plover: S1 right but crossed (ASSAULT, either way
# round), S2 wrong recipient, S3 top wrong with a weaker right one, S4 nothing, S5 right, 6 wrong.
# acled: SDN1 right, SOM2 wrong sub-type 30 km off 4 of 5 dead, PER3 nothing, MLI4 wrong type 200 km
# off, UKR5 right a day early. geo: one miss, one Paris in Texas, a one-off span still overlaps.
# story: a match, its duplicate, an optional match, a wrong date in Lebanon, a caption record.
@pytest.mark.parametrize("fmt, name, expected", [
    ("plover", "event", 4 / 6), ("plover", "top", 3 / 6), ("plover", "dyad", 3 / 6),
    ("plover", "no_event", 1 / 6), ("plover", "category_accuracy", 3 / 6),
    ("plover", "actor_code_accuracy", 4 / 6), ("plover", "recipient_code_accuracy", 2 / 6),
    ("acled", "event_type_accuracy", 3 / 5), ("acled", "sub_event_type_accuracy", 2 / 5),
    ("acled", "actor1_match", 4 / 5), ("acled", "actor2_match", 2 / 4),
    ("acled", "location_within_10km", 2 / 5), ("acled", "location_within_25km", 2 / 5),
    ("acled", "location_within_161km", 3 / 5), ("acled", "admin1_match", 2 / 5),
    ("acled", "date_exact", 3 / 5), ("acled", "fatalities_exact", 3 / 5),
    ("acled", "fatalities_within_20pct", 4 / 5),
    ("geo", "gold_toponyms", 6), ("geo", "detected", 4), ("geo", "recall@161", 3 / 6),
    ("geo", "accuracy@161", 3 / 4),
    ("story", "found_required", 1), ("story", "right", 2), ("story", "duplicates", 1),
    ("story", "forbidden", 4), ("story", "precision", 2 / 5),
])
def test_format_figures(fmt: str, name: str, expected: float):
    assert _evaluate(fmt).figures[name] == pytest.approx(expected)


def test_plover_per_class_and_confusion():
    result = _evaluate("plover")
    assert result.per_class["ASSAULT"] == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1})
    confusion = result.confusions[0]
    labels = list(confusion.labels)
    assert labels[-1] == "-"
    assert confusion.counts[labels.index("PROTEST")][labels.index("ASSAULT")] == 1
    assert confusion.counts[labels.index("SANCTION")][labels.index("-")] == 1
    assert {e.item_id for e in result.worst} == {"S3", "S4", "6"}


def test_acled_keeps_errors_for_the_histograms():
    result = _evaluate("acled")
    assert len(result.histograms["location_error_km"]) == 4
    assert sorted(result.histograms["fatalities_error"]) == [-1.0, 0.0, 0.0, 0.0, 5.0]
    assert result.worst[0].item_id in {"PER3", "MLI4"}


# --- agreement with the scorers in ../shared (run as subprocesses on the same predictions) ---
SHARED_SCORERS = [
    ("plover", "bench/plover_gsr/score.py", r"event ([\d.]+), top ([\d.]+), dyad ([\d.]+), no event ([\d.]+)",
     ("event", "top", "dyad", "no_event")),
    ("geo", "bench/geo/score.py",
     r"recall@161 ([\d.]+), detection ([\d.]+), acc@161 of detected ([\d.]+), median error ([\d.]+) km, AUC ([\d.]+)",
     ("recall@161", "detection", "accuracy@161", "median_error_km", "auc")),
    ("story", "acceptance/score.py",
     r"required recall (\d+)/(\d+) = [\d.]+, precision (\d+)/(\d+) = [\d.]+, duplicates (\d+), forbidden (\d+)",
     ("found_required", "required", "right", "predictions", "duplicates", "forbidden")),
]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the shared scorers) is not beside the clone")
@pytest.mark.parametrize("fmt, scorer, summary, names", SHARED_SCORERS, ids=[s[0] for s in SHARED_SCORERS])
def test_figures_agree_with_the_shared_scorer(fmt: str, scorer: str, summary: str, names: tuple[str, ...]):
    gold, pred = FIXTURES[fmt]
    run = subprocess.run([sys.executable, str(SHARED / scorer), str(EVAL / gold), str(EVAL / pred)],
                         capture_output=True, text=True, check=False)
    match = re.search(summary, run.stdout.strip().splitlines()[-1])
    assert match, run.stdout + run.stderr
    ours = _evaluate(fmt).figures
    for name, theirs in zip(names, match.groups()):
        decimals = len(theirs.split(".")[1]) if "." in theirs else 0
        assert round(float(ours[name]), decimals) == pytest.approx(float(theirs)), name


# --- malformed gold: a clear error naming the file and the row ---
@pytest.mark.parametrize("gold, fmt, expected", [
    ("plover_bad_category.jsonl", "plover", "row 3 (line 4): 'SKIRMISH' is not a PLOVER category"),
    ("plover_bad_json.jsonl", "plover", "row 2: not JSON"),
    ("plover_missing_text.jsonl", "plover", "row 2: field 'text' must be a str, is missing"),
    ("acled_bad_date.csv", "acled", "row 2 (line 3): event_date 'sometime in June' is not a date"),
    ("acled_bad_latitude.csv", "acled", "row 3 (line 4): latitude, longitude and fatalities must be numbers"),
    ("acled_missing_column.csv", "acled", "columns missing: notes"),
    ("geo_bad.gold.jsonl", "geo", "row 2, toponym 2: 'lat' must be a number"),
    ("story_bad.json", "story", "event 2: a gold event must be an object with a string 'id'"),
])
def test_malformed_gold_names_file_and_row(gold: str, fmt: str, expected: str):
    with pytest.raises(InputError) as caught:
        evaluate_gold(EVAL / gold, fmt=fmt, pred_path=EVAL / FIXTURES[fmt][1])
    assert str(EVAL / gold) in str(caught.value)
    assert expected in str(caught.value)


def test_cli_reports_malformed_gold_without_a_traceback():
    result = CliRunner().invoke(cli, ["eval", "--gold", str(EVAL / "plover_bad_category.jsonl"),
                                      "--pred", str(EVAL / "plover_pred.jsonl")])
    assert result.exit_code == 1
    assert "plover_bad_category.jsonl, row 3" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("gold, fmt", [("plover_gold.jsonl", "plover"), ("acled.csv", "acled"),
                                       ("geo.gold.jsonl", "geo"), ("story.gold.json", "story")])
def test_format_is_guessed_from_the_file(gold: str, fmt: str):
    assert detect_format(EVAL / gold) == fmt


# --- the forbidden rules the lead's story scorer lacked (they are in ../shared/acceptance/score.py) ---
@pytest.mark.parametrize("rule, record, broken", [
    ({"location_country_not": "SY"}, {"event_loc": {"country_code": "LB"}}, True),
    ({"location_country_not": "SY"}, {"event_loc": {"country_code": "SY"}}, False),
    ({"location_country_not": "SY"}, {"event_loc": None}, False),
    ({"date_prefix": "2019"}, {"date": "2019-12-01"}, True),
    ({"date_prefix": "2019"}, {"date": None}, False),
    ({"event": ["ASSAULT"], "date_prefix": "2019"}, {"event": "PROTEST", "date": "2019-12-01"}, False),
])
def test_story_forbidden_rules(rule: dict, record: dict, broken: bool):
    assert breaks_rule({"about": "x", **rule}, record) is broken


# --- output: JSON and the HTML report ---
@pytest.mark.parametrize("fmt", sorted(FIXTURES))
def test_cli_json_and_html(tmp_path: Path, fmt: str):
    gold, pred = FIXTURES[fmt]
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["eval", "--gold", str(EVAL / gold), "--pred", str(EVAL / pred),
                                      "--json", "--html", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == fmt and data["figures"] == _evaluate(fmt).figures
    page = report.read_text(encoding="utf-8")
    figures = page.count("data:image/png;base64,")
    assert figures == {"plover": 1, "acled": 3, "geo": 1, "story": 0}[fmt]
    assert "worst errors" in page
    for error in data["worst"][:3]:
        assert error["item_id"] in page


def test_html_escapes_sentences():
    from warmonitor.evaluate import EvalResult, WorstError
    from warmonitor.evaluate.report import render_html

    result = EvalResult("plover", "g.jsonl", 1, {"top": 0.0},
                        worst=[WorstError("S1", "<script>alert(1)</script> shelled", "ASSAULT", "-", 1.0)])
    page = render_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_text_output_ends_with_the_summary():
    gold, pred = FIXTURES["plover"]
    result = CliRunner().invoke(cli, ["eval", "--gold", str(EVAL / gold), "--pred", str(EVAL / pred)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("plover: 6 items")
    assert re.search(r"category_accuracy\s+0\.500", result.output)


def test_score_story_still_imports_from_evaluate():
    from warmonitor.evaluate import StoryScore, score_story

    score = score_story({"events": [{"id": "E1", "event": ["ASSAULT"]}]}, [{"event": "ASSAULT"}])
    assert isinstance(score, StoryScore) and score.recall == 1.0


# --- without --pred the pipeline runs on the gold's texts ---
@pytest.mark.model
def test_pipeline_runs_on_the_story_text(pipeline):
    result, failures = evaluate_gold(EVAL / "story.gold.json", pipeline=pipeline)
    assert failures == []
    assert result.figures["predictions"] >= 1
    assert result.figures["forbidden"] == 0


@pytest.mark.model
def test_pipeline_runs_on_plover_sentences(pipeline):
    result, _ = evaluate_gold(EVAL / "plover_gold.jsonl", pipeline=pipeline)
    assert result.figures["no_event"] < 1.0
