/* graphapp history: how an actor's network grew, for its details panel. Its projects running each
 * year and the partners it gained each year (the actors it first worked with then), as two small bar
 * charts and a table, from GET /api/nodes/{id}/history. Self-contained: explorer.js asks for
 * window.graphappHistory.section(...) and appends what it gets. Every text from data goes in with
 * textContent, never innerHTML. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var ACTORS = ["municipality", "agency", "organization"];
  var WIDTH = 280, CHART = 46, LABEL = 14;
  var SERIES = [
    { key: "projects", word: "history_running", fill: "#E69F00", stroke: "#7a5500" },
    { key: "partners_gained", word: "history_gained", fill: "#56B4E9", stroke: "#1d5f86" }
  ];

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  /* One small chart per series: a bar per year, its count above it, the years below. */
  function chart(history, words) {
    var t = words.t, years = history.years;
    var step = Math.min(28, (WIDTH - 4) / Math.max(years.length, 1));
    var block = CHART + 30;  // the series' name, room for the counts above the bars, the bars
    var height = SERIES.length * block + LABEL;
    var root = svg("svg", {
      class: "history-chart", width: WIDTH, height: height, viewBox: "0 0 " + WIDTH + " " + height,
      "font-family": "system-ui, sans-serif", "font-size": 10, role: "img", "aria-labelledby": "history-chart-title"
    });
    root.appendChild(svg("title", { id: "history-chart-title" }, t("history_chart") + ": " + history.actor.name));
    SERIES.forEach(function (series, index) {
      var top = index * block, base = top + block - 4;
      var counts = years.map(function (row) { return row[series.key].length; });
      var most = Math.max.apply(null, counts.concat([1]));
      root.appendChild(svg("text", { x: 0, y: top + 10, fill: "#1a1a1a", "font-weight": 600 }, t(series.word)));
      counts.forEach(function (n, i) {
        var h = Math.round(CHART * n / most);
        var x = 2 + i * step;
        if (!n) { return; }
        var bar = svg("rect", {
          x: x + 1, y: base - h, width: Math.max(step - 2, 1), height: h, fill: series.fill, stroke: series.stroke,
          class: "history-bar", "data-series": series.key, "data-year": years[i].year, "data-count": n
        });
        bar.appendChild(svg("title", {}, years[i].year + ": " + n));
        root.appendChild(bar);
        if (step >= 12) { root.appendChild(svg("text", { x: x + step / 2, y: base - h - 2, "text-anchor": "middle", fill: "#1a1a1a" }, n)); }
      });
      root.appendChild(svg("line", { x1: 0, x2: WIDTH, y1: base + 0.5, y2: base + 0.5, stroke: "#6b6b6b" }));
    });
    var every = Math.ceil(years.length / Math.max(1, Math.floor(WIDTH / 30)));
    years.forEach(function (row, i) {
      if (i % every) { return; }
      root.appendChild(svg("text", { x: 2 + i * step + step / 2, y: height - 2, "text-anchor": "middle", fill: "#1a1a1a" }, row.year));
    });
    return root;
  }

  /* The same numbers as a table (the chart's accessible twin), then who and what came each year. */
  function table(history, words) {
    var t = words.t, names = history.names;
    var grid = el("table", null, "history-table");
    grid.appendChild(el("caption", t("history") + ": " + history.actor.name));
    var head = el("tr");
    [t("history_year"), t("history_running"), t("history_gained")].forEach(function (word) {
      var cell = el("th", word);
      cell.scope = "col";
      head.appendChild(cell);
    });
    grid.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    var detail = el("dl", null, "history-years");
    history.years.forEach(function (row) {
      var line = el("tr");
      var year = el("th", row.year);
      year.scope = "row";
      line.appendChild(year);
      line.appendChild(el("td", row.projects.length));
      line.appendChild(el("td", row.partners_gained.length));
      body.appendChild(line);
      if (!row.started.length && !row.partners_gained.length) { return; }
      detail.appendChild(el("dt", row.year));
      var said = [];
      if (row.started.length) { said.push(t("history_started") + ": " + row.started.map(function (id) { return names[id] || id; }).join(", ")); }
      if (row.partners_gained.length) { said.push(t("history_gained") + ": " + row.partners_gained.map(function (id) { return names[id] || id; }).join(", ")); }
      detail.appendChild(el("dd", said.join(". ")));
    });
    grid.appendChild(body);
    var box = el("div");
    box.appendChild(grid);
    box.appendChild(detail);
    return box;
  }

  function render(section, history, words, links) {
    var t = words.t;
    section.replaceChildren(el("h4", t("history")));
    if (!history.years.length) {
      section.appendChild(el("p", t("history_none"), "muted"));
    } else {
      section.appendChild(chart(history, words));
      section.appendChild(table(history, words));
    }
    var notes = [t("history_partners", { n: history.partners })];
    if (history.undated.length) { notes.push(t("history_undated", { n: history.undated.length })); }
    section.appendChild(el("p", notes.join(" "), "muted"));
    if (links && links.timeline) {
      var link = el("a", t("history_timeline"));
      link.href = links.timeline.replace("{id}", encodeURIComponent(history.actor.id));
      section.appendChild(el("p")).appendChild(link);
    }
    section.setAttribute("data-state", "shown");
  }

  /* The history section of an actor's details (an empty fragment for other kinds or without an API). */
  function section(node, api, links, words) {
    if (!api || !api.history || ACTORS.indexOf(node.kind) < 0) { return document.createDocumentFragment(); }
    var box = el("section", null, "history");
    box.setAttribute("aria-live", "polite");
    box.appendChild(el("p", words.t("loading"), "muted"));
    fetched(api, node.id).then(function (history) { render(box, history, words, links); }).catch(function (error) {
      box.replaceChildren(el("p", words.t("error") + ": " + error.message, "muted"));
    });
    return box;
  }
  var asked = new Map();  // id -> the promise of its history: the details panel is drawn again and again
  function fetched(api, id) {
    if (!asked.has(id)) {
      var url = api.history.replace("{id}", id.split("/").map(encodeURIComponent).join("/"));
      asked.set(id, window.graphappKit.getJSON(url).catch(function (error) { asked.delete(id); throw error; }));
    }
    return asked.get(id);
  }

  window.graphappHistory = { section: section };
})();
