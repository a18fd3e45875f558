"""One entry point for every gold format: read the gold, get predictions (a file, or a
pipeline run on the gold's texts), score them."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..models import Article
from .acled import load_acled_gold, score_acled
from .geo import load_geo_gold, load_geo_texts, score_geo
from .plover import load_plover_gold, score_plover
from .readers import read_jsonl, read_records
from .result import EvalResult
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
    from .predict import extract_records, geoparse_texts

    fmt = fmt or detect_format(gold_path)
    if fmt not in FORMATS:
        raise InputError(f"unknown gold format {fmt!r}; one of {', '.join(FORMATS)}")
    name = str(gold_path)
    predicted = read_records(pred_path) if pred_path else None
    failures: list[str] = []
    if fmt == "geo":
        gold = load_geo_gold(gold_path)
        docs_path = docs_path or default_docs_path(gold_path)
        texts = load_geo_texts(docs_path) if docs_path else {}
        if predicted is None:
            missing = [doc_id for doc_id in gold if doc_id not in texts]
            if missing:
                raise InputError(f"{gold_path}: no text for documents {', '.join(missing[:5])}; "
                                 "give the documents file with --docs, or predictions with --pred")
            predicted = geoparse_texts({doc_id: texts[doc_id] for doc_id in gold}, pipeline=pipeline)
        return score_geo(gold, predicted, texts=texts, gold_file=name), failures
    if fmt == "story":
        story = load_story_gold(gold_path)
        if predicted is None:
            predicted, failures = extract_records([_story_article(gold_path, story)], pipeline=pipeline)
        return evaluate_story(story, predicted, gold_file=name), failures
    if fmt == "plover":
        sentences = load_plover_gold(gold_path)
        if predicted is None:
            articles = [Article(id=s.id, text=s.text, published=s.published) for s in sentences]
            predicted, failures = extract_records(articles, pipeline=pipeline)
        return score_plover(sentences, predicted, gold_file=name), failures
    rows = load_acled_gold(gold_path)
    if predicted is None:
        articles = [Article(id=r.id, text=r.notes, published=r.event_date) for r in rows]
        predicted, failures = extract_records(articles, pipeline=pipeline)
    return score_acled(rows, predicted, gold_file=name), failures


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
