/* warmonitor event card: one event record (GET /events/{id}) shown in full.
 *
 * The source sentence with the event words highlighted, the actors with code and sector, the
 * date and the place with their precision, the toll, who reported it, and links to the
 * articles with where each was filed from (its dateline or byline). Article text is untrusted:
 * it goes in as text nodes only, and only http(s) links.
 */
(function () {
  "use strict";

  const STOP_WORDS = new Set(["a", "an", "and", "or", "the", "of", "to", "in", "on", "at", "by", "with"]);
  let helpers = null;

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** Where in `text` the words of `phrase` stand: the whole phrase if it is there, else each word. */
  function findRanges(text, phrase) {
    const wanted = (phrase || "").trim();
    if (!text || !wanted) return [];
    const wordRe = (words) => new RegExp("(?<![\\p{L}\\p{N}])" + words + "(?![\\p{L}\\p{N}])", "giu");
    const whole = wordRe(wanted.split(/\s+/).map(escapeRegExp).join("\\s+")).exec(text);
    if (whole) return [[whole.index, whole.index + whole[0].length]];
    const ranges = [];
    for (const word of wanted.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) || []) {
      if (STOP_WORDS.has(word)) continue;
      for (const match of text.matchAll(wordRe(escapeRegExp(word)))) {
        ranges.push([match.index, match.index + match[0].length]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range.slice());
    }
    return merged;
  }

  /** The sentence as text nodes, with <mark> around the event words. */
  function highlighted(text, phrase, className) {
    const quote = helpers.el("blockquote", className);
    let at = 0;
    for (const [from, to] of findRanges(text, phrase)) {
      quote.append(text.slice(at, from));
      helpers.el("mark", null, text.slice(from, to), quote);
      at = to;
    }
    quote.append(text.slice(at));
    return quote;
  }

  function safeHref(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  function row(list, term) {
    helpers.el("dt", null, term, list);
    return helpers.el("dd", null, null, list);
  }

  function entityLines(dd, entities) {
    if (!entities || !entities.length) {
      helpers.el("span", "muted", "none named", dd);
      return;
    }
    for (const entity of entities) {
      const line = helpers.el("div", "entity", null, dd);
      helpers.el("span", "entity-text", entity.entity_text || entity.name, line);
      if (entity.name && entity.name !== entity.entity_text) helpers.el("span", "entity-name", entity.name, line);
      const tags = [entity.code, entity.sector].filter(Boolean).join(" · ");
      if (tags) helpers.el("span", "entity-code", tags, line);
    }
  }

  function placeLines(dd, place) {
    if (!place) {
      helpers.el("span", "muted", "unknown", dd);
      return;
    }
    const name = place.name || place.place_text;
    helpers.el("div", "place-name", [name, place.admin1, place.country_code].filter(Boolean).join(", "), dd);
    const about = ["precision: " + (place.precision || "unknown")];
    if (place.place_text && place.place_text !== name) about.push("from “" + place.place_text + "”");
    if (typeof place.lat === "number" && typeof place.lon === "number") {
      about.push(place.lat.toFixed(4) + ", " + place.lon.toFixed(4));
    }
    helpers.el("div", "muted", about.join(" · "), dd);
  }

  function sourceItem(list, source, eventText) {
    const item = helpers.el("li", "source", null, list);
    const article = source.article || {};
    const title = article.title || article.url || article.id || "article";
    const href = safeHref(article.url);
    const link = helpers.el(href ? "a" : "span", "source-title", title, item);
    if (href) {
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
    const meta = [article.outlet, article.published].filter(Boolean).join(", ");
    if (meta) helpers.el("span", "muted", " (" + meta + ")", item);
    if (article.filed_from) {  // the dateline's or the byline's place: where the story was written, not the event's place
      const by = article.filed_by ? " by " + article.filed_by : "";
      helpers.el("div", "muted filed-from", "filed from " + article.filed_from + by, item);
    }
    if (source.text) item.appendChild(highlighted(source.text, eventText, "source-text"));
    if (source.attribution && source.attribution.length) {
      helpers.el("div", "muted", "according to " + source.attribution.join("; "), item);
    }
  }

  function fill(body, record) {
    const head = helpers.el("div", "card-head", null, body);
    helpers.categoryBadge(record.event, head);
    if (record.mode) helpers.el("span", "card-mode", record.mode, head);
    const coding = [record.acled_event_type, record.acled_sub_event_type].filter(Boolean).join(" / ");
    const codes = [coding, record.cameo ? "CAMEO " + record.cameo : null].filter(Boolean).join(" · ");
    if (codes) helpers.el("div", "card-codes muted", codes, body);
    body.appendChild(highlighted(record.text || "", record.event_text, "sentence"));

    const facts = helpers.el("dl", "facts", null, body);
    entityLines(row(facts, "Actor"), record.actor);
    entityLines(row(facts, "Recipient"), record.recipient);
    const when = row(facts, "Date");
    helpers.el("div", "date-value", helpers.dateLabel(record), when);
    const dateAbout = ["precision: " + (record.date_precision || "unknown")];
    if (record.date_text) dateAbout.push("from “" + record.date_text + "”");
    helpers.el("div", "muted", dateAbout.join(" · "), when);
    placeLines(row(facts, "Place"), record.event_loc);
    const toll = ["dead", "injured", "arrested", "size"]
      .filter((name) => record[name] !== null && record[name] !== undefined)
      .map((name) => name + ": " + record[name]);
    if (toll.length) row(facts, "Toll").textContent = toll.join(" · ");
    if (record.attribution && record.attribution.length) {
      row(facts, "Reported by").textContent = record.attribution.join("; ");
    }
    if (record.context && record.context.length) row(facts, "Context").textContent = record.context.join(", ");
    const confidence = typeof record.confidence === "number" ? record.confidence.toFixed(2) : "?";
    row(facts, "Confidence").textContent = confidence + " · reported by " + (record.reports || 1) + " article(s)";

    helpers.el("h3", null, "Sources", body);
    const sources = record.sources && record.sources.length
      ? record.sources
      : record.article ? [{ article: record.article, text: "", attribution: [] }] : [];
    const list = helpers.el("ul", "sources", null, body);
    for (const source of sources) sourceItem(list, source, record.event_text);
    if (!sources.length) helpers.el("li", "muted", "no article recorded", list);
  }

  function show(record) {
    const card = document.getElementById("card");
    const body = document.getElementById("card-body");
    body.replaceChildren();
    card.dataset.id = record.id;
    fill(body, record);
    card.hidden = false;
  }

  function hide() {
    document.getElementById("card").hidden = true;
  }

  function init(shared) {
    helpers = shared;
    document.getElementById("card-close").addEventListener("click", hide);
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  }

  window.WarmonitorCard = { init: init, show: show, hide: hide, findRanges: findRanges };
})();
