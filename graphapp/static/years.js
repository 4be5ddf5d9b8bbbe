/* graphapp years: the network as it stood in a year, on the pages of the network views.
 *
 * The server lays a view out once, whole, and gives each node the spans of years it is shown in (`years`:
 * [[first, last], ...], last null for no end; null: every year) and the year it is new in (`since`); the rule is
 * graphapp/views/years.py's, and shown() below is its test of a year. A year shows the nodes whose spans include
 * it and the lines between them, each where the whole view put it, so nothing moves from one year to the next;
 * what is new that year has a ring, and its name is placed before the others'. Hidden nodes are vis-network's
 * own `hidden` nodes: the label layer and the line layer leave them out.
 *
 * The control: a slider over the years the view covers, a play button that steps through them once a second
 * and stops at the last, and "all years". The year is kept in the URL (year=), in the language link, the filter
 * form and the URLs of the tables, so a link shows the same picture. Exposes window.graphappYears. */
(function () {
  "use strict";

  var STEP_MS = 1000;
  var RING = window.graphappKit.ringColor;  // the pictures (kit.js) draw the same ring

  function includes(span, year) {
    return span[0] !== null && span[0] <= year && (span[1] === null || span[1] >= year);
  }
  function ringRadius(node, scale) { return (node.options.size || 10) * 1.15 * scale + 3; }
  /* Whether spans of years include `year` (null: every year). A node without spans (null, or added later by
   * expanding or a path) is shown in every year. */
  function shown(spans, year) {
    if (year === null || spans === null || spans === undefined) { return true; }
    for (var i = 0; i < spans.length; i++) { if (includes(spans[i], year)) { return true; } }
    return false;
  }
  /* How many of `spans` include `year` (a derived line's projects running then). */
  function running(spans, year) {
    return spans.filter(function (span) { return includes(span, year); }).length;
  }
  /* `url` (a path and query, perhaps with {slots}) with year=`year`, or with none when `year` is null. */
  function withYear(url, year) {
    var parts = url.split("#")[0].split("?");
    var pairs = (parts[1] || "").split("&").filter(function (pair) { return pair && pair.indexOf("year=") !== 0; });
    if (year !== null) { pairs.push("year=" + year); }
    return parts[0] + (pairs.length ? "?" + pairs.join("&") : "");
  }

  /* The years of a drawn network. options: items (the payload's nodes, in the order of the line layer), rels
   * (its relationships), nodes and edges (vis DataSets, made with the hidden flags of `year`), lines (the line
   * layer, or null), year (the year drawn first, or null), width(weight) (a derived line's width), changed(layer)
   * (after each change, before it is drawn). */
  function layer(network, options) {
    var items = options.items;
    var hidden = new Uint8Array(items.length);
    var derived = options.rels.filter(function (rel) { return rel.years; });
    var pinned = new Set();  // nodes a path went through: shown in every year from then on
    var self = { year: options.year, marked: new Set(), hidden: hidden };
    items.forEach(function (node, i) { hidden[i] = shown(node.years, self.year) ? 0 : 1; });
    if (options.lines) { options.lines.hidden = hidden; }

    function apply() {
      var year = self.year, changes = [], marked = new Set();
      for (var i = 0; i < items.length; i++) {
        var node = items[i];
        var hide = pinned.has(node.id) || shown(node.years, year) ? 0 : 1;
        if (hide !== hidden[i]) { hidden[i] = hide; changes.push({ id: node.id, hidden: hide === 1 }); }
        if (!hide && year !== null && node.since === year) { marked.add(node.id); }
      }
      self.marked = marked;
      hideNodes(changes);
      if (options.edges && derived.length) {
        var lines = derived.map(function (rel) {
          var count = year === null ? rel.properties.weight : running(rel.years, year);
          return { id: rel.start + "|" + rel.type + "|" + rel.end, hidden: count === 0, width: options.width(count) };
        }).filter(function (item) { return options.edges.get(item.id); });
        if (lines.length) { options.edges.update(lines); }
      }
      options.changed(self);
      network.once("afterDrawing", function () {
        document.body.setAttribute("data-year", year === null ? "all" : String(year));
        if (window.graphappMarks) { window.graphappMarks.yearDrawn = performance.now(); }
      });
      network.redraw();
    }
    /* Hide and show nodes. A year changes only `hidden`, of hundreds of nodes: set it on vis-network's own nodes
     * and have it count the visible ones again, as its DataSet's update() ends with. update() would first parse
     * every changed node's options again and redraw it in full: 100 ms a year on 2 000 nodes, against 20-40 ms
     * (benchmarks/bench_years.py). The DataSet keeps each item's first `hidden`: isShown() says what is shown. */
    function hideNodes(changes) {
      if (!changes.length) { return; }
      var bodies = network.body.nodes;
      changes.forEach(function (change) { if (bodies[change.id]) { bodies[change.id].options.hidden = change.hidden; } });
      network._updateVisibleIndices();
    }
    /* Show `year` (null: all years). */
    self.set = function (year) {
      if (window.graphappMarks) { window.graphappMarks.yearAsked = performance.now(); }
      self.year = year;
      apply();
    };
    /* The radius in CSS pixels of the ring around node `id` (a vis node) at `scale`, its stroke included; 0
     * when it has none (for the label layer). */
    self.ring = function (id, node, scale) { return self.marked.has(id) ? ringRadius(node, scale) + 2 : 0; };
    self.isShown = function (id) {
      var node = network.body.nodes[id];
      return !node || !node.options.hidden;
    };
    self.relShown = function (rel) {
      if (!self.isShown(rel.start) || !self.isShown(rel.end)) { return false; }
      return !rel.years || self.year === null || running(rel.years, self.year) > 0;
    };
    self.pin = function (ids) {
      ids.forEach(function (id) { pinned.add(id); });
      apply();
    };
    // the ring of what is new: under the nodes, over the lines
    network.on("beforeDrawing", function (ctx) {
      if (!self.marked.size) { return; }
      var scale = network.getScale(), bodies = network.body.nodes;
      ctx.save();
      self.marked.forEach(function (id) {
        var node = bodies[id];
        if (!node || node.options.hidden) { return; }
        var r = ringRadius(node, scale) / scale;
        ctx.beginPath();
        ctx.arc(node.x, node.y, r, 0, 2 * Math.PI);
        ctx.lineWidth = 4 / scale;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
        ctx.lineWidth = 2 / scale;
        ctx.strokeStyle = RING;
        ctx.stroke();
      });
      ctx.restore();
    });
    apply();
    return self;
  }

  /* The control (#year-slider, #year-play, #year-all, #year-value) driving `years` (a layer): words from
   * `words`, the years from `first` to `last`. */
  function control(years, first, last, words) {
    var slider = document.getElementById("year-slider");
    var play = document.getElementById("year-play");
    var all = document.getElementById("year-all");
    var value = document.getElementById("year-value");
    if (!slider) { return null; }
    var timer = null;
    function show(year) {
      var text = year === null ? words.t("year_all") : String(year);
      if (year !== null) { slider.value = String(year); }
      slider.setAttribute("aria-valuetext", text);
      slider.classList.toggle("all-years", year === null);
      value.textContent = text;
      all.setAttribute("aria-pressed", year === null ? "true" : "false");
    }
    function go(year) {
      show(year);
      years.set(year);
    }
    function stop() {
      clearTimeout(timer);
      timer = null;
      play.textContent = words.t("year_play");
      play.setAttribute("aria-pressed", "false");
      document.body.removeAttribute("data-playing");
    }
    function step() {
      if (years.year === null || years.year >= last) { stop(); return; }
      go(years.year + 1);
      timer = setTimeout(step, STEP_MS);
    }
    play.addEventListener("click", function () {
      if (timer !== null) { stop(); return; }
      play.textContent = words.t("year_pause");
      play.setAttribute("aria-pressed", "true");
      document.body.setAttribute("data-playing", "true");
      if (years.year === null || years.year >= last) { go(first); }
      timer = setTimeout(step, STEP_MS);
    });
    slider.addEventListener("input", function () { stop(); go(Number(slider.value)); });
    all.addEventListener("click", function () { stop(); go(null); });
    show(years.year);
    return { go: go, stop: stop };
  }

  window.graphappYears = { shown: shown, running: running, withYear: withYear, layer: layer, control: control };
})();
