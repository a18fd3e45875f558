"""Take the README's picture of the web map (docs/web-map.png) in Debian's headless Chromium:
the self-contained map file `make demo` writes, opened from disk with the network refused,
an event chosen so its card shows its sentence beside the map and the timeline.

    make demo && .venv/bin/python scripts/screenshot_map.py [examples/map.html] [-o docs/web-map.png]
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("WARMONITOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", nargs="?", type=Path, default=ROOT / "examples" / "map.html")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "web-map.png")
    parser.add_argument("--event", default="Saraqib", help="words of the event list item to open")
    args = parser.parse_args()
    if not args.map.exists():
        raise SystemExit(f"{args.map} is missing: run `make demo` first")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 860}, device_scale_factor=1)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        tab = context.new_page()
        tab.goto(args.map.resolve().as_uri())
        tab.wait_for_selector(".event-item")
        tab.wait_for_selector("#timeline .bar")
        items = tab.locator(".event-item", has_text=args.event)
        (items.first if items.count() else tab.locator(".event-item").first).locator("button").click()
        tab.locator("#card").wait_for(state="visible")
        tab.wait_for_timeout(1000)  # the map's pan and the cluster's opening
        args.output.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(args.output))
        browser.close()
    print(args.output)


if __name__ == "__main__":
    main()
