"""The web map on a big store, in Chromium: the page over the real API (uvicorn) on a store of
a million events or more; reports how long the first clusters, a category filter, a brushed
timeline range and a zoom to a city take to draw, and fails on a page error or a view that
never draws. Run by `make bench` (never by `make test`); no timing is asserted.

    .venv/bin/python bench/bench_web.py --db /tmp/warmonitor-bench-1m.db [--events 1000000]

A store that does not exist yet is filled first with bench_store's synthetic events.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_store import fill, serve  # noqa: E402

from warmonitor.store import Store  # noqa: E402

CHROMIUM = os.environ.get("WARMONITOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def timed(tab, label: str, action, *wanted: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from `action` until the page has the answers of requests whose URL holds each
    of `wanted` and has drawn them (the next animation frame)."""
    began = time.perf_counter()
    with contextlib.ExitStack() as stack:
        infos = [stack.enter_context(tab.expect_response(lambda r, w=w: w in r.url, timeout=60_000))
                 for w in wanted]
        action()
    for info in infos:
        info.value.finished()
    tab.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    seconds = time.perf_counter() - began
    print(f"  {label:34s} {seconds * 1000:7.0f} ms", file=sys.stderr)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/warmonitor-bench-1m.db")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    store = Store.open(url)
    have = store.counts()["events"]
    if have == 0:
        fill(store, args.events)
        have = args.events
    store.close()
    if have < 1_000_000:
        print(f"note: {have:,} events; the check is meant for 1,000,000 or more", file=sys.stderr)
    from playwright.sync_api import sync_playwright

    port = 8000 + os.getpid() % 1000
    server = serve(url, port)
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
            page = f"http://127.0.0.1:{port}/"
            for _ in range(600):
                with contextlib.suppress(httpx.TransportError):
                    httpx.get(page + "health")
                    break
                time.sleep(0.1)
            if os.environ.get("BENCH_WEB_TRACE"):
                tab.on("requestfinished", lambda r: print(
                    f"    {r.timing['responseEnd']:7.0f} ms {r.url[len(page):][:110]}", file=sys.stderr))
            print(f"web map on {have:,} events (SQLite):", file=sys.stderr)
            timed(tab, "open: first clusters, list, timeline", lambda: tab.goto(page),
                  "/events?", "/map/clusters?", "/stats/timeline?")
            tab.wait_for_selector(".wm-cluster", timeout=60_000)
            tab.wait_for_selector("#timeline .bar", timeout=60_000)
            timed(tab, "category filter (ASSAULT only)", lambda: (
                tab.click("#f-cat-none"), tab.check("input[name=category][value=ASSAULT]")),
                "map/clusters?category=ASSAULT", "stats/timeline?category=ASSAULT")
            first = tab.locator("#timeline .bar").first.bounding_box()
            last = tab.locator("#timeline .bar").nth(40).bounding_box()
            timed(tab, "timeline brush (about 40 weeks)", lambda: (
                tab.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2), tab.mouse.down(),
                tab.mouse.move(last["x"] + 1, last["y"] + last["height"] / 2, steps=5), tab.mouse.up()),
                "events?start=", "map/clusters?start=")
            tab.wait_for_load_state("networkidle")
            tab.wait_for_timeout(500)  # the list and markers of the brushed range drawn
            # Timed in the page's own clock: from setView to the frame after the new cells' answer.
            took = tab.evaluate("""() => new Promise((done) => {
                const t0 = performance.now();
                window.warmonitorMap.setView([36.2, 37.13], 12, {animate: false});
                const poll = () => {
                    const hit = performance.getEntriesByType('resource').find(
                        (e) => e.name.includes('zoom=12') && e.responseEnd > t0);
                    if (!hit) return setTimeout(poll, 5);
                    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
                };
                poll();
            })""")
            print(f"  {'zoom to Aleppo (city, zoom 12)':34s} {took:7.0f} ms", file=sys.stderr)
            tab.wait_for_selector(".wm-cluster", timeout=60_000)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    if problems:
        sys.exit("the page reported errors: " + "; ".join(problems))
    print("web: clusters, filters and timeline drew on the big store", file=sys.stderr)


if __name__ == "__main__":
    main()
