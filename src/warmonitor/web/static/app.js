/* warmonitor web page: map, timeline, filters, event list and event card.
 *
 * Reads only the API's JSON (/events, /events/{id}, /stats/timeline, /actors), with URLs
 * relative to the page. Article text is untrusted: every piece of data goes into the page
 * through textContent or createElement, never innerHTML. The timeline histogram lives in
 * timeline.js (window.WarmonitorTimeline) and the event card in card.js (window.WarmonitorCard),
 * both loaded before this file; there is no inline script, so a strict CSP works.
 */
(function () {
  "use strict";

  // PLOVER categories, cooperative to conflictual, and the colour each is drawn in.
  const CATEGORY_COLORS = {
    AGREE: "#253494", CONSULT: "#74add1", SUPPORT: "#2c7fb8", CONCEDE: "#80cdc1",
    COOPERATE: "#66bd63", AID: "#1a9850", RETREAT: "#35978f", REQUEST: "#5e81b5",
    ACCUSE: "#de77ae", REJECT: "#c51b7d", THREATEN: "#f1b82d", PROTEST: "#7b3294",
    SANCTION: "#8c510a", MOBILIZE: "#f28e2b", COERCE: "#e34a33", ASSAULT: "#b2182b",
  };
  const CATEGORIES = Object.keys(CATEGORY_COLORS);
  const FALLBACK_COLOR = "#666666";
  const EVENT_LIMIT = 1000;
  const TEXT_FILTERS = ["start", "end", "country", "actor", "q", "min_dead", "sort"];

  const state = {
    filters: {}, events: [], total: 0, markers: new Map(), request: 0, fitted: false, gridMode: false, gridRequest: 0,
    newIds: new Set(),
  };

  function colorOf(category) {
    return CATEGORY_COLORS[category] || FALLBACK_COLOR;
  }

  /** Make an element with a class and a text, appended to `parent` when given. */
  function el(tag, className, text, parent) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  function setStatus(message, isError) {
    const status = document.getElementById("status");
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  async function getJSON(path, params) {
    if (window.WarmonitorOffline) return window.WarmonitorOffline.get(path, params);
    const query = params && params.toString() ? "?" + params.toString() : "";
    const response = await fetch(path + query, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(path + " answered HTTP " + response.status);
    return response.json();
  }

  // ---- filters -------------------------------------------------------------------------

  /** The API query for the current filters; `withDates` false leaves out start/end. */
  function filterParams(filters, withDates) {
    const params = new URLSearchParams();
    for (const name of TEXT_FILTERS) {
      if (!withDates && (name === "start" || name === "end")) continue;
      if (filters[name]) params.set(name, filters[name]);
    }
    if (filters.categories.length && filters.categories.length < CATEGORIES.length) {
      params.set("category", filters.categories.join(","));
    }
    return params;
  }

  function readForm() {
    const form = document.getElementById("filters");
    const filters = { categories: [] };
    for (const name of TEXT_FILTERS) {
      const input = form.elements[name];
      filters[name] = input ? input.value.trim() : "";
    }
    filters.country = filters.country.toUpperCase();
    form.querySelectorAll("input[name=category]").forEach((box) => {
      if (box.checked) filters.categories.push(box.value);
    });
    return filters;
  }

  function writeForm(filters) {
    const form = document.getElementById("filters");
    for (const name of TEXT_FILTERS) {
      if (form.elements[name]) form.elements[name].value = filters[name] || "";
    }
    form.querySelectorAll("input[name=category]").forEach((box) => {
      box.checked = filters.categories.includes(box.value);
    });
  }

  /** Filters from the page URL, so a filtered view can be bookmarked and shared. */
  function filtersFromURL() {
    const params = new URLSearchParams(window.location.search);
    const filters = { categories: CATEGORIES.slice() };
    for (const name of TEXT_FILTERS) filters[name] = params.get(name) || "";
    const wanted = params.getAll("category").join(",").toUpperCase().split(",").filter(Boolean);
    if (wanted.length) filters.categories = CATEGORIES.filter((c) => wanted.includes(c));
    return filters;
  }

  function filtersToURL(filters) {
    const params = filterParams(filters, true);
    const keep = new URLSearchParams(window.location.search).get("tiles");
    if (keep) params.set("tiles", keep);
    const query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function buildCategoryBoxes() {
    const grid = document.getElementById("f-categories");
    for (const category of CATEGORIES) {
      const label = el("label", "category-option", null, grid);
      const box = el("input", null, null, label);
      box.type = "checkbox";
      box.name = "category";
      box.value = category;
      box.checked = true;
      const swatch = el("span", "swatch", null, label);
      swatch.style.background = colorOf(category);
      el("span", "category-name", category.toLowerCase(), label);
    }
  }

  function setAllCategories(checked) {
    document.querySelectorAll("#f-categories input").forEach((box) => { box.checked = checked; });
    applyFilters();
  }

  function applyFilters() {
    state.filters = readForm();
    refresh();
  }

  let actorTimer = null;
  function suggestActors() {
    clearTimeout(actorTimer);
    const words = document.getElementById("f-actor").value.trim();
    if (words.length < 2) return;
    actorTimer = setTimeout(async () => {
      try {
        const answer = await getJSON("actors", new URLSearchParams({ q: words, limit: "15" }));
        const list = document.getElementById("f-actor-list");
        list.replaceChildren();
        for (const actor of answer.actors || []) {
          const option = el("option", null, null, list);
          option.value = actor.name;
          option.label = [actor.code, actor.sector, actor.events + " events"].filter(Boolean).join(" · ");
        }
      } catch (err) {
        console.warn("actor suggestions:", err);
      }
    }, 250);
  }

  // ---- map -----------------------------------------------------------------------------

  /** A Leaflet div icon whose element is coloured from data without any HTML string. */
  const PaintedIcon = L.DivIcon.extend({
    createIcon: function (old) {
      const div = L.DivIcon.prototype.createIcon.call(this, old);
      div.style.background = this.options.paint;
      if (this.options.label) div.textContent = this.options.label;
      if (this.options.category) div.dataset.category = this.options.category;
      if (this.options.eventId) div.classList.toggle("selected", this.options.eventId === state.selectedId);
      return div;
    },
  });

  function markerIcon(category, eventId) {
    return new PaintedIcon({
      className: state.newIds.has(eventId) ? "wm-marker wm-new" : "wm-marker", iconSize: [16, 16],
      paint: colorOf(category), category: category, eventId: eventId,
    });
  }

  /** A cluster is a pie of its events' categories with the count in the middle. */
  function clusterIcon(cluster) {
    const counts = {};
    for (const marker of cluster.getAllChildMarkers()) {
      counts[marker.options.category] = (counts[marker.options.category] || 0) + 1;
    }
    return pieIcon(counts, cluster.getChildCount());
  }

  function pieIcon(counts, total) {
    let from = 0;
    const stops = [];
    for (const category of CATEGORIES.concat(["?"])) {
      if (!counts[category]) continue;
      const to = from + (100 * counts[category]) / total;
      stops.push(colorOf(category) + " " + from.toFixed(2) + "% " + to.toFixed(2) + "%");
      from = to;
    }
    const size = total < 10 ? 30 : total < 100 ? 38 : total < 10000 ? 46 : 54;
    const label = total < 10000 ? String(total) : total < 1e6 ? Math.round(total / 1000) + "k" : (total / 1e6).toFixed(1) + "M";
    return new PaintedIcon({
      className: "wm-cluster", iconSize: [size, size], paint: "conic-gradient(" + stops.join(", ") + ")",
      label: label,
    });
  }

  function tileURL() {
    const url = new URLSearchParams(window.location.search).get("tiles") || window.WARMONITOR_TILES || "";
    return /^(https?:\/\/|\/)/i.test(url) ? url : "";
  }

  function createMap() {
    const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([30, 25], 3);
    map.createPane("borders").style.zIndex = 250;
    const tiles = tileURL();
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: "tiles: " + new URL(tiles, window.location.href).host }).addTo(map);
    }
    map.attributionControl.setPrefix("Leaflet · Natural Earth");
    loadBorders(map, Boolean(tiles));
    state.cluster = L.markerClusterGroup({
      maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon,
    });
    map.addLayer(state.cluster);
    state.grid = L.layerGroup().addTo(map);
    map.on("moveend", () => { if (state.gridMode) loadGrid(); });
    state.legend = L.control({ position: "bottomright" });
    state.legend.onAdd = () => L.DomUtil.create("div", "legend");
    state.legend.addTo(map);
    window.warmonitorMap = map;
    window.warmonitorMarkers = state.cluster;
    return map;
  }

  async function loadBorders(map, overTiles) {
    try {
      const topo = await getJSON("static/vendor/world-atlas/countries-110m.json");
      const countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        pane: "borders", interactive: false,
        style: { color: "#7d8590", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: overTiles ? 0 : 1 },
      }).addTo(map);
    } catch (err) {
      setStatus("Could not draw the country borders: " + err.message, true);
    }
  }

  function drawMarkers(events) {
    state.cluster.clearLayers();
    state.markers.clear();
    const layers = [];
    for (const event of events) {
      const place = event.event_loc;
      if (!place || place.lat === null || place.lon === null || place.lat === undefined) continue;
      const marker = L.marker([place.lat, place.lon], {
        icon: markerIcon(event.event, event.id), category: event.event, title: event.event + ": " + placeLabel(event),
      });
      marker.eventId = event.id;
      marker.on("click", () => selectEvent(event.id, { fromMap: true }));
      state.markers.set(event.id, marker);
      layers.push(marker);
    }
    state.cluster.addLayers(layers);
    if (!state.fitted && layers.length && !state.gridMode) {
      state.fitted = true;
      state.map.fitBounds(state.cluster.getBounds().pad(0.3), { maxZoom: 8 });
    }
    drawLegend(events);
  }

  function drawLegend(events) {
    const box = state.legend.getContainer();
    box.replaceChildren();
    const counts = {};
    for (const event of events) counts[event.event] = (counts[event.event] || 0) + 1;
    for (const category of CATEGORIES) {
      if (!counts[category]) continue;
      const row = el("div", "legend-row", null, box);
      el("span", "swatch", null, row).style.background = colorOf(category);
      el("span", null, category.toLowerCase() + " " + counts[category], row);
    }
    if (!box.childNodes.length) el("div", "legend-row", "no events", box);
  }

  /** More events than the page fetches: draw the server's grid counts (GET map/clusters)
   * for the view instead of markers, fetched again when the view moves. */
  async function loadGrid() {
    const ticket = ++state.gridRequest;
    const map = state.map;
    const bounds = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const params = filterParams(state.filters, true);
    params.set("zoom", String(Math.round(map.getZoom())));
    params.set("bbox", [clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90),
      clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(","));
    try {
      const answer = await getJSON("map/clusters", params);
      if (ticket !== state.gridRequest || !state.gridMode) return;
      state.grid.clearLayers();
      for (const cell of answer.clusters) {
        const marker = L.marker([cell.lat, cell.lon], { icon: pieIcon(cell.counts, cell.count), category: "" });
        marker.on("click", () => {
          if (cell.id) selectEvent(cell.id, { fromMap: true });
          else map.setView([cell.lat, cell.lon], Math.min(map.getZoom() + 2, 18));
        });
        state.grid.addLayer(marker);
      }
    } catch (err) {
      setStatus("Could not load the map clusters: " + err.message, true);
    }
  }

  function setGridMode(on) {
    state.gridMode = on;
    if (on) {
      state.map.removeLayer(state.cluster);
      loadGrid();
    } else {
      state.grid.clearLayers();
      if (!state.map.hasLayer(state.cluster)) state.map.addLayer(state.cluster);
    }
  }

  // ---- event list ----------------------------------------------------------------------

  function entityNames(entities) {
    return (entities || []).map((e) => e.name || e.entity_text).filter(Boolean).join(", ");
  }

  function placeLabel(event) {
    const place = event.event_loc;
    if (!place) return "place unknown";
    const name = place.name || place.place_text;
    return [name, place.admin1 !== name ? place.admin1 : null, place.country_code].filter(Boolean).join(", ");
  }

  function dateLabel(event) {
    if (!event.date) return "date unknown";
    const span = event.enddate && event.enddate !== event.date ? event.date + " – " + event.enddate : event.date;
    return event.date_precision && event.date_precision !== "day" ? span + " (" + event.date_precision + ")" : span;
  }

  function categoryBadge(category, parent) {
    const badge = el("span", "badge", (category || "?").toLowerCase(), parent);
    badge.style.background = colorOf(category);
    return badge;
  }

  function drawList(events) {
    const list = document.getElementById("event-list");
    list.replaceChildren();
    for (const event of events) {
      const item = el("li", state.newIds.has(event.id) ? "event-item new" : "event-item", null, list);
      item.dataset.id = event.id;
      const button = el("button", "event-button", null, item);
      button.type = "button";
      const head = el("span", "event-head", null, button);
      categoryBadge(event.event, head);
      if (state.newIds.has(event.id)) el("span", "new-badge", "new", head);
      el("span", "event-date", dateLabel(event), head);
      const who = entityNames(event.actor) || "unknown actor";
      const whom = entityNames(event.recipient);
      el("span", "event-actors", whom ? who + " → " + whom : who, button);
      el("span", "event-place", placeLabel(event), button);
      button.addEventListener("click", () => selectEvent(event.id, { fromList: true }));
    }
    const total = (state.totalEstimated ? "about " : "") + state.total;  // an estimate says so (total_estimated)
    const shown = events.length < state.total ? events.length + " of " + total : total;
    document.getElementById("event-count").textContent = "(" + shown + ")";
  }

  function markSelected(id) {
    state.selectedId = id;
    document.querySelectorAll(".event-item.selected, .wm-marker.selected").forEach((node) => {
      node.classList.remove("selected");
    });
    const item = document.querySelector('.event-item[data-id="' + CSS.escape(id) + '"]');
    if (item) item.classList.add("selected");
    const marker = state.markers.get(id);
    if (marker && marker.getElement()) marker.getElement().classList.add("selected");
    return item;
  }

  /** Centre the map on a marker, close enough to see the place, and open its cluster. */
  function showMarker(marker) {
    if (state.gridMode) {
      state.map.setView(marker.getLatLng(), Math.max(state.map.getZoom(), 12));
      return;
    }
    const open = () => {
      const parent = state.cluster.getVisibleParent(marker);
      if (parent && parent !== marker && parent.spiderfy) parent.spiderfy();
    };
    const zoom = Math.max(state.map.getZoom(), 6);
    if (zoom === state.map.getZoom()) {
      state.map.panTo(marker.getLatLng());
      open();
    } else {
      state.cluster.once("animationend", open);
      state.map.setView(marker.getLatLng(), zoom);
    }
  }

  // ---- selection and loading -----------------------------------------------------------

  async function selectEvent(id, how) {
    const item = markSelected(id);
    if (item && how.fromMap) item.scrollIntoView({ block: "nearest" });
    const marker = state.markers.get(id);
    if (marker && how.fromList) showMarker(marker);
    try {
      const record = await getJSON("events/" + encodeURIComponent(id));
      window.WarmonitorCard.show(record);
    } catch (err) {
      setStatus("Could not load the event: " + err.message, true);
    }
  }

  async function refresh() {
    const filters = state.filters;
    const ticket = ++state.request;
    filtersToURL(filters);
    window.WarmonitorTimeline.setRange(filters.start, filters.end);
    if (!filters.categories.length) {
      state.total = 0;
      state.totalEstimated = false;
      show([], ticket);
      window.WarmonitorTimeline.draw([], "day");
      setStatus("No category chosen: tick at least one.");
      return;
    }
    setStatus("Loading events…");
    const params = filterParams(filters, true);
    params.set("limit", String(EVENT_LIMIT));
    try {
      const [answer] = await Promise.all([getJSON("events", params), loadTimeline(filters, ticket)]);
      if (ticket !== state.request) return;
      state.total = answer.total;
      state.totalEstimated = Boolean(answer.total_estimated);
      setGridMode(answer.total > answer.events.length && !window.WarmonitorOffline);
      show(answer.events, ticket);
      const more = answer.total > answer.events.length ? " (narrow the filters to see them all)" : "";
      const about = state.totalEstimated ? "about " : "";
      setStatus("Showing " + answer.events.length + " of " + about + answer.total + " events" + more);
    } catch (err) {
      if (ticket === state.request) setStatus("Could not load events: " + err.message, true);
    }
  }

  /** The timeline shows the other filters over all dates; the chosen range is shaded. */
  async function loadTimeline(filters, ticket) {
    // Weeks first (a few thousand buckets however big the store), days where the span is short.
    const params = filterParams(filters, false);
    params.set("interval", "week");
    let answer = await getJSON("stats/timeline", params);
    const buckets = answer.buckets || [];
    const days = buckets.length > 1
      ? (Date.parse(buckets[buckets.length - 1].date) - Date.parse(buckets[0].date)) / 864e5 : 0;
    if (days <= 400) {
      params.set("interval", "day");
      answer = await getJSON("stats/timeline", params);
    }
    if (ticket === state.request) window.WarmonitorTimeline.draw(answer.buckets || [], answer.interval || "day");
  }

  function show(events, ticket) {
    if (ticket !== state.request) return;
    state.events = events;
    drawMarkers(events);
    drawList(events);
  }

  /** Events the live poll found (live.js): those not shown yet join the list and the map,
   * marked as new until the page is reloaded. */
  function addNewEvents(events) {
    const shown = new Set(state.events.map((event) => event.id));
    const fresh = events.filter((event) => !shown.has(event.id));
    if (!fresh.length) return;
    fresh.forEach((event) => state.newIds.add(event.id));
    state.total += fresh.length;
    show(fresh.concat(state.events).slice(0, EVENT_LIMIT), state.request);
    if (state.gridMode) loadGrid();
    setStatus(fresh.length + " new event" + (fresh.length === 1 ? "" : "s") + " · " + state.total + " in all");
  }

  function onBrush(start, end) {
    const form = document.getElementById("filters");
    form.elements.start.value = start || "";
    form.elements.end.value = end || "";
    applyFilters();
  }

  function init() {
    buildCategoryBoxes();
    state.map = createMap();
    window.WarmonitorTimeline.init(document.getElementById("timeline"), {
      colorOf: colorOf, categories: CATEGORIES, onBrush: onBrush,
    });
    window.WarmonitorCard.init({ colorOf: colorOf, el: el, dateLabel: dateLabel, categoryBadge: categoryBadge });
    const form = document.getElementById("filters");
    form.addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
    form.addEventListener("change", applyFilters);
    form.addEventListener("reset", () => setTimeout(() => {
      state.fitted = false;
      setAllCategories(true);
    }, 0));
    document.getElementById("f-cat-all").addEventListener("click", () => setAllCategories(true));
    document.getElementById("f-cat-none").addEventListener("click", () => setAllCategories(false));
    document.getElementById("f-actor").addEventListener("input", suggestActors);
    state.filters = filtersFromURL();
    writeForm(state.filters);
    refresh();
    if (window.WarmonitorLive && !window.WarmonitorOffline) {
      window.WarmonitorLive.start({ params: () => filterParams(state.filters, true), addEvents: addNewEvents });
    }
  }

  document.addEventListener("DOMContentLoaded", init);
})();
