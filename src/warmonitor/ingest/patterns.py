"""The cleaner's knowledge: boilerplate line rules, dateline and byline patterns and what counts as
page furniture, from ingest/data/boilerplate.yaml.

The file is read once and validated on load; a malformed rule raises DataFileError naming the
file and the line, so an analyst who adds a phrase or a regex learns at once what is wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

BOILERPLATE_PATH = Path(__file__).parent / "data" / "boilerplate.yaml"
_MATCHERS = ("whole", "starts", "contains", "regex")
_REASON = re.compile(r"^[a-z][a-z-]*$")
_TRAILING_PUNCT = ".:!?…"


@dataclass(frozen=True)
class LineRule:
    """One rule: the reason it reports and the phrases/regexes that make a line boilerplate."""

    reason: str
    whole: frozenset[str] = frozenset()
    starts: tuple[str, ...] = ()
    contains: tuple[re.Pattern[str], ...] = ()
    regex: tuple[re.Pattern[str], ...] = ()
    max_words: int | None = None
    line: int = 0

    def matches(self, line: str, normalized: str, n_words: int) -> bool:
        """True when the stripped `line` (and its lower-cased `normalized` form) is boilerplate."""
        if self.max_words is not None and n_words > self.max_words:
            return False
        if normalized.rstrip(_TRAILING_PUNCT).strip() in self.whole:
            return True
        if any(_starts_with_phrase(normalized, phrase) for phrase in self.starts):
            return True
        if any(pattern.search(normalized) for pattern in self.contains):
            return True
        return any(pattern.search(line) for pattern in self.regex)


@dataclass(frozen=True)
class Furniture:
    """What may stand above the dateline: lines of at most `max_words` words with no final
    period, single sentences of at most `short_words` words, lines a `regex` matches; at most
    `max_lines` of them."""

    max_words: int = 40
    short_words: int = 12
    max_lines: int = 12
    regex: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class BoilerplatePatterns:
    """Everything the cleaner reads from the data file."""

    rules: tuple[LineRule, ...]
    datelines: tuple[re.Pattern[str], ...]
    title_max_words: int
    title_max_chars: int
    bylines: tuple[re.Pattern[str], ...] = ()
    #: Casefolded agency names: "(AFP)" is an outlet, "(Pakistan)" a region; "AFP" alone is furniture.
    agencies: frozenset[str] = frozenset()
    #: Casefolded words that open a sentence or a headline, never a dateline: "NATO -", "UPDATE 2-".
    not_datelines: frozenset[str] = frozenset()
    furniture: Furniture = Furniture()

    def reason_for(self, line: str) -> str | None:
        """The reason of the first rule that drops this stripped line, or None to keep it."""
        normalized = " ".join(line.lower().split())
        n_words = len(normalized.split())
        for rule in self.rules:
            if rule.matches(line, normalized, n_words):
                return rule.reason
        return None


def _starts_with_phrase(normalized: str, phrase: str) -> bool:
    if not normalized.startswith(phrase):
        return False
    rest = normalized[len(phrase):]
    return not rest or not phrase[-1].isalnum() or not rest[0].isalnum()


@lru_cache(maxsize=4)
def load_patterns(path: Path = BOILERPLATE_PATH) -> BoilerplatePatterns:
    """Read and validate the boilerplate file (cached: each path is read once)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the boilerplate file ({exc})") from exc
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML: {exc}") from exc
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(f"{path}:1: expected a mapping with 'rules', 'datelines' and 'title'")
    top = {key.value: value for key, value in root.value}
    title = _plain(loader, top.get("title")) or {}
    if not isinstance(title, dict):
        raise DataFileError(f"{path}:{_line(top['title'])}: 'title' must be a mapping")
    return BoilerplatePatterns(
        rules=tuple(_parse_rules(path, loader, top.get("rules"))),
        datelines=tuple(_parse_named_regexes(path, top.get("datelines"), "datelines", {"rest"}, {"place", "outlet"})),
        title_max_words=_positive_int(path, top.get("title"), title.get("max_words", 22), "max_words"),
        title_max_chars=_positive_int(path, top.get("title"), title.get("max_chars", 180), "max_chars"),
        bylines=tuple(_parse_named_regexes(path, top.get("bylines"), "bylines", set(), {"author", "outlet", "place"},
                                           optional=True)),
        agencies=frozenset(_phrase(path, n) for n in _phrase_nodes(path, top.get("agencies"))),
        not_datelines=frozenset(_phrase(path, n) for n in _phrase_nodes(path, top.get("not_datelines"))),
        furniture=_parse_furniture(path, loader, top.get("furniture")),
    )


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _plain(loader: yaml.SafeLoader, node: yaml.Node | None) -> Any:
    return loader.construct_object(node, deep=True) if node is not None else None


def _positive_int(path: Path, node: yaml.Node | None, value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise DataFileError(f"{path}:{_line(node)}: '{name}' must be a positive whole number, not {value!r}")
    return value


def _compile(path: Path, node: yaml.Node, pattern: Any, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise DataFileError(f"{path}:{_line(node)}: expected a non-empty string, not {pattern!r}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{path}:{_line(node)}: bad regular expression {pattern!r}: {exc}") from exc


def _parse_named_regexes(path: Path, node: yaml.Node | None, name: str, required: set[str], one_of: set[str],
                         *, optional: bool = False) -> list[re.Pattern[str]]:
    """A list of regexes, each with all the `required` named groups and one of `one_of`."""
    if node is None and optional:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise DataFileError(f"{path}:{_line(node)}: '{name}' must be a list of regexes")
    patterns = []
    for item in node.value:
        pattern = _compile(path, item, item.value if isinstance(item, yaml.ScalarNode) else None)
        missing = required - set(pattern.groupindex)
        if not one_of & set(pattern.groupindex):
            missing |= {" or ".join(sorted(one_of))}
        if missing:
            raise DataFileError(f"{path}:{_line(item)}: {name[:-1]} regex lacks the group(s) {sorted(missing)}")
        patterns.append(pattern)
    return patterns


def _parse_furniture(path: Path, loader: yaml.SafeLoader, node: yaml.Node | None) -> Furniture:
    if node is None:
        return Furniture()
    if not isinstance(node, yaml.MappingNode):
        raise DataFileError(f"{path}:{_line(node)}: 'furniture' must be a mapping")
    fields = {key.value: value for key, value in node.value}
    unknown = set(fields) - {"max_words", "short_words", "max_lines", "regex"}
    if unknown:
        raise DataFileError(f"{path}:{_line(node)}: unknown key(s) {sorted(unknown)} in 'furniture'")
    numbers = {name: _positive_int(path, fields[name], _plain(loader, fields[name]), name)
               for name in ("max_words", "short_words", "max_lines") if name in fields}
    return Furniture(**numbers, regex=tuple(_compile(path, n, n.value) for n in _phrase_nodes(path, fields.get("regex"))))


def _parse_rules(path: Path, loader: yaml.SafeLoader, node: yaml.Node | None) -> list[LineRule]:
    if not isinstance(node, yaml.SequenceNode):
        raise DataFileError(f"{path}:{_line(node)}: 'rules' must be a list of rules")
    rules = []
    for item in node.value:
        where = f"{path}:{_line(item)}"
        if not isinstance(item, yaml.MappingNode):
            raise DataFileError(f"{where}: a rule must be a mapping with 'reason' and matchers")
        fields = {key.value: value for key, value in item.value}
        unknown = set(fields) - {"reason", "max_words", *_MATCHERS}
        if unknown:
            raise DataFileError(f"{where}: unknown key(s) {sorted(unknown)} (allowed: reason, max_words, {', '.join(_MATCHERS)})")
        reason = _plain(loader, fields.get("reason"))
        if not isinstance(reason, str) or not _REASON.match(reason):
            raise DataFileError(f"{where}: 'reason' must be lower-case words joined by hyphens, not {reason!r}")
        if not any(name in fields for name in _MATCHERS):
            raise DataFileError(f"{where}: rule '{reason}' has none of {', '.join(_MATCHERS)}")
        lists = {name: _phrase_nodes(path, fields.get(name)) for name in _MATCHERS}
        max_words = None
        if "max_words" in fields:
            max_words = _positive_int(path, fields["max_words"], _plain(loader, fields["max_words"]), "max_words")
        rules.append(LineRule(
            reason=reason,
            whole=frozenset(_phrase(path, n).rstrip(_TRAILING_PUNCT).strip() for n in lists["whole"]),
            starts=tuple(_phrase(path, n) for n in lists["starts"]),
            contains=tuple(_compile(path, n, r"(?<!\w)" + re.escape(_phrase(path, n)) + r"(?!\w)") for n in lists["contains"]),
            regex=tuple(_compile(path, n, n.value) for n in lists["regex"]),
            max_words=max_words,
            line=_line(item),
        ))
    return rules


def _phrase_nodes(path: Path, node: yaml.Node | None) -> list[yaml.ScalarNode]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
        raise DataFileError(f"{path}:{_line(node)}: expected a list of strings")
    return list(node.value)


def _phrase(path: Path, node: yaml.ScalarNode) -> str:
    phrase = " ".join(str(node.value).lower().split())
    if not phrase:
        raise DataFileError(f"{path}:{_line(node)}: empty phrase")
    return phrase
