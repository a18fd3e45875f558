/* warmonitor timeline: an SVG histogram of events per day (or week), stacked by category.
 *
 * Dragging across it (or clicking one bar) chooses a date range and calls onBrush(start, end)
 * with ISO dates; app.js then refetches the events. Built with createElementNS only.
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const HEIGHT = 110;
  const PAD = { left: 34, right: 10, top: 10, bottom: 20 };
  const DAY_MS = 864e5;
  const timeline = { svg: null, options: null, buckets: [], interval: "day", start: "", end: "", drag: null };

  function svgEl(tag, attrs, parent) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const name of Object.keys(attrs)) node.setAttribute(name, String(attrs[name]));
    if (parent) parent.appendChild(node);
    return node;
  }

  function dayNumber(iso) {
    return Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS);
  }

  function isoDate(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /** The drawing's geometry: the first day, the day after the last bucket, and the x scale. */
  function geometry() {
    const step = timeline.interval === "week" ? 7 : 1;
    const first = dayNumber(timeline.buckets[0].date);
    const after = dayNumber(timeline.buckets[timeline.buckets.length - 1].date) + step;
    const width = Math.max(timeline.svg.clientWidth, 200) - PAD.left - PAD.right;
    const x = (day) => PAD.left + ((day - first) / (after - first)) * width;
    const dayAt = (px) => first + ((px - PAD.left) / width) * (after - first);
    return { step, first, after, width, x, dayAt };
  }

  function render() {
    const svg = timeline.svg;
    svg.replaceChildren();
    svg.setAttribute("height", String(HEIGHT));
    if (!timeline.buckets.length) {
      svgEl("text", { x: PAD.left, y: HEIGHT / 2, class: "axis-label" }, svg).textContent = "no dated events";
      return;
    }
    const geo = geometry();
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const most = Math.max(1, ...timeline.buckets.map((b) => b.total));
    const y = (count) => (count / most) * plotHeight;
    drawRange(svg, geo);
    const bars = svgEl("g", { class: "bars" }, svg);
    for (const bucket of timeline.buckets) {
      const day = dayNumber(bucket.date);
      const left = geo.x(day);
      const barWidth = Math.max(1, geo.x(day + geo.step) - left - 1);
      const group = svgEl("g", { class: "bar", "data-date": bucket.date }, bars);
      svgEl("title", {}, group).textContent = bucket.date + ": " + bucket.total + " events";
      let top = HEIGHT - PAD.bottom;
      let counted = 0;
      const counts = Object.assign({}, bucket.counts);
      for (const category of timeline.options.categories.concat(Object.keys(counts))) {
        const count = counts[category];
        if (!count || counted >= bucket.total) continue;
        counted += count;
        top -= y(count);
        const fill = timeline.options.colorOf(category);
        svgEl("rect", { x: left, y: top, width: barWidth, height: y(count), fill: fill }, group);
        counts[category] = 0;
      }
      if (bucket.total > counted) {
        const rest = y(bucket.total - counted);
        svgEl("rect", { x: left, y: top - rest, width: barWidth, height: rest, fill: "#999" }, group);
      }
    }
    drawAxis(svg, geo, most);
  }

  function drawRange(svg, geo) {
    if (!timeline.start && !timeline.end) return;
    const right = PAD.left + geo.width;
    const from = timeline.start ? Math.max(geo.x(dayNumber(timeline.start)), PAD.left) : PAD.left;
    const to = timeline.end ? Math.min(geo.x(dayNumber(timeline.end) + 1), right) : right;
    if (to > from) {
      svgEl("rect", { class: "brush-range", x: from, y: 0, width: to - from, height: HEIGHT - PAD.bottom }, svg);
    }
  }

  function drawAxis(svg, geo, most) {
    const base = HEIGHT - PAD.bottom;
    svgEl("line", { class: "axis", x1: PAD.left, x2: PAD.left + geo.width, y1: base, y2: base }, svg);
    const top = svgEl("text", { class: "axis-label", x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end" }, svg);
    top.textContent = String(most);
    // Label the first and last bucket, and others wherever there is room between labels.
    const buckets = timeline.buckets;
    const right = geo.x(dayNumber(buckets[buckets.length - 1].date) + geo.step);
    let lastEnd = -Infinity;
    buckets.forEach((bucket, index) => {
      const isLast = index === buckets.length - 1;
      const at = isLast ? right : geo.x(dayNumber(bucket.date));
      const anchor = index === 0 ? "start" : isLast ? "end" : "middle";
      const from = anchor === "start" ? at : anchor === "end" ? at - 64 : at - 32;
      if (from < lastEnd + 8 || (!isLast && from + 64 > right - 72)) return;
      const label = svgEl("text", { class: "axis-label", x: at, y: HEIGHT - 5, "text-anchor": anchor }, svg);
      label.textContent = bucket.date;
      lastEnd = from + 64;
    });
  }

  function pointerX(e) {
    return e.clientX - timeline.svg.getBoundingClientRect().left;
  }

  /** The bucket-aligned range [start, end] (ISO dates, inclusive) between two x positions. */
  function rangeBetween(x0, x1) {
    const geo = geometry();
    const snap = (px) => {
      const day = Math.min(Math.max(Math.floor(geo.dayAt(px)), geo.first), geo.after - 1);
      return geo.first + Math.floor((day - geo.first) / geo.step) * geo.step;
    };
    const start = snap(Math.min(x0, x1));
    const end = snap(Math.max(x0, x1)) + geo.step - 1;
    return [isoDate(start), isoDate(end)];
  }

  function onPointerDown(e) {
    if (!timeline.buckets.length || e.button !== 0) return;
    timeline.drag = { x0: pointerX(e), box: null };
    timeline.svg.setPointerCapture(e.pointerId);
  }

  function onPointerMove(e) {
    const drag = timeline.drag;
    if (!drag) return;
    const x = pointerX(e);
    if (!drag.box) drag.box = svgEl("rect", { class: "brush-live", y: 0, height: HEIGHT - PAD.bottom }, timeline.svg);
    drag.box.setAttribute("x", String(Math.min(drag.x0, x)));
    drag.box.setAttribute("width", String(Math.abs(x - drag.x0)));
  }

  function onPointerUp(e) {
    const drag = timeline.drag;
    if (!drag) return;
    timeline.drag = null;
    const [start, end] = rangeBetween(drag.x0, pointerX(e));
    timeline.options.onBrush(start, end);
  }

  function setRange(start, end) {
    timeline.start = start || "";
    timeline.end = end || "";
    const label = document.getElementById("timeline-range");
    const clear = document.getElementById("timeline-clear");
    const chosen = (start || "…") + " – " + (end || "…");
    label.textContent = start || end ? chosen : "drag across the bars to choose dates";
    clear.hidden = !(start || end);
    if (timeline.buckets.length) render();
  }

  function draw(buckets, interval) {
    timeline.buckets = buckets.filter((b) => b.date);
    timeline.interval = interval;
    render();
  }

  function init(svg, options) {
    timeline.svg = svg;
    timeline.options = options;
    svg.addEventListener("pointerdown", onPointerDown);
    svg.addEventListener("pointermove", onPointerMove);
    svg.addEventListener("pointerup", onPointerUp);
    document.getElementById("timeline-clear").addEventListener("click", () => options.onBrush("", ""));
    window.addEventListener("resize", render);
  }

  window.WarmonitorTimeline = { init: init, draw: draw, setRange: setRange };
})();
