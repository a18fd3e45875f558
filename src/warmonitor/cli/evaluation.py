"""`warmonitor eval`: how accurate warmonitor is on the user's own gold data."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import WarmonitorError

if TYPE_CHECKING:
    from ..evaluate import EvalResult


@click.command("eval")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The gold file: PLOVER sentences (.jsonl), an ACLED export (.csv), gold toponyms "
                   "(.jsonl with toponyms) or a story gold (.json).")
@click.option("--format", "fmt", type=click.Choice(["plover", "acled", "geo", "story"]),
              help="The gold format (default: guessed from the file).")
@click.option("--pred", "pred_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score these predictions (JSON Lines) instead of running the pipeline.")
@click.option("--docs", "docs_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="geo: the documents file {id, text} (default: NAME.docs.jsonl beside NAME.gold.jsonl).")
@click.option("--halves", is_flag=True,
              help="Score the tune and check halves apart (split by a hash of each item's id) and show "
                   "their figures side by side: tune on one, read only the other's figures.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write an HTML report with figures and the 20 worst errors here.")
def eval_command(gold_path: Path, fmt: str | None, pred_path: Path | None, docs_path: Path | None,
                 halves: bool, as_json: bool, html_path: Path | None) -> None:
    """Score warmonitor against a gold file and print, per field, how well it did.

    Without --pred the pipeline runs on the gold's texts; with it, the predictions are
    read as they are.
    """
    from ..evaluate import evaluate_gold, evaluate_halves

    options = {"fmt": fmt, "pred_path": pred_path, "docs_path": docs_path}
    if halves:
        _show_halves(_run(evaluate_halves, gold_path, options), gold_path, as_json)
        return
    result = _run(evaluate_gold, gold_path, options)
    if html_path is not None:
        from ..evaluate.report import render_html

        html_path.write_text(render_html(result), encoding="utf-8")
        click.echo(f"warmonitor: report written to {html_path}", err=True)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        for line in result.summary_lines():
            click.echo(line)


def _run(evaluate: Callable[..., tuple[Any, list[str]]], gold_path: Path, options: dict[str, Any]) -> Any:
    """The evaluation's outcome; its errors as a ClickException, its uncoded texts on stderr."""
    try:
        outcome, failures = evaluate(gold_path, **options)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    for failure in failures:
        click.echo(f"warmonitor: could not code {failure}", err=True)
    return outcome


def _show_halves(results: dict[str, EvalResult], gold_path: Path, as_json: bool) -> None:
    """The tune and check halves' figures side by side (or as one JSON object by half)."""
    if as_json:
        click.echo(json.dumps({name: result.to_dict() for name, result in results.items()}, ensure_ascii=False, indent=1))
        return
    names = list(results)
    first = results[names[0]]
    click.echo(f"  {'figure':28} " + " ".join(f"{name:>7}" for name in names))
    for figure in first.figures:
        values = [results[name].figures.get(figure) for name in names]
        click.echo(f"  {figure:28} " + " ".join(f"{_cell(value):>7}" for value in values))
    click.echo(f"{first.format}: " + ", ".join(f"{name} half {results[name].items} items" for name in names)
               + f" in {gold_path}")


def _cell(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.2f}"


def register(group: click.Group) -> None:
    """Add `eval` to the warmonitor command group."""
    group.add_command(eval_command)
