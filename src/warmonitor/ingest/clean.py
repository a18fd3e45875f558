"""The cleaner: takes the title, the dateline, the byline, captions, credits and paywall lines out
of an article's text so that only news sentences reach the NLP.

Work is line by line: a line is dropped whole (with the reason kept in `CleanText.removed`) or kept
whole, except the dateline that opens the story, whose rest is kept. The story may open under page
furniture (a section name, the outlet, a date line, a teaser bullet); when a dateline follows such
lines they are dropped too. Kept lines are regrouped into paragraphs joined by blank lines, and a
removed line always ends a paragraph, so a sentence splitter never runs across it. The patterns
live in ingest/data/boilerplate.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .furniture import furniture_reasons, is_date_stamp, load_furniture_words
from .patterns import BOILERPLATE_PATH, BoilerplatePatterns, load_patterns

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060]")
_SENTENCE_END = (".", "!", "?")
_CLOSERS = "\"'”’)]"
_ELLIPSIS = ("...", "…")
#: Words compared to tell a teaser from the paragraph that repeats it.
_TEASER_WORDS = 8


@dataclass(frozen=True)
class Dateline:
    """Where and by whom a story was filed, e.g. Dateline(place="BEIRUT", outlet="Reuters").

    `region` is the country or state after the place ("KYIV, Ukraine", "Peshawar (Pakistan)"),
    `date_text` the day written in it ("Jan 5"), `text` the dateline as written. `place` is None
    for an agency's mark alone ("(AFP) -").
    """

    place: str | None
    outlet: str | None = None
    region: str | None = None
    date_text: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Byline:
    """Who wrote the story and from where, e.g. Byline(author="a staff writer", outlet="Radio X",
    place="Washington, DC"), `text` as written."""

    text: str
    author: str | None = None
    outlet: str | None = None
    place: str | None = None


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
    byline: Byline | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs."""
        return self.text.split("\n\n") if self.text else []

    @property
    def filed_from(self) -> str | None:
        """Where the story was filed, as written: the dateline's place and region ("SRINAGAR,
        India"), else the byline's place ("Washington, DC")."""
        if self.dateline is not None and self.dateline.place:
            return ", ".join(filter(None, (self.dateline.place, self.dateline.region)))
        return self.byline.place if self.byline is not None else None

    @property
    def filed_by(self) -> str | None:
        """Who filed it: the dateline's outlet ("AP"), else the byline's author and outlet."""
        if self.dateline is not None and self.dateline.outlet:
            return self.dateline.outlet
        if self.byline is not None:
            return ", ".join(filter(None, (self.byline.author, self.byline.outlet))) or None
        return None

    @property
    def filing_place(self) -> str | None:
        """The filing place's name alone, for the geoparser's vote: "SRINAGAR", "Washington"."""
        if self.dateline is not None and self.dateline.place:
            return self.dateline.place
        if self.byline is None or not self.byline.place:
            return None
        return self.byline.place.split(",")[0].strip() or None


@dataclass
class _Lead:
    """What the cleaner decides about the story's opening: the dateline's lines (index -> the
    dateline as written, the rest kept, and the rest's reason when the rest is dropped too)."""

    dateline: Dateline | None = None
    cuts: dict[int, tuple[str, str, str | None]] = field(default_factory=dict)


def normalize_lines(text: str) -> list[str]:
    """The text's lines with BOMs, zero-width marks, odd spaces and trailing blanks removed."""
    text = _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def looks_like_headline(line: str, patterns: BoilerplatePatterns | None = None) -> bool:
    """True for a short line with no final period that is neither a dateline, a byline nor boilerplate.

    >>> looks_like_headline("Syrian forces push into Saraqeb as Turkey shells positions")
    True
    """
    patterns = patterns or load_patterns()
    if not _headline_shape(line, patterns):
        return False
    return (match_dateline(line, patterns) is None and patterns.reason_for(line) is None
            and match_byline(line, patterns) is None)


def _headline_shape(line: str, patterns: BoilerplatePatterns) -> bool:
    words = line.split()
    if not 2 <= len(words) <= patterns.title_max_words or len(line) > patterns.title_max_chars:
        return False
    if line.endswith((".", ",", ";", ":", "—", "–", "-")) or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return False
    return True


def find_title(text: str, patterns: BoilerplatePatterns | None = None) -> str | None:
    """The first non-empty line when it looks like a headline and more text follows, else None.

    A line followed directly by one that starts in lower case is a wrapped sentence, not a title.
    """
    lines = normalize_lines(text)
    first = next((index for index, line in enumerate(lines) if line), None)
    if first is None or not _is_title(lines[first], None, lines[first + 1:], patterns or load_patterns()):
        return None
    return lines[first]


def match_dateline(line: str, patterns: BoilerplatePatterns | None = None, *,
                   continues: bool = False) -> tuple[Dateline, str] | None:
    """The dateline at the start of `line` and the rest of the line, or None. `continues` says
    the paragraph goes on on the next line, so a short rest is no headline.

    >>> match_dateline("BEIRUT (Reuters) - Syrian forces advanced.")[0].outlet
    'Reuters'
    """
    patterns = patterns or load_patterns()
    for pattern in patterns.datelines:
        match = pattern.match(line)
        if match is None:
            continue
        groups = match.groupdict()
        rest = (groups["rest"] or "").strip()
        place = (groups.get("place") or "").strip() or None
        outlet = (groups.get("outlet") or "").strip() or None
        region = (groups.get("region") or "").strip() or None
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘("):
            continue  # "Russia - which ..." is a sentence, not a dateline
        if rest and _is_stamp(rest, patterns):
            rest = ""  # "YAOUNDE (Reuters) - Monday, February 17, 2020": the dateline and the story's stamp
        if rest and not continues and _headline_shape(rest, patterns):
            continue  # "US - Russia talks collapse" is a headline
        if outlet is not None and region is None and not _is_agency(outlet, patterns):
            if place is None:
                continue  # "(Update) - ..." names no agency
            outlet, region = None, outlet  # "Peshawar (Pakistan):"
        if place is not None and outlet is None and _key(place) in patterns.not_datelines:
            continue  # "NATO - Allies agreed ...", "UPDATE: ..."
        written = line[: len(line) - len(groups["rest"] or "")].strip() if rest else line.strip()
        dateline = Dateline(place=place, outlet=outlet, region=region,
                            date_text=(groups.get("date") or "").strip() or None, text=written)
        return dateline, rest
    return None


def _is_stamp(text: str, patterns: BoilerplatePatterns) -> bool:
    """A date stamp ("Monday, February 17, 2020", "Published on 08/01/2022 at 14:27")."""
    words = load_furniture_words()
    names = words.section_words | {word for agency in patterns.agencies for word in agency.split()}
    return is_date_stamp(text, words, names)


def match_byline(line: str, patterns: BoilerplatePatterns | None = None) -> Byline | None:
    """The byline that `line` is, with its author, outlet and place where written, or None.

    >>> match_byline("By a staff writer, Radio X (Washington, DC)").place
    'Washington, DC'
    """
    patterns = patterns or load_patterns()
    for pattern in patterns.bylines:
        match = pattern.match(line)
        if match is not None:
            groups = {k: (v or "").strip() or None for k, v in match.groupdict().items()}
            return Byline(text=line, author=groups.get("author"), outlet=groups.get("outlet"),
                          place=groups.get("place"))
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
    furniture = furniture_reasons(lines, patterns, headline=looks_like_headline, published=published)
    reasons, found_title, byline = _line_reasons(lines, title, patterns, furniture)
    lead = _read_lead(lines, reasons, patterns)
    removed: list[RemovedLine] = []
    paragraphs: list[str] = []
    current: list[str] = []

    def close_paragraph() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for index, line in enumerate(lines):
        if not line:
            close_paragraph()
            continue
        if reasons[index] is not None:
            removed.append(RemovedLine(line, reasons[index] or ""))
            close_paragraph()
            continue
        if index in lead.cuts:
            written, line, rest_reason = lead.cuts[index]
            removed.append(RemovedLine(written, "dateline"))
            if rest_reason is not None and line:
                removed.append(RemovedLine(line, rest_reason))
                line = ""
            if not line:
                close_paragraph()
                continue
        current.append(line)
    close_paragraph()
    return CleanText(
        text="\n\n".join(paragraphs),
        title=found_title or title,
        dateline=lead.dateline,
        removed=tuple(removed),
        byline=byline,
    )


def _line_reasons(lines: list[str], title: str | None, patterns: BoilerplatePatterns, furniture: dict[int, str]
                  ) -> tuple[list[str | None], str | None, Byline | None]:
    """Why each line is dropped (None: kept), the title found and the first byline; `furniture`
    holds the reasons that ingest/furniture.py reads from a line's shape and neighbours."""
    reasons: list[str | None] = [None] * len(lines)
    found_title: str | None = None
    byline: Byline | None = None
    seen = False
    in_link_list = False
    trailing = _trailing_list_start(lines, patterns)
    for index, line in enumerate(lines):
        if not line:
            continue
        if not seen and _is_title(line, title, lines[index + 1:], patterns):
            found_title = line
            reasons[index] = "title"
            seen = True
            continue
        seen = True
        reason = patterns.reason_for(line)
        matched = match_byline(line, patterns) if reason in (None, "byline") else None
        if matched is not None:
            byline = byline or matched
            reason = "byline"
        if reason is None:
            reason = furniture.get(index)
        if reason is None and index >= trailing:
            reason = "headline-list"  # the site's list of other stories after the article
        if reason is None and in_link_list and looks_like_headline(line, patterns):
            reason = "read-more"  # a linked headline under "Read more:" or "Related:"
        reasons[index] = reason
        if reason is not None:
            in_link_list = reason == "read-more"
        else:
            in_link_list = False
    return reasons, found_title, byline


def _read_lead(lines: list[str], reasons: list[str | None], patterns: BoilerplatePatterns) -> _Lead:
    """Find the dateline: on the first kept line, or on the first after page furniture (which
    is then dropped), and the same dateline opening a later paragraph."""
    lead = _Lead()
    furniture: list[int] = []
    for index, line in enumerate(lines):
        if not line or reasons[index] is not None:
            continue
        matched = match_dateline(line, patterns, continues=_goes_on(lines, reasons, index))
        if matched is not None:
            lead.dateline, rest = matched
            lead.cuts[index] = (lead.dateline.text, rest, None)
            break
        # the line above, dropped or not: a truncated caption that furniture.py already took out
        previous = next((lines[at] for at in range(index - 1, -1, -1) if lines[at]), None)
        if (len(furniture) >= patterns.furniture.max_lines or not _is_furniture(line, previous, patterns)
                or (index + 1 < len(lines) and lines[index + 1][:1].islower())):
            return lead  # the story opens here, with no dateline
        furniture.append(index)
    else:
        return lead
    for at in furniture:
        reasons[at] = "furniture"
    _cut_repeats(lines, reasons, index, lead, patterns)
    return lead


def _cut_repeats(lines: list[str], reasons: list[str | None], first: int, lead: _Lead,
                 patterns: BoilerplatePatterns) -> None:
    """Take the dateline off later paragraphs it opens again ("SRINAGAR, India (AP) — ..." in a
    teaser and in the body); the first paragraph goes when the later one repeats its words."""
    assert lead.dateline is not None
    first_text = _paragraph(lines, reasons, first, lead.cuts[first][1])
    for index in range(first + 1, len(lines)):
        line = lines[index]
        if not line or reasons[index] is not None or not _opens_paragraph(lines, reasons, index):
            continue
        matched = match_dateline(line, patterns, continues=_goes_on(lines, reasons, index))
        if matched is None or matched[0].place != lead.dateline.place or matched[0].outlet != lead.dateline.outlet:
            continue
        lead.cuts[index] = (matched[0].text, matched[1], None)
        later_text = _paragraph(lines, reasons, index, matched[1])
        if first_text and _words(first_text)[:_TEASER_WORDS] == _words(later_text)[:_TEASER_WORDS]:
            written, rest, _ = lead.cuts[first]
            lead.cuts[first] = (written, rest, "teaser")
            for at in range(first + 1, index):
                if not lines[at] or reasons[at] is not None:
                    break
                reasons[at] = "teaser"
        return


def _paragraph(lines: list[str], reasons: list[str | None], start: int, first_line: str) -> str:
    """The paragraph opening at `start`, its first line replaced by `first_line`."""
    parts = [first_line]
    for index in range(start + 1, len(lines)):
        if not lines[index] or reasons[index] is not None:
            break
        parts.append(lines[index])
    return " ".join(parts)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _opens_paragraph(lines: list[str], reasons: list[str | None], index: int) -> bool:
    return index == 0 or not lines[index - 1] or reasons[index - 1] is not None


def _goes_on(lines: list[str], reasons: list[str | None], index: int) -> bool:
    """True when the next line carries on the same paragraph (a hard-wrapped sentence)."""
    return index + 1 < len(lines) and bool(lines[index + 1]) and reasons[index + 1] is None


def _is_furniture(line: str, previous: str | None, patterns: BoilerplatePatterns) -> bool:
    """Page furniture above a story: a line with no final period (a section, the outlet, a
    date, a headline, a truncated caption), a short sentence, a teaser bullet or a date line,
    or the full text of the truncated line above it."""
    furniture = patterns.furniture
    n_words = len(line.split())
    ending = line.rstrip(_CLOSERS)
    if n_words <= furniture.max_words and (not ending.endswith(_SENTENCE_END) or ending.endswith(_ELLIPSIS)):
        return True
    if n_words <= furniture.short_words or any(pattern.search(line) for pattern in furniture.regex):
        return True
    if previous is not None and previous.endswith(_ELLIPSIS):
        shown = previous.rstrip(".…").strip()
        return len(shown) > 20 and line.startswith(shown)
    return False


def _is_agency(name: str, patterns: BoilerplatePatterns) -> bool:
    """True for a news agency's name: a known one, one inside it ("Thomson Reuters
    Foundation"), or an acronym ("IANS")."""
    key = _key(name)
    if key in patterns.agencies or any(word in patterns.agencies for word in key.split()):
        return True
    letters = name.replace(".", "").replace(" ", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 8


def _key(name: str) -> str:
    return " ".join(name.lower().split())


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
            looks_like_headline(line, patterns) or patterns.reason_for(line) or match_byline(line, patterns)
            for line in tail):
        return len(lines)
    return start


def _is_title(line: str, known_title: str | None, following: list[str], patterns: BoilerplatePatterns) -> bool:
    if known_title is not None and " ".join(known_title.split()).casefold() == line.casefold():
        return True
    if not any(following) or (following[0][:1].islower()):
        return False  # nothing after it, or a hard-wrapped sentence going on on the next line
    return looks_like_headline(line, patterns)
