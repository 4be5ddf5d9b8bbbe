/* graphapp explorer: draws the view payload with vis-network and wires search,
 * details, expansion and the path finder to the JSON API.
 * Every text from data goes into the DOM with textContent, never innerHTML. */
(function () {
  "use strict";

  var marks = window.graphappMarks = { script: performance.now() };
  var config = JSON.parse(document.getElementById("page-config").textContent);
  var graph = JSON.parse(document.getElementById("graph-data").textContent);
  var payload = graph.payload;
  var api = config.api; // URL templates of the API calls; null in a rendered file: no server to ask
  var byId = new Map();
  var rels = [];
  var relKeys = new Set();
  var docs = Object.assign({}, payload.documents || {});

  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.locale, { counties: config.counties });
  var t = words.t;
  var el = kit.el;
  function relKey(rel) { return rel.start + "|" + rel.type + "|" + rel.end; }
  var kindName = words.kindName;
  var relName = words.relName;
  function nameOf(id) { var node = byId.get(id); return node ? node.name : id; }
  // every URL comes from the server (graphapp.views.urls.Urls) as a template: fill its {slots}
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (slot, name) { return values[name]; });
  }
  function nodePath(id) { return id.split("/").map(encodeURIComponent).join("/"); }
  function viewUrl(node) {
    return fill(config.links[node.kind === "project" ? "project" : "actor"], { id: encodeURIComponent(node.id) });
  }
  function setStatus(text) { var box = document.getElementById("status"); if (box) { box.textContent = text; } }

  // a slim page (large, server or geographic layout) carries links as [start index, end index, type] and no properties
  (payload.links || []).forEach(function (link) {
    payload.relationships.push({ type: link[2], start: payload.nodes[link[0]].id, end: payload.nodes[link[1]].id });
  });
  payload.nodes.forEach(function (node) { node.properties = node.properties || {}; byId.set(node.id, node); });
  payload.relationships.forEach(function (rel) { rels.push(rel); relKeys.add(relKey(rel)); });
  var served = { nodes: new Set(byId.keys()), rels: new Set(relKeys) };  // what the server sent: its tables have it
  marks.parsed = performance.now();

  // The year shown first (years.js): the page's, or in a file the one its address asks for, if it covers it.
  var time = payload.time && payload.time.first !== null ? payload.time : null;
  var firstYear = payload.year === undefined ? null : payload.year;
  if (time && !api) {
    var askedYear = Number(new URLSearchParams(window.location.search).get("year"));
    if (askedYear >= time.first && askedYear <= time.last && Math.floor(askedYear) === askedYear) { firstYear = askedYear; }
  }
  var yearsKit = window.graphappYears;
  function hiddenAtFirst(id) {
    var node = byId.get(id);
    return Boolean(time && node && !yearsKit.shown(node.years, firstYear));
  }

  // Every view comes laid out by the server; a large one without vis items: make light ones, styled by
  // the `groups` option. No item has a vis label: the label layer (labels.js) draws the names that fit.
  var labelText = new Map();  // what the label layer draws for a node from pyvis (a summary node: its counts too)
  function positionedNode(node) {
    return {
      id: node.id, group: node.kind, title: node.name + "\n" + kindName(node.kind) + " · " + node.degree,
      size: node.size, x: node.x, y: node.y, hidden: hiddenAtFirst(node.id)
    };
  }
  function unlabelled(item) {
    labelText.set(item.id, item.label);
    delete item.label;
    item.hidden = hiddenAtFirst(item.id);
    return item;
  }
  var nodes = new vis.DataSet(graph.vis.nodes ? graph.vis.nodes.map(unlabelled) : payload.nodes.map(positionedNode));
  var edges = new vis.DataSet(graph.vis.edges || []);
  marks.items = performance.now();
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.vis.options);
  // the map of a geographic view is drawn first, under the lines and the nodes, and zooms with them
  var basemap = config.map ? kit.mapLayer(network, config.map, document.getElementById("map-data")) : null;
  var lines = graph.vis.edges ? null : lineLayer(payload.relationships);

  // -- names: the focus, its partners and the nodes a path goes through first, then the larger and the
  // better linked (size is by links or by funding, as the view asks) --
  var partners = new Set();
  var boosted = new Set();
  payload.relationships.forEach(function (rel) {
    if (rel.start === payload.focus) { partners.add(rel.end); }
    if (rel.end === payload.focus) { partners.add(rel.start); }
  });
  var years = null;  // the year shown (years.js), when the view has years
  function rank(id) {
    var node = byId.get(id) || {};
    return (id === payload.focus ? 4e9 : 0) + (boosted.has(id) ? 2e9 : 0) + (years && years.marked.has(id) ? 1.5e9 : 0) +
      (partners.has(id) ? 1e9 : 0) + (node.size || 10) * 1e5 + (node.degree || 0);
  }
  var labels = window.graphappLabels.layer(network, {
    text: function (id) { return labelText.get(id) || nameOf(id); },
    rank: rank,
    focus: function () { var selected = network.getSelectedNodes(); return selected.length === 1 ? selected : []; },
    obstacles: function () { return basemap ? basemap.obstacles() : []; },
    ring: function (id, node, scale) { return years ? years.ring(id, node, scale) : 0; }
  });

  // A large positioned view (hundreds to thousands of nodes) draws its relationships itself: one
  // straight line per pair of nodes (an owner also takes part, a co-funder too; the page says so,
  // and a node's details list each relationship), batched by style on vis-network's canvas before
  // it draws the nodes. vis-network would build an edge object per line (options, fonts, a label
  // module): half of its work before the first drawing of 2 000 nodes, for lines that carry no
  // tooltip, arrow or id here. Same look as its edges: colour, dashes and width by type (never under
  // 0.3 px), the lines of a selected node 3 wide. The lines of a hub (a fund, a national body: hundreds
  // of them, fanning out from the ring around the network) are drawn faint. Relationships added later
  // (expand, a path) are ordinary vis edges on top.
  function lineLayer(list) {
    var index = new Map();
    var ids = payload.nodes.map(function (node, i) { index.set(node.id, i); return node.id; });
    var seen = new Set();
    var groups = new Map();
    var touching = ids.map(function () { return []; });
    var hubs = new Set(config.hubs || []);
    list.forEach(function (rel) {
      var a = index.get(rel.start), b = index.get(rel.end);
      if (a === undefined || b === undefined) { return; }
      var pair = a < b ? a * ids.length + b : b * ids.length + a;
      if (seen.has(pair)) { return; }
      seen.add(pair);
      var style = lineStyle(rel.type), faint = hubs.has(rel.start) || hubs.has(rel.end);
      var key = style.color + " " + String(style.dashes) + " " + style.width + (faint ? " faint" : "");
      if (!groups.has(key)) {
        groups.set(key, { color: style.color, dashes: style.dashes, width: style.width, alpha: faint ? 0.25 : 1, ends: [] });
      }
      var group = groups.get(key);
      group.ends.push(a, b);
      touching[a].push(b, group);
      touching[b].push(a, group);
    });
    var layer = { count: seen.size, pathSelection: null, hidden: null };  // hidden[i]: node i not shown this year
    function stroke(ctx, group, width, draw, alpha) {
      ctx.globalAlpha = alpha;
      ctx.lineWidth = width;
      ctx.strokeStyle = group.color;
      ctx.setLineDash(group.dashes || []);
      ctx.beginPath();
      draw();
      ctx.stroke();
    }
    network.on("beforeDrawing", function (ctx) {
      var at = network.getPositions();  // nodes can be dragged
      var xy = ids.map(function (id) { return at[id]; });
      var scale = network.getScale();
      ctx.save();
      var hidden = layer.hidden;
      groups.forEach(function (group) {
        stroke(ctx, group, Math.max(group.width * 0.6, 0.3 / scale), function () {
          for (var i = 0; i < group.ends.length; i += 2) {
            if (hidden && (hidden[group.ends[i]] || hidden[group.ends[i + 1]])) { continue; }
            var from = xy[group.ends[i]], to = xy[group.ends[i + 1]];
            if (!from || !to) { continue; }  // vis-network gives no position of a hidden node
            ctx.moveTo(from.x, from.y);
            ctx.lineTo(to.x, to.y);
          }
        }, group.alpha);
      });
      var selected = network.getSelectedNodes();
      if (selected.slice().sort().join("\n") !== layer.pathSelection) {  // a shown path: only its own edges
        selected.forEach(function (id) {
          var a = index.get(id), list = a === undefined ? [] : touching[a];
          for (var i = 0; i < list.length; i += 2) {
            if ((hidden && (hidden[a] || hidden[list[i]])) || !xy[a] || !xy[list[i]]) { continue; }
            stroke(ctx, list[i + 1], Math.max(3, 0.3 / scale), function () {
              ctx.moveTo(xy[a].x, xy[a].y);
              ctx.lineTo(xy[list[i]].x, xy[list[i]].y);
            }, 1);
          }
        });
      }
      ctx.restore();
    });
    return layer;
  }
  function lineStyle(type) {
    var style = config.edgeStyles[type] || { color: "#707070", dashes: false, width: 1.5 };
    return { color: style.color, dashes: style.dashes === true ? [5, 5] : style.dashes || null, width: style.width || 1.5 };
  }

  // the filter form keeps the year shown, unless the years asked for leave it out
  var filterForm = document.getElementById("filter-form");
  if (filterForm) {
    filterForm.addEventListener("submit", function () {
      var field = document.getElementById("f-year");
      if (!field) { return; }
      var year = Number(field.value);
      var from = Number(document.getElementById("f-from").value), to = Number(document.getElementById("f-to").value);
      field.disabled = !field.value || (from > 0 && year < from) || (to > 0 && year > to);
    });
  }

  // -- the network in a year (years.js): the nodes shown then, rings on the new, the table and the URL with it --
  var yearStatus = document.getElementById("year-status");
  var relsByKey = new Map(payload.relationships.map(function (rel) { return [relKey(rel), rel]; }));
  var tableRows = null;  // the table follows this script in the page: its rows once it is there
  function tableOfYear(state) {
    if (document.readyState === "loading") { return; }
    if (!tableRows) {
      tableRows = { nodes: [], rels: [] };
      document.querySelectorAll("#node-table tbody tr").forEach(function (row) {
        var button = row.querySelector("button[data-node]");
        if (button) { tableRows.nodes.push([row, button.getAttribute("data-node")]); }
      });
      document.querySelectorAll("#rel-table tbody tr[data-rel]").forEach(function (row) {
        var rel = relsByKey.get(row.getAttribute("data-rel"));
        if (rel) { tableRows.rels.push([row, rel]); }
      });
    }
    tableRows.nodes.forEach(function (pair) { pair[0].hidden = !state.isShown(pair[1]); });
    tableRows.rels.forEach(function (pair) { pair[0].hidden = !state.relShown(pair[1]); });
  }
  var tableDue = false;
  function yearChanged(state) {
    labels.refresh(true);
    keepYear(state.year);
    // the words and the table after the picture is on screen: hiding table rows makes the browser lay out the
    // page again, which the network's drawing would otherwise wait for (50-100 ms at 2 000 rows)
    if (tableDue) { return; }
    tableDue = true;
    window.requestAnimationFrame(function () {
      setTimeout(function () {
        tableDue = false;
        wordsOfYear(state);
        if (window.graphappMarks) { window.graphappMarks.yearTable = performance.now(); }
      }, 0);
    });
  }
  function wordsOfYear(state) {
    var shownNodes = 0, projects = 0;
    byId.forEach(function (node, id) {
      if (!state.isShown(id)) { return; }
      shownNodes += 1;
      if (node.kind === "project") { projects += 1; }
    });
    tableOfYear(state);
    var nodeCaption = document.querySelector("#node-table caption"), relCaption = document.querySelector("#rel-table caption");
    if (nodeCaption) { nodeCaption.textContent = t("nodes") + " (" + shownNodes + ")"; }
    if (relCaption) { relCaption.textContent = t("relationships") + " (" + rels.filter(state.relShown).length + ")"; }
    if (yearStatus) {
      var counts = { year: state.year, projects: projects, actors: shownNodes - projects, n: state.marked.size };
      yearStatus.textContent = state.year === null ? t("year_status_all", counts) : t("year_status", counts);
    }
  }
  /* The year in the address, the language link, the filter form and the tables' URLs. */
  function keepYear(year) {
    try {
      window.history.replaceState(null, "", yearsKit.withYear(window.location.pathname + window.location.search, year) + window.location.hash);
    } catch (error) { /* a file's address may not change */ }
    var langLink = document.querySelector(".lang-switch");
    if (langLink) { langLink.setAttribute("href", yearsKit.withYear(langLink.getAttribute("href"), year)); }
    var yearField = document.getElementById("f-year");
    if (yearField) { yearField.value = year === null ? "" : String(year); }
    if (config.links) { config.links.path = yearsKit.withYear(config.links.path, year); }
    Object.keys(config.tables || {}).forEach(function (kind) {
      var spec = config.tables[kind];
      if (spec.url) { spec.url = yearsKit.withYear(spec.url, year); }
    });
  }
  if (time) {
    years = yearsKit.layer(network, {
      items: payload.nodes, rels: payload.relationships, nodes: nodes, edges: graph.vis.edges ? edges : null, lines: lines,
      year: firstYear, width: function (weight) { return Math.min(config.weightWidth.most, config.weightWidth.base + config.weightWidth.step * weight); },
      changed: yearChanged
    });
    yearsKit.control(years, time.first, time.last, words);
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", function () { wordsOfYear(years); }); }
  }

  // -- the first picture: fitted to the frame with room for names, "stable" once it is drawn in a frame
  // that has a size (an embed's frame may have none yet); fitted again when the frame changes size,
  // until someone moves the view --
  marks.network = performance.now();
  var moved = false;
  // a geographic view: its county (if it is a county's view) and the strip beside the map
  var geoBox = config.map ? [config.map.bounds, config.map.strip].reduce(function (box, part) {
    return !part ? box : !box ? part.slice() : [Math.min(box[0], part[0]), Math.min(box[1], part[1]), Math.max(box[2], part[2]), Math.max(box[3], part[3])];
  }, null) : null;
  // a view with years is fitted to all its nodes, shown this year or not, so that it stays put from year to year
  var frameBox = !time ? geoBox : payload.nodes.reduce(function (box, node) {
    var r = node.size || 10;
    return [Math.min(box[0], node.x - r), Math.min(box[1], node.y - r), Math.max(box[2], node.x + r), Math.max(box[3], node.y + r)];
  }, geoBox ? geoBox.slice() : [Infinity, Infinity, -Infinity, -Infinity]);
  function fit() { window.graphappLabels.fit(network, frameBox); }
  function markStable() {
    if (document.body.getAttribute("data-state") === "stable") { return; }
    document.body.setAttribute("data-state", "stable");
    window.graphappStableAt = performance.now();
    // and when the frame showing it is done (the rest of the page's style, layout and paint included)
    var channel = new MessageChannel();
    channel.port1.onmessage = function () { marks.frame = performance.now(); channel.port1.close(); };
    channel.port2.postMessage(null);
  }
  function whenDrawn() {
    network.once("afterDrawing", function () {
      if (!container.clientWidth || !container.clientHeight) { whenDrawn(); return; }
      markStable();
    });
  }
  network.on("dragEnd", function (params) { if (!params.nodes.length) { moved = true; } });
  network.on("zoom", function () { moved = true; });
  network.on("resize", function () { if (!moved && container.clientWidth && container.clientHeight) { fit(); } });
  fit();
  whenDrawn();

  // -- styling of nodes that arrive later (same rules as graphapp/views/network.py) --
  function visNode(node, x, y) {
    var style = config.styles[node.kind] || config.styles.organization;
    var item = {
      id: node.id, title: node.name + "\n" + kindName(node.kind), shape: style.shape, size: 14,
      color: { background: style.color, border: style.border, highlight: { background: style.color, border: "#000000" } }
    };
    if (x !== undefined) { item.x = x; item.y = y; }
    return item;
  }
  function visEdge(rel) {
    var style = lineStyle(rel.type);
    return {
      id: relKey(rel), from: rel.start, to: rel.end, arrows: "to", color: style.color, dashes: style.dashes || false,
      width: style.width,
      title: nameOf(rel.start) + " " + relName(rel.type) + " " + nameOf(rel.end)
    };
  }
  function addGraph(sub, around) {
    var centre = around && nodes.get(around) ? network.getPosition(around) : { x: 0, y: 0 };
    var fresh = sub.nodes.filter(function (node) { return !byId.has(node.id); });
    var ring = 120 + 12 * Math.sqrt(fresh.length);
    fresh.forEach(function (node, index) {
      var angle = 2 * Math.PI * index / Math.max(1, fresh.length);
      node.degree = node.degree || 0;
      byId.set(node.id, node);
      nodes.add(visNode(node, centre.x + ring * Math.cos(angle), centre.y + ring * Math.sin(angle)));
      addTableRow(node);
    });
    sub.relationships.forEach(function (rel) {
      if (relKeys.has(relKey(rel)) || !byId.has(rel.start) || !byId.has(rel.end)) { return; }
      relKeys.add(relKey(rel));
      rels.push(rel);
      edges.add(visEdge(rel));
      addRelRow(rel);
    });
    if (fresh.length) { labels.refresh(); }
    return fresh.length;
  }

  // -- table rows (the same nodes and relationships as the network) --
  function addTableRow(node) {
    var body = document.querySelector("#node-table tbody");
    if (!body) { return; }
    var row = document.createElement("tr");
    var head = el("th");
    head.scope = "row";
    var button = el("button", node.name, "link");
    button.type = "button";
    button.setAttribute("data-node", node.id);
    head.appendChild(button);
    row.appendChild(head);
    row.appendChild(el("td", kindName(node.kind)));
    row.appendChild(el("td", node.degree || 0));
    var idCell = el("td");
    idCell.appendChild(el("code", node.id));
    row.appendChild(idCell);
    body.appendChild(row);
  }
  function addRelRow(rel) {
    var body = document.querySelector("#rel-table tbody");
    if (!body) { return; }
    var row = document.createElement("tr");
    [nameOf(rel.start), relName(rel.type), nameOf(rel.end), (rel.sources || []).map(docTitle).join("; ")]
      .forEach(function (text) { row.appendChild(el("td", text)); });
    body.appendChild(row);
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button[data-node]") : null;
    if (target) { select(target.getAttribute("data-node"), true); }
  });

  // -- details panel --
  function docTitle(id) {
    var doc = docs[id] || {};
    var title = doc.title || id;
    return doc.by_hand ? title + " (" + t("by_hand_source") + ")" : title;  // the curator's own reading
  }
  function sourcesList(ids, evidence) {
    if (!ids || !ids.length) { return el("span", t("no_sources"), "muted"); }
    var list = el("ul", null, "sources");
    ids.forEach(function (id, index) {
      var item = el("li");
      var doc = docs[id] || {};
      if (doc.url && /^https?:\/\//.test(doc.url)) {
        var link = el("a", docTitle(id));
        link.href = doc.url;
        link.rel = "noopener noreferrer";
        item.appendChild(link);
      } else {
        item.appendChild(el("span", docTitle(id)));
      }
      if (doc.publisher) { item.appendChild(el("span", " – " + doc.publisher, "muted")); }
      var said = evidence && evidence[index];
      if (said) { item.appendChild(el("q", said, "evidence")); }  // which sentence says so
      list.appendChild(item);
    });
    return list;
  }
  function relItem(rel, id) {
    var other = rel.start === id ? rel.end : rel.start;
    var item = el("li");
    var phrase = words.relPhrase(rel.type, rel.start === id);
    var phraseBox = el("span", null, "rel-phrase");
    if (phrase[0]) { phraseBox.appendChild(el("span", phrase[0])); }
    var button = el("button", nameOf(other), "link");
    button.type = "button";
    button.setAttribute("data-node", other);
    phraseBox.appendChild(button);
    if (phrase[1]) { phraseBox.appendChild(el("span", phrase[1])); }
    item.appendChild(phraseBox);
    Object.keys(rel.properties || {}).forEach(function (key) {
      if (key === "projects") { return; }
      item.appendChild(el("span", " · " + words.propName(key) + ": " + words.value(key, rel.properties[key]), "muted"));
    });
    var sources = el("div", null, "rel-sources");
    sources.appendChild(el("span", t("sources") + ": ", "muted"));
    sources.appendChild(sourcesList(rel.sources, rel.evidence));
    item.appendChild(sources);
    return item;
  }
  var enriched = new Set();
  var shown = null;
  function enrich(id) {
    // a large view's page carries bare relationships: fetch their properties and sources once
    if (!payload.slim || !api || enriched.has(id)) { return; }
    enriched.add(id);
    getJSON(fill(api.neighbours, { id: nodePath(id), limit: "500" })).then(function (sub) {
      var full = new Map(sub.relationships.map(function (rel) { return [relKey(rel), rel]; }));
      rels = rels.map(function (rel) { return full.get(relKey(rel)) || rel; });
      sub.nodes.forEach(function (node) {
        if (node.kind === "document") {
          docs[node.id] = {
            title: node.name, url: node.properties.url, publisher: node.properties.publisher,
            by_hand: node.properties.by_hand === true,
          };
        }
      });
      var node = byId.get(id);
      sub.nodes.forEach(function (other) {
        if (other.id === id && node && !Object.keys(node.properties).length) { node.properties = other.properties || {}; }
      });
      if (shown === id) { showDetails(id); }
    }).catch(function () { enriched.delete(id); });
  }
  function showDetails(id) {
    var node = byId.get(id);
    shown = id;
    enrich(id);
    var box = document.getElementById("details-body");
    if (!node || !box) { return; }
    box.replaceChildren();
    box.appendChild(el("h3", node.name));
    box.appendChild(el("p", kindName(node.kind) + " · " + node.id, "muted"));
    var rows = words.propertyRows(node.properties);
    if (rows.length) {
      box.appendChild(el("h4", t("properties")));
      var list = el("dl", null, "props");
      rows.forEach(function (row) {
        list.appendChild(el("dt", row[0]));
        list.appendChild(el("dd", row[1]));
      });
      box.appendChild(list);
    }
    // the raw id and keys stay at hand, for Cypher and the API
    var raw = el("details", null, "raw");
    raw.appendChild(el("summary", t("raw_values")));
    var rawList = el("dl", null, "props");
    rawList.appendChild(el("dt")).appendChild(el("code", "id"));
    rawList.appendChild(el("dd")).appendChild(el("code", node.id));
    Object.keys(node.properties).forEach(function (key) {
      var value = node.properties[key];
      rawList.appendChild(el("dt")).appendChild(el("code", key));
      rawList.appendChild(el("dd")).appendChild(el("code", typeof value === "object" && value !== null ? JSON.stringify(value) : value));
    });
    raw.appendChild(rawList);
    box.appendChild(raw);
    // an actor's history (history.js: its projects and new partners per year), when the page has it
    if (window.graphappHistory) { box.appendChild(window.graphappHistory.section(node, api, config.links, words)); }
    var touching = rels.filter(function (rel) { return rel.start === id || rel.end === id; });
    var funding = touching.filter(function (rel) { return config.fundingTypes.indexOf(rel.type) >= 0; });
    var others = touching.filter(function (rel) { return funding.indexOf(rel) < 0; });
    [[t("funding"), funding], [t("partners"), others]].forEach(function (part) {
      if (!part[1].length) { return; }
      box.appendChild(el("h4", part[0]));
      var list = el("ul", null, "rels");
      part[1].forEach(function (rel) { list.appendChild(relItem(rel, id)); });
      box.appendChild(list);
    });
    var actions = el("p", null, "actions");
    if (payload.aggregated) {
      if (node.url && config.links) {
        var drill = el("a", t("open_county"));
        drill.href = node.url;
        actions.appendChild(drill);
      }
      box.appendChild(actions);
      return;
    }
    if (config.links && id.indexOf("document:") !== 0) {
      var link = el("a", t("open_view"));
      link.href = viewUrl(node);
      actions.appendChild(link);
    }
    if (api) {
      var button = el("button", t("expand"));
      button.type = "button";
      button.addEventListener("click", function () { expand(id); });
      actions.appendChild(button);
    }
    box.appendChild(actions);
    box.appendChild(el("p", null, "status")).id = "status";
  }
  function select(id, focus) {
    if (!nodes.get(id)) { return; }
    if (years && !years.isShown(id)) { showDetails(id); return; }  // not in the year shown: its details only
    network.selectNodes([id]);
    if (focus) { network.focus(id, { scale: 1.2, animation: false }); }
    showDetails(id);
  }
  network.on("click", function (params) { if (params.nodes.length) { showDetails(params.nodes[0]); } });
  function drillDown(id) {
    // an aggregated view: a county opens its own view, with the same filters and language
    var node = byId.get(id);
    if (node && node.url && config.links) { window.location.href = node.url; }
  }
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    if (payload.aggregated) { drillDown(params.nodes[0]); } else if (api) { expand(params.nodes[0]); }
  });

  // -- API calls --
  var getJSON = kit.getJSON;
  function expand(id) {
    setStatus(t("loading"));
    return getJSON(fill(api.neighbours, { id: nodePath(id), limit: "200" })).then(function (sub) {
      var added = addGraph(sub, id);
      showDetails(id);
      setStatus(t("expanded", { n: added }));
      document.body.setAttribute("data-expanded", String(nodes.length));
    }).catch(function (error) { setStatus(t("error") + ": " + error.message); });
  }

  // -- search with suggestions: the header's search and the path finder's two fields --
  function combobox(input, list, onChoose) {
    var timer = null, active = -1;
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function show(results) {
      list.replaceChildren();
      active = -1;
      if (!results.length) { list.appendChild(el("li", t("search_none"), "muted")); }
      results.forEach(function (result, index) {
        var item = el("li", null, "suggestion");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.appendChild(el("span", result.name));
        item.appendChild(el("span", " " + kindName(result.kind), "muted"));
        item.addEventListener("mousedown", function (event) { event.preventDefault(); close(); onChoose(result); });
        item.result = result;
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function move(step) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      active = (active + step + items.length) % items.length;
      items.forEach(function (item, index) { item.setAttribute("aria-selected", index === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      input.removeAttribute("data-id");
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      timer = setTimeout(function () {
        getJSON(fill(api.search, { q: encodeURIComponent(query), limit: "8" }))
          .then(function (body) { if (input.value.trim() === query) { show(body.results || []); } })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && !list.hidden) {
        var items = list.querySelectorAll("[role=option]");
        var item = items[active >= 0 ? active : 0];
        if (item) { event.preventDefault(); close(); onChoose(item.result); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  var searchInput = document.getElementById("search-input");
  if (searchInput && api) {
    combobox(searchInput, document.getElementById("search-suggestions"), function (result) {
      if (nodes.get(result.id)) { select(result.id, true); return; }
      window.location.href = viewUrl(result);
    });
    document.getElementById("search-form").addEventListener("submit", function (event) { event.preventDefault(); });
  }

  // -- path finder: the fields show and take names; the ids go into the URL (path_from, path_to) --
  var pathForm = document.getElementById("path-form");
  function resolve(input) {
    var value = input.value.trim();
    var chosen = input.getAttribute("data-id");
    if (chosen) { return Promise.resolve(chosen); }
    var lower = value.toLowerCase();
    var found = null;
    byId.forEach(function (node) { if (!found && node.name.toLowerCase() === lower) { found = node.id; } });
    if (found) { return Promise.resolve(found); }
    if (byId.has(value)) { return Promise.resolve(value); }
    return getJSON(fill(api.search, { q: encodeURIComponent(value), limit: "1" })).then(function (body) {
      if (!body.results || !body.results.length) { throw new Error(t("path_unknown", { name: value })); }
      return body.results[0].id;
    });
  }
  function fillName(input, id) {
    input.setAttribute("data-id", id);
    var node = byId.get(id);
    if (node) { input.value = node.name; return Promise.resolve(); }
    return getJSON(fill(api.node, { id: nodePath(id) })).then(function (body) { input.value = body.node ? body.node.name : body.name || id; })
      .catch(function () { input.value = id; });
  }
  function keepInUrl(ends) {
    var ids = { start: encodeURIComponent(ends[0]), end: encodeURIComponent(ends[1]) };
    window.history.replaceState(null, "", fill(config.links.path, ids));
  }
  function showPath(body) {
    var box = document.getElementById("path-result");
    box.replaceChildren();
    if (!body.paths || !body.paths.length) {
      box.appendChild(el("p", t("path_none")));
      document.body.setAttribute("data-path", "none");
      return;
    }
    var path = body.paths[0];
    addGraph(path, path.nodes.length ? path.nodes[0].id : null);
    var ids = path.nodes.map(function (node) { return node.id; });
    if (years) { years.pin(ids); }  // a path is shown whole, whatever the year
    path.relationships.forEach(function (rel) {  // a line of the line layer becomes an edge that can stand out
      if (!edges.get(relKey(rel)) && nodes.get(rel.start) && nodes.get(rel.end)) { edges.add(visEdge(rel)); }
    });
    if (lines) { lines.pathSelection = ids.slice().sort().join("\n"); }
    boosted = new Set(ids);  // the path's names before the others
    labels.refresh();
    var edgeIds = path.relationships.map(relKey).filter(function (key) { return edges.get(key); });
    edges.update(edgeIds.map(function (key) { return { id: key, width: 6, color: { color: "#000000" } }; }));
    network.setSelection({ nodes: ids, edges: edgeIds }, { highlightEdges: false });
    network.fit({ nodes: ids, animation: false });
    box.appendChild(el("p", t("path_found", { n: body.length })));
    var list = el("ol", null, "path");
    path.nodes.forEach(function (node) {
      var item = el("li");
      var button = el("button", node.name, "link");
      button.type = "button";
      button.setAttribute("data-node", node.id);
      item.appendChild(button);
      item.appendChild(el("span", " (" + kindName(node.kind) + ")", "muted"));
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.setAttribute("data-path", ids.join(" "));
  }
  if (pathForm && api) {
    var fromInput = document.getElementById("path-from"), toInput = document.getElementById("path-to");
    combobox(fromInput, document.getElementById("path-from-list"), function (result) {
      fromInput.value = result.name;
      fromInput.setAttribute("data-id", result.id);
    });
    combobox(toInput, document.getElementById("path-to-list"), function (result) {
      toInput.value = result.name;
      toInput.setAttribute("data-id", result.id);
    });
    pathForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var box = document.getElementById("path-result");
      box.replaceChildren(el("p", t("loading")));
      Promise.all([resolve(fromInput), resolve(toInput)]).then(function (ends) {
        keepInUrl(ends);
        var ids = { start: encodeURIComponent(ends[0]), end: encodeURIComponent(ends[1]), max_length: "6" };
        return getJSON(fill(api.paths, ids));
      }).then(showPath).catch(function (error) {
        box.replaceChildren(el("p", t("error") + ": " + error.message));
      });
    });
    var asked = new URL(window.location.href).searchParams;
    if (asked.get("path_from") && asked.get("path_to")) {  // a shared path: fill in the names and find it again
      Promise.all([fillName(fromInput, asked.get("path_from")), fillName(toInput, asked.get("path_to"))]).then(function () {
        pathForm.requestSubmit();
      });
    } else if (fromInput.getAttribute("data-id")) {
      fillName(fromInput, fromInput.getAttribute("data-id"));
    }
  } else if (pathForm) {
    pathForm.hidden = true;
  }

  kit.wireEmbedCopy(t);  // the embed snippet's copy button (the footer follows this script)

  // -- downloads: a picture of the network as it is on screen, and its tables --
  function picture() {
    var shownNodes = nodes.get({ filter: function (item) { return !years || years.isShown(item.id); } }).map(function (item) {
      var node = byId.get(item.id) || { kind: "organization", name: String(item.id) };
      return { id: item.id, kind: node.kind, name: node.name, label: item.label, size: item.size };
    });
    var year = years ? years.year : null;
    return {
      network: network, title: year === null ? config.title : t("year_title", { title: config.title, year: year }),
      legend: config.legend, lines: config.lines, styles: config.styles,
      edgeStyles: config.edgeStyles, credit: config.map ? config.map.credit : null, map: basemap, nodes: shownNodes,
      labels: labels.boxes(), marked: years ? Array.from(years.marked) : [],
      ring: year === null ? null : t("year_new", { year: year }),
      relationships: rels.filter(function (rel) {
        return nodes.get(rel.start) && nodes.get(rel.end) && (!years || years.relShown(rel));
      })
    };
  }
  var downloads = {
    png: function () {
      return (basemap ? basemap.ready : Promise.resolve()).then(function () { return kit.networkPNG(picture()); })
        .then(function (blob) { kit.download(kit.fileName(config.title, "png"), blob); });
    },
    svg: function () {
      return (basemap ? basemap.ready : Promise.resolve()).then(function () {
        kit.download(kit.fileName(config.title, "svg"), kit.networkSVG(picture()));
      });
    },
    xlsx: function () { return tables("xlsx", config.title); },
    nodes_csv: function () { return tables("nodes_csv", config.title + " " + t("nodes")); },
    rels_csv: function () { return tables("rels_csv", config.title + " " + t("relationships")); }
  };
  /* The server writes the tables of the view, with what this page added to it (expanded, paths found). */
  function tables(kind, title) {
    var spec = config.tables[kind];
    var added = { nodes: [], relationships: [] };
    byId.forEach(function (node, id) { if (!served.nodes.has(id)) { added.nodes.push(id); } });
    rels.forEach(function (rel) {
      if (!served.rels.has(relKey(rel))) { added.relationships.push([rel.start, rel.type, rel.end]); }
    });
    return kit.tableFile(spec, added).then(function (blob) {
      kit.download(kit.fileName(title, spec.extension), blob);
    });
  }
  kit.wireDownloads(document.getElementById("download-menu"), downloads, t);

  // -- lay the network out again (after dragging or expanding): ForceAtlas2 in the browser, from where the
  // nodes are, for a while, then still again. A view whose lines the page draws itself has no vis edges
  // for the physics to pull along, and a map's places stay where they are: neither offers it. --
  var relayoutButton = document.getElementById("relayout");
  function relayout() {
    var steps = Math.min(400, 150 + nodes.length);
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      moved = false;
      fit();
      document.body.setAttribute("data-relayout", String(Date.now()));
    });
    network.stabilize(steps);
  }
  if (relayoutButton) {
    if (lines || config.map || payload.aggregated) { relayoutButton.hidden = true; }
    relayoutButton.addEventListener("click", relayout);
  }

  if (payload.focus && nodes.get(payload.focus)) {
    network.selectNodes([payload.focus]);
    showDetails(payload.focus);
  }
  window.graphapp = {
    network: network, nodes: nodes, edges: edges, lines: lines, labels: labels, map: basemap, years: years, select: select, expand: expand,
    relayout: relayout, fit: fit, nodeName: function (id) { return labelText.get(id) || nameOf(id); }
  };
})();
