/* graphapp workbench, the result's side: the rows as a table, the plan of EXPLAIN / PROFILE as a tree with
 * rows and db hits, and the nodes and relationships as a network drawn as the explorer draws a view (the
 * server's layout, the label layer, the legend) with a node's details beside it, fetched from the API.
 * Every text from data goes into the DOM with textContent, never innerHTML. Exposes graphappBench.result. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("page-config").textContent);
  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.locale);
  var t = words.t;
  var el = kit.el;
  var bench = window.graphappBench = window.graphappBench || {};

  // every URL comes from the server (graphapp.views.urls.Urls) as a template: fill its {slots}
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (slot, name) { return values[name]; });
  }
  function viewUrl(node) {
    return fill(config.links[node.kind === "project" ? "project" : "actor"], { id: encodeURIComponent(node.id) });
  }
  function isNode(value) { return value && typeof value === "object" && !Array.isArray(value) && value.id && value.kind && value.name; }
  function isRelationship(value) { return value && typeof value === "object" && !Array.isArray(value) && value.type && "start" in value; }
  function isPath(value) { return value && typeof value === "object" && Array.isArray(value.nodes) && Array.isArray(value.relationships); }

  // -- the table --
  /* A value in words, by its column's name as a property key: kronor for *_sek, dates, coded values. */
  function plain(value, column) {
    if (value === null || value === undefined) { return ""; }
    if (Array.isArray(value)) { return value.map(function (item) { return plain(item, column); }).join(", "); }
    if (isRelationship(value)) { return words.relName(value.type); }
    if (isPath(value)) {  // the names along it, each step's type in words
      return value.nodes.map(function (node, index) {
        var step = value.relationships[index - 1];
        return (index ? " \u2013" + (step ? words.relName(step.type) : "") + "\u2192 " : "") + (node.name || "");
      }).join("");
    }
    if (typeof value === "object") { return value.name || JSON.stringify(value); }
    return words.value(column, value);
  }
  function cell(value, column) {
    var td = el("td");
    if (isNode(value)) {
      var link = el("a", value.name);
      link.href = viewUrl(value);
      if (config.embed) { link.target = "_blank"; link.rel = "noopener"; }
      td.appendChild(link);
      td.appendChild(el("span", " " + words.kindName(value.kind), "muted"));
    } else {
      td.textContent = plain(value, column);
    }
    return td;
  }
  function drawTable(answer) {
    var table = document.getElementById("result-table");
    var head = table.querySelector("thead"), body = table.querySelector("tbody");
    head.replaceChildren();
    body.replaceChildren();
    var headRow = el("tr");
    answer.columns.forEach(function (column) { var th = el("th", column); th.scope = "col"; headRow.appendChild(th); });
    head.appendChild(headRow);
    var rows = document.createDocumentFragment();
    answer.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (value, index) { tr.appendChild(cell(value, answer.columns[index])); });
      rows.appendChild(tr);
    });
    body.appendChild(rows);
    table.hidden = !answer.columns.length || (!answer.rows.length && Boolean(answer.plan));
  }

  // -- the plan: a tree, the result first, the steps it reads from below it --
  function number(value) { return value === null || value === undefined ? "" : words.number(Math.round(value * 10) / 10); }
  function totalHits(step) {
    return (step.db_hits || 0) + step.children.reduce(function (sum, child) { return sum + totalHits(child); }, 0);
  }
  function planBox(step, total) {
    var box = el("div", null, "plan-step");
    box.appendChild(el("strong", step.operator, "plan-operator"));
    if (step.details) { box.appendChild(el("code", step.details, "plan-details")); }
    var counts = el("span", null, "plan-counts");
    if (step.rows !== null) { counts.appendChild(el("span", t("plan_rows", { n: number(step.rows) }), "badge")); }
    if (step.db_hits !== null) { counts.appendChild(el("span", t("plan_hits", { n: number(step.db_hits) }), "badge hits")); }
    if (step.estimated_rows !== null) { counts.appendChild(el("span", t("plan_estimated", { n: number(step.estimated_rows) }), "badge muted")); }
    if (step.memory_bytes) { counts.appendChild(el("span", t("plan_memory", { n: number(step.memory_bytes) }), "badge muted")); }
    box.appendChild(counts);
    if (step.db_hits && total) {  // the step's share of all db hits: where the query spends its work
      var bar = el("span", null, "plan-bar");
      var fill = bar.appendChild(el("span", null, "plan-bar-fill"));
      fill.style.width = Math.max(1, Math.round(100 * step.db_hits / total)) + "%";
      box.appendChild(bar);
    }
    if (step.identifiers.length) { box.appendChild(el("span", step.identifiers.join(", "), "plan-identifiers muted")); }
    return box;
  }
  /* A step and the steps it reads from, in one column while each reads from one, in branches below a step
     that reads from more (a join, a union). */
  function planList(step, total) {
    var list = el("ol", null, "plan-chain");
    for (var current = step; current;) {
      var item = list.appendChild(el("li"));
      item.appendChild(planBox(current, total));
      if (current.children.length > 1) {
        var branches = item.appendChild(el("div", null, "plan-branches"));
        current.children.forEach(function (child) { branches.appendChild(planList(child, total)); });
      }
      current = current.children.length === 1 ? current.children[0] : null;
    }
    return list;
  }
  function drawPlan(plan) {
    var section = document.getElementById("plan");
    if (!section) { return; }
    section.hidden = !plan;
    if (!plan) { return; }
    var profiled = plan.rows !== null;
    var total = totalHits(plan);
    var args = plan.arguments || {};
    var settings = t("plan_settings", { runtime: args.runtime || "?", planner: args.planner || "?", version: args.version || "?" });
    document.getElementById("plan-summary").textContent =
      (profiled ? t("plan_profiled", { hits: number(total) }) : t("plan_explained")) + " " + settings + ".";
    document.getElementById("plan-tree").replaceChildren(planList(plan, profiled ? total : 0));
  }

  // -- the network: laid out by the server as the explorer's views are (graphapp.views.payload.result_layout:
  // each node sized by its links, ForceAtlas2, physics off), names drawn by the explorer's label layer
  // (labels.js: never over a name or a node, more of them as one zooms in, the whole name of the hovered and
  // the chosen node), the explorer's legend of kinds and lines, and a node's details beside it --
  var drawing = null;  // what is drawn: {network, labels, nodes, relationships, kinds, types}
  var GREY = { color: "#707070", dashes: false, width: 1.5 };
  function nodePath(id) { return id.split("/").map(encodeURIComponent).join("/"); }
  function showDetails(node) {
    var body = document.getElementById("node-details-body");
    document.getElementById("node-details-empty").hidden = true;
    body.replaceChildren(el("p", t("loading"), "help"));
    return kit.getJSON(fill(config.api.node, { id: nodePath(node.id) }))
      .then(function (details) {
        var out = document.createDocumentFragment();
        out.appendChild(el("h4", details.node.name));
        out.appendChild(el("p", words.kindName(details.node.kind) + " \u00b7 " + details.degree + " " + t("degree").toLowerCase(), "muted"));
        var list = el("dl", null, "props");
        list.appendChild(el("dt", t("id")));
        list.appendChild(el("dd", details.node.id));
        words.propertyRows(details.node.properties).forEach(function (row) {
          list.appendChild(el("dt", row[0]));
          list.appendChild(el("dd", row[1]));
        });
        out.appendChild(list);
        if (details.sources.length) {
          out.appendChild(el("h5", t("sources")));
          var sources = el("ul", null, "sources");
          details.sources.forEach(function (doc) { sources.appendChild(el("li", doc.properties.title || doc.name)); });
          out.appendChild(sources);
        }
        var open = el("a", t("open_view"));
        open.href = viewUrl(details.node);
        if (config.embed) { open.target = "_blank"; open.rel = "noopener"; }
        out.appendChild(el("p")).appendChild(open);
        body.replaceChildren(out);
        document.body.setAttribute("data-details", details.node.id);
      })
      .catch(function (error) { body.replaceChildren(el("p", t("error") + ": " + error.message, "help")); });
  }
  /* The legend (graphapp/templates/_legend.html lists every kind and line, hidden): those drawn shown. */
  function showLegend(kinds, types) {
    var box = document.getElementById("result-legend");
    box.querySelectorAll("li[data-kind]").forEach(function (item) { item.hidden = !kinds.has(item.getAttribute("data-kind")); });
    box.querySelectorAll("li[data-type]").forEach(function (item) { item.hidden = !types.has(item.getAttribute("data-type")); });
  }
  /* The node linked to more nodes than any other, if one is (and to more than one). */
  function hub(nodes, degree) {
    var best = null, most = 1, tied = false;
    nodes.forEach(function (node) {
      var links = degree.get(node.id) || 0;
      if (links > most) { best = node.id; most = links; tied = false; } else if (links === most && best !== null) { tied = true; }
    });
    return tied ? null : best;
  }
  /* Draw the answer's graph at the answer's positions and sizes; a relationship is drawn when both its ends are. */
  function drawNetwork(answer) {
    var box = document.getElementById("result-graph");
    if (drawing) { drawing.network.destroy(); drawing = null; }
    document.body.removeAttribute("data-network");
    var graph = answer.graph;
    box.hidden = !graph || !graph.nodes.length;
    if (box.hidden) { return; }
    var byId = new Map(graph.nodes.map(function (node) { return [node.id, node]; }));
    var rels = graph.relationships.filter(function (rel) { return byId.has(rel.start) && byId.has(rel.end); });
    var degree = new Map();
    rels.forEach(function (rel) {
      [rel.start, rel.end].forEach(function (id) { degree.set(id, (degree.get(id) || 0) + 1); });
    });
    function nameOf(id) { return byId.has(id) ? byId.get(id).name : String(id); }
    var nodes = graph.nodes.map(function (node) {
      var at = answer.positions[node.id];
      return {
        id: node.id, group: node.kind, size: answer.sizes[node.id], x: at[0], y: at[1],
        title: node.name + "\n" + words.kindName(node.kind) + " \u00b7 " + (degree.get(node.id) || 0)
      };
    });
    var edges = rels.map(function (rel, index) {
      var style = config.edgeStyles[rel.type] || GREY;
      return {
        id: index, from: rel.start, to: rel.end, color: style.color, dashes: style.dashes || false, width: style.width,
        title: nameOf(rel.start) + " " + words.relName(rel.type) + " " + nameOf(rel.end)
      };
    });
    var large = nodes.length > config.network.largeAbove;
    var container = document.getElementById("result-network");
    var network = new vis.Network(container, { nodes: nodes, edges: edges },
      JSON.parse(JSON.stringify(large ? config.network.large : config.network.small)));
    // the chosen node is named in full; when none is, the result's centre (linked to more nodes than any
    // other) is, as a view's focus is: the middle of a star finds no free spot of its own among its partners
    var centre = hub(graph.nodes, degree);
    var labels = window.graphappLabels.layer(network, {
      text: nameOf,
      rank: function (id) { return (answer.sizes[id] || 10) * 1e5 + (degree.get(id) || 0); },
      focus: function () {
        var selected = network.getSelectedNodes();
        return selected.length === 1 ? selected : centre ? [centre] : [];
      }
    });
    drawing = {
      network: network, labels: labels, nodeName: nameOf, map: null, nodes: graph.nodes, relationships: rels,
      kinds: new Set(graph.nodes.map(function (node) { return node.kind; })),
      types: new Set(rels.map(function (rel) { return rel.type; }))
    };
    showLegend(drawing.kinds, drawing.types);
    // the first picture fitted with room for the outermost names, fitted again when the frame changes size
    // until someone moves the view
    var moved = false;
    network.on("dragEnd", function (params) { if (!params.nodes.length) { moved = true; } });
    network.on("zoom", function () { moved = true; });
    network.on("resize", function () { if (!moved) { window.graphappLabels.fit(network); } });
    window.graphappLabels.fit(network);
    network.once("afterDrawing", function () { document.body.setAttribute("data-network", "drawn"); });
    network.on("click", function (params) { if (params.nodes.length) { showDetails(byId.get(params.nodes[0])); } });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) { window.open(viewUrl(byId.get(params.nodes[0])), "_blank", "noopener"); }
    });
  }
  /* The network as it is on screen, for a PNG or SVG (kit.js): the names where the label layer drew them,
     the legend of the kinds and lines drawn. Null when there is none. */
  function picture(title) {
    if (!drawing) { return null; }
    return {
      network: drawing.network, title: title, styles: config.styles, edgeStyles: config.edgeStyles, credit: null, map: null,
      legend: config.legend.filter(function (item) { return drawing.kinds.has(item.kind); }),
      lines: config.lines.filter(function (line) { return drawing.types.has(line.type); }),
      labels: drawing.labels.boxes(), relationships: drawing.relationships,
      nodes: drawing.nodes.map(function (node) {
        return { id: node.id, kind: node.kind, name: node.name, size: drawing.network.body.nodes[node.id].options.size };
      })
    };
  }

  bench.result = {
    drawTable: drawTable, drawPlan: drawPlan, drawNetwork: drawNetwork, showDetails: showDetails, picture: picture,
    drawing: function () { return drawing; }
  };
})();
