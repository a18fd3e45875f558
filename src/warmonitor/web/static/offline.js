/* warmonitor offline data: answers the page's API requests from the events written into a
 * self-contained map file by `warmonitor map` (window.WARMONITOR_DATA), so the same page
 * works from file:// with no server and no network. Loaded before app.js; absent from the
 * served page, where the requests go to the API.
 */
(function () {
  "use strict";
  const data = window.WARMONITOR_DATA;
  if (!data) return;

  function words(text) {
    return (text || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function names(event) {
    return (event.actor || []).concat(event.recipient || [])
      .map((e) => ((e.name || "") + " " + (e.entity_text || "")).toLowerCase());
  }

  /** The events the API's filters select, in the order of `sort`. */
  function select(params) {
    const categories = (params.get("category") || "").split(",").filter(Boolean);
    const start = params.get("start"), end = params.get("end");
    const country = (params.get("country") || "").toUpperCase();
    const actor = (params.get("actor") || "").toLowerCase();
    const q = words(params.get("q"));
    const minDead = params.get("min_dead") ? Number(params.get("min_dead")) : null;
    const found = data.events.filter((event) => {
      const place = event.event_loc || {};
      if (categories.length && !categories.includes(event.event)) return false;
      if (start && (!event.date || event.date < start)) return false;
      if (end && (!event.date || event.date > end)) return false;
      if (country && place.country_code !== country.slice(0, 2)) return false;
      if (actor && !names(event).some((name) => name.includes(actor))) return false;
      if (minDead !== null && !(event.dead >= minDead)) return false;
      if (q.length) {
        const have = new Set(words(event.text));
        if (!q.every((word) => have.has(word))) return false;
      }
      return true;
    });
    const sort = params.get("sort") || "-date";
    const key = sort.endsWith("date") ? "date" : "dead";
    const sign = sort.startsWith("-") ? -1 : 1;
    found.sort((a, b) => {
      if (a[key] === b[key]) return 0;
      if (a[key] === null || a[key] === undefined) return 1;
      if (b[key] === null || b[key] === undefined) return -1;
      return a[key] < b[key] ? -sign : sign;
    });
    return found;
  }

  function mondayOf(day) {
    const date = new Date(day + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return date.toISOString().slice(0, 10);
  }

  function timeline(params) {
    const weekly = params.get("interval") === "week";
    const buckets = new Map();
    for (const event of select(params)) {
      if (!event.date) continue;
      const key = weekly ? mondayOf(event.date) : event.date;
      const bucket = buckets.get(key) || { date: key, total: 0, counts: {} };
      bucket.total += 1;
      bucket.counts[event.event] = (bucket.counts[event.event] || 0) + 1;
      buckets.set(key, bucket);
    }
    const sorted = Array.from(buckets.values()).sort((a, b) => (a.date < b.date ? -1 : 1));
    return { interval: weekly ? "week" : "day", buckets: sorted };
  }

  function actors(params) {
    const q = (params.get("q") || "").toLowerCase();
    const counts = new Map();
    for (const event of data.events) {
      for (const entity of (event.actor || []).concat(event.recipient || [])) {
        const name = entity.name || entity.entity_text;
        if (!name || (q && !names({ actor: [entity] })[0].includes(q))) continue;
        const item = counts.get(name) || { name: name, code: entity.code, sector: entity.sector, events: 0 };
        item.events += 1;
        counts.set(name, item);
      }
    }
    return { actors: Array.from(counts.values()).sort((a, b) => b.events - a.events).slice(0, 15) };
  }

  /** The answer the API would give to GET `path`?`params`. */
  window.WarmonitorOffline = {
    get: function (path, params) {
      params = params || new URLSearchParams();
      if (path === "events") {
        const found = select(params);
        const limit = Number(params.get("limit") || 100);
        return { total: found.length, limit: limit, offset: 0, events: found.slice(0, limit) };
      }
      if (path.startsWith("events/")) {
        const id = decodeURIComponent(path.slice(7));
        const record = data.details[id] || data.events.find((event) => event.id === id);
        if (!record) throw new Error("no event " + id);
        return record;
      }
      if (path === "stats/timeline") return timeline(params);
      if (path === "actors") return actors(params);
      if (path.endsWith("countries-110m.json")) return data.borders;
      throw new Error("not in this file: " + path);
    },
  };
})();
