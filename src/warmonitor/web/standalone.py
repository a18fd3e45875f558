"""The web map as one self-contained HTML file: the page, its script and style, vendored
Leaflet and the country borders inlined, and the events written into the file, so it opens
from disk with no server and no network (`warmonitor map`, `make demo`)."""
from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from . import static_dir

_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(static/[^"]+)">')
_SCRIPT = re.compile(r'<script src="(static/[^"]+)"></script>')
_ICON = re.compile(r'<link rel="icon"[^>]*>')


def _asset(path: str) -> str:
    relative = path.removeprefix("static/")
    text = (static_dir() / relative).read_text(encoding="utf-8")
    # No "</script" or "</style" may end the inlined element early.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside <script>: no "<" (so no "</script>" or "<!--"), no U+2028/9."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_map(events: Sequence[Mapping[str, Any]], details: Mapping[str, Mapping[str, Any]] | None = None,
               *, title: str = "warmonitor: conflict events map") -> str:
    """The HTML of a map of `events` (event records); `details` maps an event id to its
    record with sources (GET /events/{id}) for the cards, else the record itself is shown."""
    page = (static_dir() / "index.html").read_text(encoding="utf-8")
    borders = json.loads((static_dir() / "vendor/world-atlas/countries-110m.json").read_text(encoding="utf-8"))
    data = {"events": list(events), "details": dict(details or {}), "borders": borders}
    data_script = f"<script>window.WARMONITOR_DATA = {_json_for_script(data)};</script>\n"
    offline = f"<script>{_asset('static/offline.js')}</script>\n"
    page = _ICON.sub("", page)
    page = _STYLESHEET.sub(lambda m: f"<style>{_asset(m.group(1))}</style>", page)
    page = page.replace('<script src="static/app.js"></script>', data_script + offline +
                        '<script src="static/app.js"></script>')
    page = _SCRIPT.sub(lambda m: f"<script>{_asset(m.group(1))}</script>", page)
    page = re.sub(r"<title>[^<]*</title>", f"<title>{_escape(title)}</title>", page, count=1)
    if "static/" in re.sub(r"<(script|style)>.*?</\1>", "", page, flags=re.S):
        raise RuntimeError("the map page still refers to a file in static/: inline it in standalone.py")
    return page


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
