"""The Phoenix (PETRARCH2, CAMEO) actor codes read as PLOVER country + sector, and the rules that
keep Phoenix noise out of the dictionary. Used by scripts/convert_phoenix.py to build
`actors/data/phoenix/`, and by the loader to resolve an office holder's dated periods.

A CAMEO actor code is a 3-letter country or body code followed by 3-letter roles:
"SYRGOV" -> (SYR, GOV), "IGOUNO" -> (IGO, IGO), "IMGMUSALQ" -> (IMG, REB), "MNCUSA" -> not coded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

#: CAMEO codes of former states, folded into today's ISO code (PLOVER: successor states).
FORMER_STATES: dict[str, str] = {"USR": "RUS", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB",
                                 "DDR": "DEU", "FRG": "DEU", "TMP": "TLS", "KSV": "XKX", "ROM": "ROU",
                                 "ZAR": "COD", "BUR": "MMR", "CSK": "CZE", "SRP": "SRB"}
#: CAMEO regional codes: no country; an armed group coded to a region is transnational (IMG).
REGIONS: frozenset[str] = frozenset({
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "NAF",
    "NMR", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "SCN", "BAL", "INT", "KKL", "AFL"})
#: Roles that say what an actor is, in the order of CAMEO's code: the first one found wins.
STRONG_ROLES: dict[str, str] = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "COP": "COP", "SPY": "SPY",
    "UAF": "UAF", "OPP": "OPP", "JUD": "JUD", "LEG": "LEG", "ELI": "ELI", "CRM": "CRM",
    "IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "HRI": "NGO"}
#: Roles that name a walk of life; used when no strong role is in the code.
WEAK_ROLES: dict[str, str] = {
    "CVL": "CVL", "PPL": "CVL", "AGR": "CVL", "HLH": "CVL", "BUS": "BUS", "LAB": "LAB", "EDU": "EDU",
    "REF": "REF", "MED": "MED", "REL": "REL", "CHR": "REL", "MUS": "REL", "JEW": "REL", "HIN": "REL",
    "BUD": "REL", "CTH": "REL", "SHI": "REL", "SUN": "REL"}
#: Bodies of no country: (code, default sector).
BODIES: dict[str, tuple[str, str]] = {"IGO": ("IGO", "IGO"), "UNO": ("IGO", "IGO"), "NGO": ("NGO", "NGO"),
                                      "NGM": ("NGO", "NGO"), "IMG": ("IMG", "REB")}
_WORD = re.compile(r"[A-Za-z]")
_VOWEL = re.compile(r"[AEIOUYaeiouy]")
_ODD = re.compile(r"[^\w\s.'&-]")  # brackets, commas, slashes: leftovers of the source format


@dataclass(frozen=True)
class Restriction:
    """One bracketed code of a Phoenix record, with its date range (None = open)."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass
class PhoenixRecord:
    """A primary phrase, its synonyms and its code restrictions."""

    phrases: list[str]
    restrictions: list[Restriction] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """YYMMDD or YYYYMMDD ("000717" -> 2000-07-17, "830101" -> 1983-01-01); None when malformed."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{1900 + year if year >= 30 else 2000 + year}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def actor_code(cameo: str, countries: frozenset[str]) -> tuple[str | None, str | None] | None:
    """(code, sector) of a CAMEO actor code, or None when warmonitor does not code it (companies,
    regions, unknown codes, the null code "---")."""
    cameo = cameo.strip().upper()
    top, roles = cameo[:3], [cameo[i:i + 3] for i in range(3, len(cameo), 3)]
    if top in BODIES:
        code, sector = BODIES[top]
        found = role_sector(roles)
        return code, found if found == "MIL" and code == "IGO" else sector
    top = FORMER_STATES.get(top, top)
    if top in countries:
        return top, role_sector(roles)
    if top in STRONG_ROLES and not roles:  # "[ELI]": a role of no stated country
        return None, STRONG_ROLES[top]
    if top in REGIONS and role_sector(roles) in ("REB", "UAF"):
        return "IMG", "REB"
    return None


def role_sector(roles: list[str]) -> str | None:
    """The PLOVER sector of CAMEO roles: the first strong role, else the first weak one."""
    for role in roles:
        if role in STRONG_ROLES:
            return STRONG_ROLES[role]
    return next((WEAK_ROLES[role] for role in roles if role in WEAK_ROLES), None)


def agent_sector(code: str) -> str | None:
    """The sector of an agent code ("~GOVMED" -> GOV, "~RELUAF" -> UAF, "NGO~" -> NGO)."""
    roles = code.replace("~", "").strip().upper()
    chunks = [roles[i:i + 3] for i in range(0, len(roles), 3)]
    armed = next((STRONG_ROLES[c] for c in chunks if STRONG_ROLES.get(c) in ("REB", "UAF", "MIL", "COP")), None)
    return armed or role_sector(chunks)


def alias_kind(alias: str, is_common_word) -> str | None:
    """How a generated alias may match: "abbreviation" (exact capitals), "name", or None (dropped).

    Fewer than three letters, or odd characters (brackets, commas): dropped. A single word of three letters, without vowels or with dots
    ("SDF", "U.N"): capitals only. A single word that English uses as a common word: dropped."""
    letters = _WORD.findall(alias)
    if len(letters) < 3 or _ODD.search(alias):
        return None
    words = alias.split()
    if len(words) == 1:
        bare = alias.replace(".", "")
        if len(letters) == 3 or "." in alias or not _VOWEL.search(bare):
            return "abbreviation"
        if is_common_word(alias.lower()):
            return None
    return "name"


@dataclass(frozen=True)
class Period:
    """A dated code of an office holder: (code, sector) from `start` to `end` inclusive."""

    code: str | None
    sector: str | None
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def format_periods(periods: list[Period]) -> str:
    """The periods column of names.tsv: "SYR/GOV/2000-07-17/" items joined by "|"."""
    return "|".join(f"{p.code or '-'}/{p.sector or '-'}/{p.start or ''}/{p.end or ''}" for p in periods)


@lru_cache(maxsize=4096)
def parse_periods(text: str) -> tuple[Period, ...]:
    """The inverse of `format_periods` (parsed lazily, when a dated name is met)."""
    periods = []
    for item in filter(None, text.split("|")):
        code, sector, start, end = item.split("/")
        periods.append(Period(None if code == "-" else code, None if sector == "-" else sector,
                              date.fromisoformat(start) if start else None,
                              date.fromisoformat(end) if end else None))
    return tuple(periods)


def code_on(periods: tuple[Period, ...], day: date | None) -> tuple[str | None, str | None]:
    """(code, sector) of an office holder on `day`: the first period that covers it (an undated
    default, listed last, covers every day); without one, after the last period a former official
    (ELI), before it or with no date known, of their country with no sector."""
    if day is not None:
        for period in periods:
            if period.covers(day):
                return period.code, period.sector
    default = next((p for p in periods if p.start is None and p.end is None), None)
    if default is not None:
        return default.code, default.sector
    if not periods:
        return None, None
    latest = max(periods, key=lambda p: p.end or date.max)
    if day is not None and latest.end is not None and day > latest.end and latest.code not in BODIES:
        return latest.code, "ELI"
    return latest.code, None
