"""One entry point for every gold format: read the gold, get predictions (a file, or a
pipeline run on the gold's texts), score them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..models import Article
from .acled import load_acled_gold, score_acled
from .geo import load_geo_gold, load_geo_texts, score_geo
from .plover import load_plover_gold, score_plover
from .readers import read_jsonl, read_records
from .result import EvalResult
from .split import split_halves
from .story import evaluate_story, load_story_gold

if TYPE_CHECKING:
    from ..pipeline import Pipeline

FORMATS = ("plover", "acled", "geo", "story")


def detect_format(gold_path: Path) -> str:
    """The gold format a file looks like: .csv is ACLED, a .json object story gold, JSON Lines
    with `toponyms` geo, other JSON Lines PLOVER."""
    suffix = gold_path.suffix.lower()
    if suffix == ".csv":
        return "acled"
    if suffix == ".json":
        return "story"
    for _, row in read_jsonl(gold_path):
        return "geo" if "toponyms" in row else "plover"
    raise InputError(f"{gold_path}: empty gold file; say which format with --format")


def default_docs_path(gold_path: Path) -> Path | None:
    """For gold NAME.gold.jsonl, the documents file NAME.docs.jsonl beside it, where it exists."""
    if ".gold." not in gold_path.name:
        return None
    candidate = gold_path.with_name(gold_path.name.replace(".gold.", ".docs."))
    return candidate if candidate.exists() else None


def evaluate_gold(gold_path: Path, *, fmt: str | None = None, pred_path: Path | None = None,
                  docs_path: Path | None = None, pipeline: Pipeline | None = None) -> tuple[EvalResult, list[str]]:
    """Score predictions (from `pred_path`, or the pipeline run on the gold texts) against
    `gold_path`; returns the result and messages about articles that could not be coded."""
    gold, scored = _prepared(gold_path, fmt, pred_path, docs_path, pipeline)
    return scored(gold.items), gold.failures


def evaluate_halves(gold_path: Path, *, fmt: str | None = None, pred_path: Path | None = None,
                    docs_path: Path | None = None, pipeline: Pipeline | None = None
                    ) -> tuple[dict[str, EvalResult], list[str]]:
    """The tune and check halves of a gold set (split by a hash of each item's id,
    `evaluate.split`) scored apart on one run of the pipeline: tune on one, read the other."""
    gold, scored = _prepared(gold_path, fmt, pred_path, docs_path, pipeline)
    if gold.fmt == "story":
        raise InputError(f"{gold_path}: a story gold is one article; it has no halves")
    halves = split_halves(gold.items, key=gold.key)
    return {name: scored(items) for name, items in halves.items() if items}, gold.failures


@dataclass
class _Gold:
    fmt: str
    items: list[Any]
    key: Callable[[Any], object]
    failures: list[str] = field(default_factory=list)


def _prepared(gold_path: Path, fmt: str | None, pred_path: Path | None, docs_path: Path | None,
              pipeline: Pipeline | None) -> tuple[_Gold, Callable[[list[Any]], EvalResult]]:
    """The gold items and a function scoring some of them against the predictions."""
    from .predict import extract_records, geoparse_texts

    fmt = fmt or detect_format(gold_path)
    if fmt not in FORMATS:
        raise InputError(f"unknown gold format {fmt!r}; one of {', '.join(FORMATS)}")
    name = str(gold_path)
    predicted = read_records(pred_path) if pred_path else None
    failures: list[str] = []
    if fmt == "geo":
        geo_gold = load_geo_gold(gold_path)
        docs_path = docs_path or default_docs_path(gold_path)
        texts = load_geo_texts(docs_path) if docs_path else {}
        if predicted is None:
            missing = [doc_id for doc_id in geo_gold if doc_id not in texts]
            if missing:
                raise InputError(f"{gold_path}: no text for documents {', '.join(missing[:5])}; "
                                 "give the documents file with --docs, or predictions with --pred")
            predicted = geoparse_texts({doc_id: texts[doc_id] for doc_id in geo_gold}, pipeline=pipeline)
        geo_predicted = predicted
        return _Gold(fmt, list(geo_gold), lambda doc_id: doc_id), lambda ids: score_geo(
            {doc_id: geo_gold[doc_id] for doc_id in ids},
            [doc for doc in geo_predicted if str(doc.get("id")) in set(ids)], texts=texts, gold_file=name)
    if fmt == "story":
        story = load_story_gold(gold_path)
        if predicted is None:
            predicted, failures = extract_records([_story_article(gold_path, story)], pipeline=pipeline)
        story_predicted = predicted
        return _Gold(fmt, [story], id, failures), lambda _: evaluate_story(story, story_predicted, gold_file=name)
    if fmt == "plover":
        sentences = load_plover_gold(gold_path)
        if predicted is None:
            articles = [Article(id=s.id, text=s.text, published=s.published) for s in sentences]
            predicted, failures = extract_records(articles, pipeline=pipeline)
        plover_predicted = predicted
        return _Gold(fmt, sentences, lambda s: s.id, failures), lambda items: score_plover(
            items, plover_predicted, gold_file=name)
    rows = load_acled_gold(gold_path)
    if predicted is None:
        articles = [Article(id=r.id, text=r.notes, published=r.event_date) for r in rows]
        predicted, failures = extract_records(articles, pipeline=pipeline)
    acled_predicted = predicted
    return _Gold(fmt, rows, lambda r: r.id, failures), lambda items: score_acled(items, acled_predicted, gold_file=name)


def _story_article(gold_path: Path, story: dict) -> Article:
    meta = story.get("article") or {}
    if not meta.get("file"):
        raise InputError(f"{gold_path}: 'article.file' names no text to extract; give predictions with --pred")
    text_path = gold_path.parent / meta["file"]
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the story text {text_path}: {exc.strerror}") from exc
    published = date.fromisoformat(meta["published"]) if meta.get("published") else None
    return Article(id=text_path.name, text=text, published=published, outlet=meta.get("outlet"),
                   title=meta.get("title"))
