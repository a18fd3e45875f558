"""POST /articles: one article or a batch, stored and coded; answers with their events."""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import InputError
from ..ingest.text import check_published, check_text
from ..models import Article
from ..store import Store, ingest_article
from ..store.writer import Extractor, IngestResult
from .deps import get_pipeline, get_store, require_token

router = APIRouter(tags=["articles"])


class ArticleIn(BaseModel):
    """One article: its text or its HTML page, and what is known about it."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, max_length=200)
    text: str | None = None
    html: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None

    @field_validator("id", "text", "html", "outlet", "url", "title")
    @classmethod
    def _clean_text(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                check_text(value, source="the value")
            except InputError as err:
                raise ValueError(str(err)) from err
        return value

    @model_validator(mode="after")
    def _has_content(self) -> ArticleIn:
        if not (self.text or self.html):
            raise ValueError("an article needs `text` or `html`")
        return self


class ArticleBatch(BaseModel):
    """Several articles at once."""

    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=500)


@router.post("/articles", dependencies=[Depends(require_token)])
def post_articles(
    body: ArticleBatch | ArticleIn,
    store: Annotated[Store, Depends(get_store)],
    pipeline: Annotated[Extractor, Depends(get_pipeline)],
) -> dict[str, Any]:
    """{"articles": [{"id", "status": "ok"|"failed", "error", "events": [record...]}]}."""
    items = body.articles if isinstance(body, ArticleBatch) else [body]
    return {"articles": [_ingest(store, pipeline, item).to_dict() for item in items]}


def _ingest(store: Store, pipeline: Extractor, item: ArticleIn) -> IngestResult:
    raw = item.html if item.html else item.text or ""
    article_id = item.id or "sha256:" + hashlib.sha256(raw.strip().encode("utf-8")).hexdigest()[:16]
    if item.published is not None:
        try:
            check_published(item.published, source=article_id)
        except InputError as err:
            return IngestResult(article_id, "failed", str(err))
    if item.html:
        from ..ingest import article_from_html

        try:
            article = article_from_html(item.html, id=article_id, published=item.published,
                                        outlet=item.outlet, url=item.url, title=item.title)
        except InputError as err:
            return IngestResult(article_id, "failed", str(err))
        return ingest_article(store, article, pipeline, raw=item.html, raw_format="html")
    article = Article(id=article_id, text=item.text or "", published=item.published,
                      outlet=item.outlet, url=item.url, title=item.title)
    return ingest_article(store, article, pipeline)
