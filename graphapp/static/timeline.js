/* graphapp timeline: projects as bars over the years, in rows, coloured by fund, with arrows for
 * BUILDS_ON and COLLABORATES_WITH in their true direction (from the project that builds on, or
 * works with, to the other). Undated projects are listed apart, in a band of their own, never
 * placed at a guessed year. Drawn as SVG built element by element: every text from data goes in
 * with textContent, never innerHTML. Uses window.graphappKit (kit.js). */
(function () {
  "use strict";

  var marks = window.graphappMarks = { script: performance.now() };
  var config = JSON.parse(document.getElementById("page-config").textContent);
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.locale);
  var t = words.t;
  var el = kit.el;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var LABEL_W = 180, LANE = 22, BAR = 16, GAP = 10, AXIS = 30, PAD = 10, DAY_MS = 86400000;

  var names = data.names || {};
  var colours = {};
  data.funds.forEach(function (fund) { colours[fund.id || ""] = fund.colour; });
  var byId = new Map();
  data.projects.concat(data.undated).forEach(function (p) { byId.set(p.id, p); });
  var incoming = new Map();
  data.links.forEach(function (link) {
    if (!incoming.has(link.end)) { incoming.set(link.end, []); }
    incoming.get(link.end).push(link);
  });

  function node(tag, attrs, text) {
    var item = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { item.setAttribute(key, String(attrs[key])); });
    if (text !== undefined && text !== null) { item.textContent = String(text); }
    return item;
  }
  function round(x) { return Math.round(x * 10) / 10; }
  function colour(project) { return colours[project.fund || ""] || "#8c8c8c"; }
  function periodText(project) { return project.start ? words.period(project.start, project.end) : t("undated"); }
  function rowLabel(key, others) {
    if (others) { return t("timeline_others", { n: others }); }
    if (key === null || key === undefined) {
      return t({ owner: "no_owner", fund: "no_fund", county: "no_row_county" }[data.group]);
    }
    return names[data.group === "county" ? "county:" + key : key] || key;
  }

  // -- measuring text, the scale of years --
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "12px " + FONT;
  function textWidth(text) { return measure.measureText(text).width; }
  function fitted(text, width) {
    if (textWidth(text) <= width) { return text; }
    var cut = text;
    while (cut.length > 1 && textWidth(cut + "…") > width) { cut = cut.slice(0, -1); }
    return cut + "…";
  }
  var box = document.getElementById("timeline");
  var years = data.years;
  var first = years ? years[0] : 0, last = years ? years[1] : 0;
  var span = last - first + 1;
  var perYear = Math.max(44, Math.floor((Math.max(box.clientWidth, 600) - LABEL_W - 2 * PAD - 2) / Math.max(span, 1)));
  var width = LABEL_W + span * perYear + 2 * PAD;
  var origin = Date.UTC(first, 0, 1);
  function x(iso, after) {  // the left edge of a day, or its right edge (after)
    var parts = iso.split("-");
    var when = Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) + (after ? DAY_MS : 0);
    return LABEL_W + ((when - origin) / (365.2425 * DAY_MS)) * perYear;
  }
  var axisEnd = LABEL_W + span * perYear;

  // -- placing bars: each row packs its projects into lanes, so that no bar or name covers another --
  var placed = new Map();  // project id -> {x0, x1, y, row}
  function pack(projects, top) {
    var lanes = [];
    projects.forEach(function (project) {
      var x0 = x(project.first_day), x1 = project.last_day ? x(project.last_day, true) : axisEnd;
      x1 = Math.max(x1, x0 + 3);
      var reach = Math.max(x1, x0 + 6 + textWidth(project.name) + 8);
      var lane = 0;
      while (lane < lanes.length && lanes[lane] > x0 - 4) { lane += 1; }
      lanes[lane] = reach;
      placed.set(project.id, { x0: x0, x1: x1, y: top + lane * LANE, lane: lane, open: !project.last_day });
    });
    return Math.max(lanes.length, 1);
  }

  // -- drawing --
  var root = node("svg", {
    xmlns: SVG_NS, width: width, "font-family": FONT, "font-size": 12, role: "presentation", class: "timeline-svg"
  });
  var defs = node("defs");
  Object.keys(config.edgeStyles).forEach(function (type) {
    var marker = node("marker", {  // in user units: a wider (selected) line keeps the same head
      id: "arrow-" + type, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 10, markerHeight: 10,
      markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"
    });
    marker.appendChild(node("path", { d: "M0,0 L10,5 L0,10 z", fill: config.edgeStyles[type].color }));
    defs.appendChild(marker);
  });
  root.appendChild(defs);
  var grid = node("g", { class: "grid" });
  var rowsLayer = node("g", { class: "rows" });
  var linkLayer = node("g", { class: "links", fill: "none" });
  var barLayer = node("g", { class: "bars" });
  var labelLayer = node("g", { class: "labels" });
  root.appendChild(grid);
  root.appendChild(rowsLayer);

  var y = AXIS;
  var maxCount = 1;
  if (data.summarised) {
    data.rows.forEach(function (row) {  // the merged row of the rest would pale every other
      if (!row.rows) { row.counts.forEach(function (n) { maxCount = Math.max(maxCount, n); }); }
    });
  }
  data.rows.forEach(function (row, index) {
    var top = y + GAP / 2;
    var lanes = data.summarised ? 1 : pack(row.projects.map(function (id) { return byId.get(id); }), top);
    var height = lanes * LANE + GAP;
    if (index % 2) { rowsLayer.appendChild(node("rect", { x: 0, y: y, width: width, height: height, fill: "#f3f4f6" })); }
    var label = rowLabel(row.key, row.rows);
    var text = node("text", { x: PAD, y: y + GAP / 2 + BAR - 3, fill: "#1a1a1a", class: "row-label" }, fitted(label, LABEL_W - PAD - 8));
    text.appendChild(node("title", {}, label));
    rowsLayer.appendChild(text);
    if (data.summarised) { drawCounts(row, top); }
    y += height;
  });
  var rowsBottom = y;

  function drawCounts(row, top) {
    var cells = node("g", { class: "counts", "data-row": row.key === null ? "" : row.key });
    row.counts.forEach(function (n, i) {
      if (!n) { return; }
      var cx = LABEL_W + i * perYear + 1;
      cells.appendChild(node("rect", {
        x: round(cx), y: top, width: perYear - 2, height: BAR, rx: 2, fill: "#0b57a4",
        "fill-opacity": round(0.1 + 0.8 * Math.min(1, n / maxCount))
      }));
      var cell = node("text", { x: round(cx + perYear / 2 - 1), y: top + BAR - 4, "text-anchor": "middle",
        fill: n / maxCount > 0.55 ? "#ffffff" : "#1a1a1a" }, words.number(n));
      cell.appendChild(node("title", {}, rowLabel(row.key, row.rows) + ", " + (first + i) + ": " + words.number(n)));
      cells.appendChild(cell);
    });
    barLayer.appendChild(cells);
  }

  function drawBar(project, spot, undated) {
    var hue = colour(project);
    // an end known only to the year (a month is a few pixels at this scale) or no end: a dashed outline
    var precise = (!project.start || project.start.length > 4) && (!project.end || project.end.length > 4);
    var group = node("g", {
      class: "bar" + (undated ? " undated" : "") + (spot.open ? " open" : ""), "data-id": project.id, tabindex: 0,
      role: "button", "aria-label": project.name + ", " + periodText(project)
    });
    var rect = { x: round(spot.x0), y: spot.y, width: round(spot.x1 - spot.x0), height: BAR, rx: 3, fill: hue,
      "fill-opacity": 0.35, stroke: hue, "stroke-width": 1.5 };
    if (!precise || spot.open) { rect["stroke-dasharray"] = "4 2"; }
    group.appendChild(node("rect", rect));
    group.appendChild(node("text", {
      x: round(spot.x0 + 5), y: spot.y + BAR - 4, fill: "#111111", stroke: "#ffffff", "stroke-width": 3,
      "stroke-opacity": 0.8, "paint-order": "stroke"
    }, project.name));
    group.appendChild(node("title", {}, project.name + "\n" + periodText(project)));
    barLayer.appendChild(group);
  }

  if (!data.summarised) {
    data.projects.forEach(function (project) { drawBar(project, placed.get(project.id), false); });
  }

  // the undated band: chips in rows, apart from the time axis
  if (data.undated.length) {
    y += 8;
    root.appendChild(node("line", { x1: 0, x2: width, y1: y, y2: y, stroke: "#6b6b6b", "stroke-width": 1 }));
    var halo = { stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" };  // above the arrows that pass
    labelLayer.appendChild(node("text", Object.assign({ x: PAD, y: y + 18, fill: "#1a1a1a", "font-weight": 600, class: "undated-heading" }, halo), t("undated")));
    labelLayer.appendChild(node("text", Object.assign({ x: PAD, y: y + 34, fill: "#575757", "font-size": 11 }, halo), t("undated_help")));
    var cx = PAD, cy = y + 44, wrap = Math.min(width, Math.max(box.clientWidth, 600)) - PAD;
    data.undated.forEach(function (project) {
      var w = Math.min(textWidth(project.name) + 12, wrap - PAD);
      if (cx + w > wrap) { cx = PAD; cy += LANE; }
      placed.set(project.id, { x0: cx, x1: cx + w, y: cy, undated: true });
      drawBar(project, placed.get(project.id), true);
      cx += w + 8;
    });
    y = cy + LANE + GAP;
  }

  // lineage: from the project that builds on (or works with) to the other, arrowhead at the other
  data.links.forEach(function (link) {
    var a = placed.get(link.start), b = placed.get(link.end);
    if (!a || !b) { return; }
    var style = config.edgeStyles[link.type] || { color: "#555555", dashes: false };
    var sx = a.x0, sy = a.y + BAR / 2, ex, ey, bend;
    if (b.undated) {
      ex = (b.x0 + b.x1) / 2; ey = b.y;
      bend = "C" + round(sx - 40) + "," + round(sy) + " " + round(ex) + "," + round(ey - 60) + " " + round(ex) + "," + round(ey);
    } else {
      ex = b.x1 <= a.x0 ? b.x1 : b.x0; ey = b.y + BAR / 2;
      var out = b.x1 <= a.x0 ? 1 : -1;
      bend = "C" + round(sx - 30) + "," + round(sy) + " " + round(ex + out * 30) + "," + round(ey) + " " + round(ex) + "," + round(ey);
    }
    var path = node("path", {
      d: "M" + round(sx) + "," + round(sy) + " " + bend, stroke: style.color, "stroke-width": 1.6,
      "marker-end": "url(#arrow-" + link.type + ")", class: "link", "data-start": link.start, "data-end": link.end,
      "data-type": link.type
    });
    if (style.dashes) { path.setAttribute("stroke-dasharray", "6 4"); }
    path.appendChild(node("title", {}, (byId.get(link.start) || {}).name + " " + words.relName(link.type) + " " + (byId.get(link.end) || {}).name));
    linkLayer.appendChild(path);
  });

  // the axis: a line and a label per year, across the rows
  if (years) {
    for (var year = first; year <= last + 1; year += 1) {
      var gx = round(LABEL_W + (year - first) * perYear);
      grid.appendChild(node("line", { x1: gx, x2: gx, y1: AXIS - 6, y2: rowsBottom, stroke: "#d0d0d0", "stroke-width": 1 }));
      if (year <= last) {
        grid.appendChild(node("text", { x: round(gx + perYear / 2), y: AXIS - 10, "text-anchor": "middle", fill: "#1a1a1a" }, year));
      }
    }
  }
  root.appendChild(linkLayer);  // under the bars and labels: a name is never covered by an arrow's line
  root.appendChild(barLayer);
  root.appendChild(labelLayer);
  var height = Math.max(y, AXIS + LANE) + PAD;
  root.setAttribute("height", height);
  root.setAttribute("viewBox", "0 0 " + width + " " + height);
  box.replaceChildren(root);
  marks.drawn = performance.now();

  // -- details: a click (or Enter) on a bar, or a project's name in the tables --
  var selected = null;
  function linkItem(text, id) {
    var item = el("li");
    item.appendChild(el("span", text + " "));
    var target = byId.get(id);
    if (target) {
      var button = el("button", target.name, "link");
      button.type = "button";
      button.setAttribute("data-project", id);
      item.appendChild(button);
    } else {
      item.appendChild(el("span", names[id] || id));
    }
    return item;
  }
  function showDetails(id) {
    var project = byId.get(id);
    var panel = document.getElementById("details-body");
    if (!project || !panel) { return; }
    panel.replaceChildren();
    panel.appendChild(el("h3", project.name));
    panel.appendChild(el("p", periodText(project), "period"));
    var list = el("dl", null, "props");
    var facts = [[t("col_owner"), project.owners.map(function (o) { return names[o] || o; }).join(", ") || t("no_owner")],
      [t("fund"), project.fund ? names[project.fund] || project.fund : t("no_fund")]];
    if (data.group === "county") { facts.push([t("county"), rowLabel(project.row)]); }
    facts.forEach(function (pair) { list.appendChild(el("dt", pair[0])); list.appendChild(el("dd", pair[1])); });
    panel.appendChild(list);
    var lineage = el("ul", null, "rels lineage");
    project.links.forEach(function (link) {
      lineage.appendChild(linkItem(link.type === "BUILDS_ON" ? t("lineage_builds_on") : t("lineage_collaborates"), link.end));
    });
    (incoming.get(id) || []).forEach(function (link) {
      lineage.appendChild(linkItem(link.type === "BUILDS_ON" ? t("lineage_built_on_by") : t("lineage_collaborated_by"), link.start));
    });
    if (lineage.childNodes.length) { panel.appendChild(lineage); }
    if (config.links) {
      var open = el("a", t("open_project_network"));
      open.href = config.links.project.replace("{id}", encodeURIComponent(id));
      var actions = el("p", null, "actions");
      actions.appendChild(open);
      panel.appendChild(actions);
    }
    document.body.setAttribute("data-selected", id);
  }
  function select(id, focus) {
    if (selected) { selected.classList.remove("selected"); }
    linkLayer.querySelectorAll(".link.touching").forEach(function (path) { path.classList.remove("touching"); });
    selected = barLayer.querySelector("[data-id=\"" + CSS.escape(id) + "\"]");
    if (selected) {
      selected.classList.add("selected");
      if (focus) { selected.focus({ preventScroll: true }); selected.scrollIntoView({ block: "nearest", inline: "nearest" }); }
    }
    linkLayer.querySelectorAll(".link").forEach(function (path) {
      if (path.getAttribute("data-start") === id || path.getAttribute("data-end") === id) { path.classList.add("touching"); }
    });
    showDetails(id);
  }
  barLayer.addEventListener("click", function (event) {
    var bar = event.target.closest ? event.target.closest(".bar") : null;
    if (bar) { select(bar.getAttribute("data-id"), false); }
  });
  barLayer.addEventListener("keydown", function (event) {
    var bar = event.target.closest ? event.target.closest(".bar") : null;
    if (bar && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); select(bar.getAttribute("data-id"), false); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-project]") : null;
    if (button) { select(button.getAttribute("data-project"), true); }
  });

  kit.wireEmbedCopy(t);  // the embed snippet's copy button (the footer follows this script)

  // -- downloads: the picture as drawn (SVG, or PNG from it) with its title and legend; the tables as Excel and CSV --
  function picture() {
    var copy = root.cloneNode(true);
    copy.querySelectorAll(".selected").forEach(function (item) { item.classList.remove("selected"); });
    var legendHeight = 28, header = 40;
    var total = node("svg", { xmlns: SVG_NS, width: width, height: height + header + legendHeight,
      viewBox: "0 0 " + width + " " + (height + header + legendHeight), "font-family": FONT, "font-size": 12 });
    total.appendChild(node("title", {}, config.title));
    total.appendChild(node("rect", { x: 0, y: 0, width: width, height: height + header + legendHeight, fill: "#ffffff" }));
    total.appendChild(node("text", { x: PAD, y: 26, "font-size": 18, "font-weight": 600, fill: "#111111" }, config.title));
    var body = node("g", { transform: "translate(0," + header + ")" });
    while (copy.firstChild) { body.appendChild(copy.firstChild); }
    total.appendChild(body);
    var legend = node("g", { transform: "translate(" + PAD + "," + (header + height + 6) + ")" });
    var lx = 0;
    data.funds.forEach(function (fund) {
      legend.appendChild(node("rect", { x: lx, y: 2, width: 14, height: 10, rx: 2, fill: fund.colour, "fill-opacity": 0.35, stroke: fund.colour }));
      var label = fund.name || t("no_fund");
      legend.appendChild(node("text", { x: lx + 18, y: 11, fill: "#111111" }, label));
      lx += 30 + textWidth(label);
    });
    total.appendChild(legend);
    return total;
  }
  function svgText() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + new XMLSerializer().serializeToString(picture()) + "\n";
  }
  function png() {
    return new Promise(function (resolve, reject) {
      var image = new Image();
      image.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = image.width * 2;
        canvas.height = image.height * 2;
        var ctx = canvas.getContext("2d");
        ctx.scale(2, 2);
        ctx.drawImage(image, 0, 0);
        canvas.toBlob(function (blob) { if (blob) { resolve(blob); } else { reject(new Error("PNG")); } }, "image/png");
      };
      image.onerror = function () { reject(new Error("PNG")); };
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText());
    });
  }
  /* The tables are written by the server's one table writer (or were written into a rendered file). */
  function tables(kind, title) {
    var spec = config.tables[kind];
    return kit.tableFile(spec, {}).then(function (blob) { kit.download(kit.fileName(title, spec.extension), blob); });
  }
  var downloads = {
    png: function () { return png().then(function (blob) { kit.download(kit.fileName(config.title, "png"), blob); }); },
    svg: function () {
      kit.download(kit.fileName(config.title, "svg"), new Blob([svgText()], { type: "image/svg+xml;charset=utf-8" }));
    },
    xlsx: function () { return tables("xlsx", config.title); },
    nodes_csv: function () { return tables("nodes_csv", config.title + " " + t("col_project")); },
    rels_csv: function () { return tables("rels_csv", config.title + " " + t("links_between")); }
  };
  kit.wireDownloads(document.getElementById("download-menu"), downloads, t);

  window.graphappTimeline = { placed: placed, select: select, svg: root, perYear: perYear };
  requestAnimationFrame(function () {
    document.body.setAttribute("data-state", "stable");
    window.graphappStableAt = performance.now();
    var channel = new MessageChannel();
    channel.port1.onmessage = function () { marks.frame = performance.now(); channel.port1.close(); };
    channel.port2.postMessage(null);
  });
})();
