/* warmonitor web page: new events without a reload.
 *
 * Every few seconds (15 s; `?live=MS` in the page URL sets it, 200 ms at least) asks
 * GET /events?since=T for the events stored since the last look, with the page's filters, and
 * hands them to the page (app.js), which draws them marked as new. T is the server's clock
 * (its Date header) less a margin, so a slow commit is not missed; events already on the map
 * are ignored by the page. Not used by the map file opened from disk (nothing to poll).
 */
(function () {
  "use strict";

  const DEFAULT_MS = 15000;
  const MARGIN_MS = 30000;
  const asked = Number(new URLSearchParams(window.location.search).get("live"));
  const every = asked >= 200 ? asked : DEFAULT_MS;

  /** The server's time less the margin, as ISO 8601 (UTC), from a response's Date header. */
  function cursorOf(response) {
    const stamp = Date.parse(response.headers.get("Date") || "");
    const base = Number.isNaN(stamp) ? Date.now() : stamp;
    return new Date(base - MARGIN_MS).toISOString();
  }

  /** Start polling. `hooks.params()` gives the current filters as URLSearchParams;
   * `hooks.addEvents(events)` takes the events found. */
  function start(hooks) {
    let since = null;
    async function look() {
      try {
        if (since === null) {
          since = cursorOf(await fetch("health", { headers: { Accept: "application/json" } }));
        } else {
          const params = hooks.params();
          params.set("since", since);
          params.set("limit", "1000");
          params.set("sort", "-date");
          const response = await fetch("events?" + params.toString(), { headers: { Accept: "application/json" } });
          if (response.ok) {
            const answer = await response.json();
            since = cursorOf(response);
            if (answer.events && answer.events.length) hooks.addEvents(answer.events);
          }
        }
      } catch (err) {
        console.warn("live events:", err);
      }
      window.setTimeout(look, every);
    }
    look();
  }

  window.WarmonitorLive = { start: start, every: every };
})();
