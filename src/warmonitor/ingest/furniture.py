"""Page furniture that only a line's shape or its neighbours give away: date stamps, photo captions
of older pictures, previews a page repeats in full, lines repeated, teasers under a heading,
lists of other stories run into one line or trailing the article, and a blog's comment section.

`furniture_reasons` is asked once per article by the cleaner (ingest/clean.py) and answers
{line index: reason} for the lines it drops beside the one-line rules of boilerplate.yaml. Its
words live in ingest/data/furniture.yaml.

>>> from warmonitor.ingest.patterns import load_patterns
>>> furniture_reasons(["Posted October 14, 2017 12:05 am", "", "Rebels attacked a post."],
...                   load_patterns(), headline=lambda line, patterns: False)
{0: 'timestamp'}
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import DataFileError
from .patterns import BoilerplatePatterns

FURNITURE_PATH = Path(__file__).parent / "data" / "furniture.yaml"

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_ORD = r"(?:st|nd|rd|th)?"
_DATE_MDY = rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>(?:19|20)\d\d)"
_DATE_DMY = rf"(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m2>{_MONTH}),?\s+(?P<y2>(?:19|20)\d\d)"
_DATE_NUM = r"(?:19|20)\d\d-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d"
_DATE = re.compile(rf"\b(?:{_DATE_MDY}|{_DATE_DMY}|{_DATE_NUM})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?![\w.])|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)",
                   re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?", re.IGNORECASE)
_STAMP_PUNCT = re.compile(r"[|@·•,:;()\[\]{}/\-–—.]+")
# a date closing a line: ", October 24, 2019." (a caption's way) or "on July 7, 2023." (news and captions alike)
_CLOSING_DATE = re.compile(rf"(?P<lead>,|\bon)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                           rf"(?:{_DATE_MDY}|{_DATE_DMY})\s*[.,]?\s*$", re.IGNORECASE)
_ELLIPSIS = re.compile(r"(?:\.{3}|…)\s*$")
_BULLET = re.compile(r"^[-–•*·▪]\s+")
_SEPARATOR_ONLY = re.compile(r"^[-–—•*·|▪]+$")
_ENDS_WITH_SEPARATOR = re.compile(r"\s[-–—•|]$")
_RUN_ON_SPLIT = re.compile(r"(?:^|\s)[-–•](?:\s|$)")
_SENTENCE_END = (".", "!", "?")
_CAPS_PLACE = re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+)*,\s")
# "Kabul, Afghanistan, March 3, 2021": a place and its country before the date is a dateline's shape
_NAME = r"(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)[A-Z][\w'’.\-]+"
_PLACE_BEFORE_DATE = re.compile(rf"^{_NAME}(?:\s+{_NAME})*,\s+(?:{_NAME}(?:\s+{_NAME})*,\s+)?"
                                rf"(?:{_DATE_MDY}|{_DATE_DMY}|{_MONTH}\s+\d{{1,2}}\b)")


@dataclass(frozen=True)
class FurnitureWords:
    """The word lists of furniture.yaml."""

    stamp_words: frozenset[str]
    section_words: frozenset[str]
    caption_verbs: re.Pattern[str]
    telling_words: re.Pattern[str]


@lru_cache(maxsize=2)
def load_furniture_words(path: Path = FURNITURE_PATH) -> FurnitureWords:
    """Read and check furniture.yaml once; a missing or malformed list names the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read the furniture word lists ({exc})") from exc
    lists = {}
    for key in ("stamp_words", "section_words", "caption_verbs", "telling_words"):
        words = data.get(key) if isinstance(data, dict) else None
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(f"{path}: '{key}' must be a non-empty list of words")
        lists[key] = sorted({w.strip().lower() for w in words})
    verbs = "|".join(re.escape(v) for v in lists["caption_verbs"])
    return FurnitureWords(
        stamp_words=frozenset(lists["stamp_words"]),
        section_words=frozenset(lists["section_words"]),
        caption_verbs=re.compile(rf"\b(?:is|are)\s+(?:being\s+)?(?:seen|shown)\b|\b(?:{verbs})(?:s|es|ing)?\b",
                                 re.IGNORECASE),
        telling_words=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lists["telling_words"]) + r")\b",
                                 re.IGNORECASE),
    )


Headline = Callable[[str, BoilerplatePatterns], bool]


def furniture_reasons(lines: list[str], patterns: BoilerplatePatterns, *, headline: Headline,
                      published: date | None = None, words: FurnitureWords | None = None) -> dict[int, str]:
    """{index: reason} for the lines of `lines` (normalised, blank ones "") that are page furniture.

    `headline` is the cleaner's test of a headline-like line (clean.looks_like_headline);
    `published`, when known, lets a caption be told by its date: a picture of an older day.
    """
    words = words or load_furniture_words()
    names = words.section_words | {word for agency in patterns.agencies for word in agency.split()}
    reasons: dict[int, str] = {}
    for index, line in enumerate(lines):
        if not line:
            continue
        if (any(pattern.match(line) for pattern in patterns.datelines) or _CAPS_PLACE.match(line)
                or _PLACE_BEFORE_DATE.match(line)):
            continue  # a dateline, even one that gives its year, is the dateline reader's
        reason = (("timestamp" if is_date_stamp(line, words, names) else None)
                  or ("caption" if is_dated_caption(line, words, published=published) else None)
                  or ("headline-list" if is_run_on_headline_list(line) else None))
        if reason:
            reasons[index] = reason
    ruled = [patterns.reason_for(line) if line else None for line in lines]  # boilerplate.yaml's verdicts
    _mark_repeats(lines, reasons)
    _mark_wrapped_blocks(lines, ruled, reasons, lambda line: _only_stamp_words(line, words, names))
    _mark_under_headings(lines, ruled, reasons, lambda line: _headline_like(line, patterns, headline))
    _mark_trailing_list(lines, ruled, reasons, lambda line: _headline_like(line, patterns, headline))
    _mark_after_comments(lines, ruled, reasons)
    _mark_highlights(lines, ruled, reasons, lambda line: headline(line, patterns))
    return reasons


def is_date_stamp(line: str, words: FurnitureWords, names: frozenset[str]) -> bool:
    """A line that is a date (with its year, or with a time) and only stamp words and names:
    "Posted October 14, 2017 12:05 am - Updated ...", "World News | Tue Jun 20, 2017 | 1:14pm EDT",
    "[June 10, 2023]". "October 31, 2019 - Eight people were killed ..." is a sentence: kept."""
    if len(line.split()) > 28:
        return False
    has_date = bool(_DATE.search(line)) or (bool(_MONTH_DAY.search(line)) and bool(_TIME.search(line)))
    return has_date and _only_stamp_words(line, words, names)


def _only_stamp_words(line: str, words: FurnitureWords, names: frozenset[str]) -> bool:
    """True when, dates and times aside, the line holds only stamp words and `names`: an agency
    ("AFP", "Reuters") or a section ("World News"). Any other name may be where the story was
    filed ("Example Agency (Maputo) 15 January 2019"): that line is left to the dateline reader,
    which drops it above a dateline and keeps it as the geoparser's evidence elsewhere."""
    if line.rstrip(")]").endswith(_SENTENCE_END) and not _DATE.search(line[-14:]):
        return False
    rest = _DATE.sub(" ", line)
    rest = _TIME.sub(" ", rest)
    rest = _MONTH_DAY.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = _STAMP_PUNCT.sub(" ", rest)
    return all(word.lower() in words.stamp_words or word.lower() in names or word.isdigit() for word in rest.split())

def is_dated_caption(line: str, words: FurnitureWords, *, published: date | None) -> bool:
    """A picture's caption: a line that ends in a full date and describes in the present what
    it shows ("People gather at the scene of a blast in X, October 24, 2019."), with no telling
    or past ("said", "was", "killed"). With "on <date>" the date must be before publication
    (an older picture); ", <date>" at the end is a caption's own way of dating."""
    n_words = len(line.split())
    if n_words > 60 or n_words < 5 or not line[:1].isupper():
        return False
    match = _CLOSING_DATE.search(line)
    if match is None:
        return False
    day = _date_of(match)
    if day is None or (published is not None and day > published):
        return False
    body = line[: match.start()]
    if words.telling_words.search(body) or not words.caption_verbs.search(" ".join(body.split()[:10])):
        return False
    if match.group("lead") == ",":
        return True
    return published is not None and day < published


def is_run_on_headline_list(line: str) -> bool:
    """Headlines of other stories run into one line with dashes or bullets between them:
    "- Town falls to rebels - Minister resigns - Talks open in Doha". A sentence with dashes
    ("The army - which had withdrawn - returned.") has a part that starts in lower case."""
    if not (_BULLET.match(line) or _ENDS_WITH_SEPARATOR.search(line)):
        return False
    parts = [part.strip() for part in _RUN_ON_SPLIT.split(line) if part.strip()]
    if len(parts) < 2 or 2 * sum(part.endswith(_SENTENCE_END) for part in parts) >= len(parts):
        return False  # facts run into one line ("- 14 were killed. - 20 were hurt.") are sentences
    return all(len(part.split()) >= 3 and (part[0].isupper() or part[0].isdigit() or part[0] in "\"'“‘")
               for part in parts)


def _date_of(match: re.Match[str]) -> date | None:
    month = match.group("m1") or match.group("m2")
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    try:
        return date(int(year), _MONTHS[month[:3].lower()], int(day))
    except (KeyError, ValueError, TypeError):
        return None


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines (end exclusive)."""
    blocks, start = [], None
    for index, line in enumerate([*lines, ""]):
        if line and start is None:
            start = index
        elif not line and start is not None:
            blocks.append((start, index))
            start = None
    return blocks


def _mark_repeats(lines: list[str], reasons: dict[int, str]) -> None:
    """A line the page repeats: the same line again right after itself (a caption or a headline
    shown twice; not a sentence, which a test or a quote may repeat), and a preview cut off with
    "..." whose words the next lines give in full."""
    filled = [i for i, line in enumerate(lines) if line]
    for position, index in enumerate(filled):
        line = lines[index]
        if (position and len(line.split()) >= 4 and line == lines[filled[position - 1]]
                and not line.endswith(_SENTENCE_END)):
            reasons.setdefault(index, "repeat")
            continue
        if not _ELLIPSIS.search(line):
            continue
        preview = " ".join(_ELLIPSIS.sub("", line).split()).rstrip(",;:-– ")
        if len(preview.split()) < 5:
            continue
        following = " ".join(" ".join(lines[i] for i in filled[position + 1: position + 12]).split())
        if following.startswith(preview):
            reasons.setdefault(index, "truncated-repeat")


def _mark_wrapped_blocks(lines: list[str], ruled: list[str | None], reasons: dict[int, str],
                         stamp_only: Callable[[str], bool]) -> None:
    """Furniture hard-wrapped over a short block is furniture on every line, though a rule sees
    only one of them: a caption's credit on its last line ("... debris\\nin Odesa, June 10.
    REUTERS/Name"), a notice's "Copyright" on its first, a stamp's date beside the outlet's name."""
    for start, end in _blocks(lines):
        if not 1 < end - start <= 3 or sum(len(lines[i].split()) for i in range(start, end)) > 60:
            continue
        last = reasons.get(end - 1) or ruled[end - 1]
        first = reasons.get(start) or ruled[start]
        wrapped = not any(lines[i].rstrip("\"'”’)]").endswith((*_SENTENCE_END, "-", "—", "–", ":"))
                          for i in range(start, end - 1))  # one sentence wrapped, not a dateline and a caption
        if not wrapped:
            continue
        if last in ("caption", "credit"):
            reason = "caption"
        elif first == "copyright":
            reason = "copyright"
        elif any(reasons.get(i) == "timestamp" for i in range(start, end)) and all(
                i in reasons or stamp_only(lines[i]) for i in range(start, end)):
            reason = "timestamp"
        else:
            continue
        for index in range(start, end):
            if ruled[index] is None:
                reasons.setdefault(index, reason)


def _headline_like(line: str, patterns: BoilerplatePatterns, headline: Headline) -> bool:
    item = _BULLET.sub("", line).rstrip(" -–—•|")
    return bool(item) and headline(item, patterns)


def _mark_under_headings(lines: list[str], ruled: list[str | None], reasons: dict[int, str],
                         headline_like: Callable[[str], bool]) -> None:
    """Under a heading of other stories ("Related", "Featured Post", "Latest updates"): their
    headlines, bulleted or not, and teasers cut off with "..."; the first other line ends it."""
    under = False
    for index, line in enumerate(lines):
        if not line:
            continue
        if ruled[index] == "read-more":
            under = True
            continue
        if not under:
            continue
        if headline_like(line):
            reasons.setdefault(index, "read-more")
        elif re.search(r"\w(?:\.{3}|…)$", line):
            reasons.setdefault(index, "teaser")
        else:
            under = False


def _mark_trailing_list(lines: list[str], ruled: list[str | None], reasons: dict[int, str],
                        headline_like: Callable[[str], bool]) -> None:
    """The list of other stories after the last sentence, written with dashes or bullets: a lone
    "-", items that end in " -", bulleted headlines. (A list of plain headlines is the cleaner's.)"""
    ends = [i for i, line in enumerate(lines) if line.rstrip("\"'”’)").endswith(_SENTENCE_END)]
    if not ends:
        return
    tail = [i for i in range(ends[-1] + 1, len(lines)) if lines[i]]
    if not tail:
        return
    marked = [i for i in tail if _SEPARATOR_ONLY.match(lines[i]) or _ENDS_WITH_SEPARATOR.search(lines[i])
              or _BULLET.match(lines[i])]
    if not marked:
        return
    if all(i in marked or i in reasons or ruled[i] or headline_like(lines[i]) for i in tail):
        for index in tail:
            reasons.setdefault(index, "headline-list")


def _mark_after_comments(lines: list[str], ruled: list[str | None], reasons: dict[int, str]) -> None:
    """A blog's comment section ("No comments:", "Post a Comment", "Comments are closed") ends the
    article: what follows is comments, widgets and teasers. Only where more text comes before it
    than after, so a comment counter under the headline does not cut the story."""
    for index, line in enumerate(lines):
        if ruled[index] != "comments":
            continue
        before = sum(len(lines[i].split()) for i in range(index))
        after = sum(len(lines[i].split()) for i in range(index + 1, len(lines)))
        if after < before:
            for later in range(index + 1, len(lines)):
                if lines[later]:
                    reasons.setdefault(later, "after-comments")
        return


def _mark_highlights(lines: list[str], ruled: list[str | None], reasons: dict[int, str],
                     headline: Callable[[str], bool]) -> None:
    """Key points bulleted above the story ("- The junta has fought rebels since its coup"): they
    restate it before its first line, and stand between the headline and the dateline. Bullets
    after the story has begun are its own list of facts, and stay."""
    bullets: list[int] = []
    for index, line in enumerate(lines):
        if not line or index in reasons or ruled[index]:
            continue
        if _BULLET.match(line):
            bullets.append(index)
            continue
        if not bullets and headline(line):
            continue  # the headline or a standfirst above the points
        if bullets and len(line.split()) >= 12 and line.rstrip("\"'”’)").endswith(_SENTENCE_END):
            for bullet in bullets:
                reasons[bullet] = "highlights"
        return
