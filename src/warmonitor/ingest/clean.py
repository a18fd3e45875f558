"""The cleaner: takes the title, the dateline, captions, credits, bylines and paywall lines out of an
article's text so that only news sentences reach the NLP.

Work is line by line: a line is dropped whole (with the reason kept in `CleanText.removed`) or kept
whole, except the dateline that starts the first paragraph, whose rest is kept. Kept lines are
regrouped into paragraphs joined by blank lines, and a removed line always ends a paragraph, so a
sentence splitter never runs across it. The patterns live in ingest/data/boilerplate.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .furniture import furniture_reasons
from .patterns import BOILERPLATE_PATH, BoilerplatePatterns, load_patterns

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060]")


@dataclass(frozen=True)
class Dateline:
    """Where and by whom a story was filed, e.g. Dateline(place="BEIRUT", outlet="Reuters").

    `region` is the country or state after the place ("KYIV, Ukraine"), `date_text` the day
    written in it ("Jan 5"), `text` the dateline as written.
    """

    place: str
    outlet: str | None = None
    region: str | None = None
    date_text: str | None = None
    text: str = ""


@dataclass(frozen=True)
class RemovedLine:
    """A line taken out of the body and why (caption, credit, byline, dateline, paywall, title, ...)."""

    text: str
    reason: str


@dataclass(frozen=True)
class CleanText:
    """The body to parse (paragraphs joined by blank lines) and what was taken out of it."""

    text: str
    title: str | None = None
    dateline: Dateline | None = None
    removed: tuple[RemovedLine, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs."""
        return self.text.split("\n\n") if self.text else []


def normalize_lines(text: str) -> list[str]:
    """The text's lines with BOMs, zero-width marks, odd spaces and trailing blanks removed."""
    text = _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def looks_like_headline(line: str, patterns: BoilerplatePatterns | None = None) -> bool:
    """True for a short line with no final period that is neither a dateline nor boilerplate.

    >>> looks_like_headline("Syrian forces push into Saraqeb as Turkey shells positions")
    True
    """
    patterns = patterns or load_patterns()
    words = line.split()
    if not 2 <= len(words) <= patterns.title_max_words or len(line) > patterns.title_max_chars:
        return False
    if line.endswith((".", ",", ";", ":", "—", "–", "-")) or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return False
    return match_dateline(line, patterns) is None and patterns.reason_for(line) is None


def find_title(text: str, patterns: BoilerplatePatterns | None = None) -> str | None:
    """The first non-empty line when it looks like a headline and more text follows, else None.

    A line followed directly by one that starts in lower case is a wrapped sentence, not a title.
    """
    lines = normalize_lines(text)
    first = next((index for index, line in enumerate(lines) if line), None)
    if first is None or not _is_title(lines[first], None, lines[first + 1:], patterns or load_patterns()):
        return None
    return lines[first]


def match_dateline(line: str, patterns: BoilerplatePatterns | None = None) -> tuple[Dateline, str] | None:
    """The dateline at the start of `line` and the rest of the line, or None.

    >>> match_dateline("BEIRUT (Reuters) - Syrian forces advanced.")[0].outlet
    'Reuters'
    """
    patterns = patterns or load_patterns()
    for pattern in patterns.datelines:
        match = pattern.match(line)
        if match is None:
            continue
        groups = match.groupdict()
        rest = groups["rest"] or ""
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘("):
            continue  # "Russia - which ..." is a sentence, not a dateline
        written = line[: len(line) - len(rest)].strip()
        dateline = Dateline(
            place=groups["place"].strip(),
            outlet=(groups.get("outlet") or "").strip() or None,
            region=(groups.get("region") or "").strip() or None,
            date_text=(groups.get("date") or "").strip() or None,
            text=written,
        )
        return dateline, rest.strip()
    return None


def clean_text(text: str, *, title: str | None = None, published: date | None = None,
               patterns_path: Path = BOILERPLATE_PATH) -> CleanText:
    """Split `text` into the body to parse and the lines removed from it.

    `title`, when known (from the page or the feed), is also taken off the first line if the
    line repeats it, even when it does not look like a headline. `published`, when known, tells
    a caption of an older picture by its date (ingest/furniture.py).
    """
    patterns = load_patterns(patterns_path)
    lines = normalize_lines(text)
    removed: list[RemovedLine] = []
    paragraphs: list[str] = []
    current: list[str] = []
    found_title: str | None = None
    dateline: Dateline | None = None
    seen_body = False
    in_link_list = False
    trailing = _trailing_list_start(lines, patterns)
    furniture = furniture_reasons(lines, patterns, headline=looks_like_headline, published=published)

    def close_paragraph() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for index, line in enumerate(lines):
        if not line:
            close_paragraph()
            continue
        first_line = not seen_body and found_title is None and not removed
        if first_line and _is_title(line, title, lines[index + 1:], patterns):
            found_title = line
            removed.append(RemovedLine(line, "title"))
            close_paragraph()
            continue
        reason = patterns.reason_for(line) or furniture.get(index)
        if reason is None and index >= trailing:
            reason = "headline-list"  # the site's list of other stories after the article
        if reason is None and in_link_list and looks_like_headline(line, patterns):
            reason = "read-more"  # a linked headline under "Read more:" or "Related:"
        if reason is not None:
            removed.append(RemovedLine(line, reason))
            in_link_list = reason == "read-more"
            close_paragraph()
            continue
        in_link_list = False
        if not seen_body and dateline is None:
            matched = match_dateline(line, patterns)
            if matched is not None:
                dateline, line = matched
                removed.append(RemovedLine(dateline.text, "dateline"))
                if not line:
                    close_paragraph()
                    continue
        seen_body = True
        current.append(line)
    close_paragraph()
    return CleanText(
        text="\n\n".join(paragraphs),
        title=found_title or title,
        dateline=dateline,
        removed=tuple(removed),
    )


def _trailing_list_start(lines: list[str], patterns: BoilerplatePatterns) -> int:
    """Where the trailing list of headlines and links begins: the lines after the last line of
    sentences, when every one of them is a headline or boilerplate ("Most read", "Israel strikes
    Damascus airport again", "Follow us on Twitter"). len(lines) when there is no such list; a
    text of headlines only (no line ends a sentence) keeps them all."""
    ends = [i for i, line in enumerate(lines) if line.rstrip("\"'”’)").endswith((".", "!", "?"))]
    if not ends:
        return len(lines)
    start = ends[-1] + 1
    tail = [line for line in lines[start:] if line]
    if not tail or not any(looks_like_headline(line, patterns) for line in tail) or not all(
            looks_like_headline(line, patterns) or patterns.reason_for(line) for line in tail):
        return len(lines)
    return start


def _is_title(line: str, known_title: str | None, following: list[str], patterns: BoilerplatePatterns) -> bool:
    if known_title is not None and " ".join(known_title.split()).casefold() == line.casefold():
        return True
    if not any(following) or (following[0][:1].islower()):
        return False  # nothing after it, or a hard-wrapped sentence going on on the next line
    return looks_like_headline(line, patterns)
