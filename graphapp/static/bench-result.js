/* graphapp workbench, the result's side: the rows as a table, the plan of EXPLAIN / PROFILE as a tree with
 * rows and db hits, and the nodes and relationships as a network with a legend, the explorer's label
 * rules (graphapp.views.network.network_options) and a node's details beside it, fetched from the API.
 * Every text from data goes into the DOM with textContent, never innerHTML. Exposes graphappBench.result. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("page-config").textContent);
  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.locale);
  var t = words.t;
  var el = kit.el;
  var bench = window.graphappBench = window.graphappBench || {};
  var network = null;

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

  // -- the network, its legend and a node's details --
  /* The legend of what the network shows: each kind of node and each type of relationship in it. Built here
     so that it can give way to the explorer's shared legend (kit.js) once there is one. */
  function legend(graph) {
    var box = el("div");
    var kinds = el("ul", null, "legend-kinds");
    distinct(graph.nodes, "kind").forEach(function (kind) {
      var li = el("li");
      li.appendChild(el("span", null, "swatch kind-" + kind));
      li.appendChild(document.createTextNode(" " + words.kindName(kind)));
      kinds.appendChild(li);
    });
    box.appendChild(kinds);
    var types = el("ul", null, "legend-types");
    types.setAttribute("aria-label", t("relationship_types"));
    distinct(graph.relationships, "type").forEach(function (type) {
      var style = config.edgeStyles[type] || { color: "#707070", dashes: false };
      var li = el("li");
      var line = el("span", null, "line-sample" + (style.dashes ? " dashed" : ""));
      line.style.borderTopColor = style.color;
      li.appendChild(line);
      li.appendChild(document.createTextNode(" " + words.relName(type)));
      types.appendChild(li);
    });
    box.appendChild(types);
    return box;
  }
  function distinct(list, key) {
    var seen = [];
    list.forEach(function (item) { if (seen.indexOf(item[key]) < 0) { seen.push(item[key]); } });
    return seen;
  }
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
  function drawNetwork(graph, positions, picture) {
    var box = document.getElementById("result-graph");
    if (network) { network.destroy(); network = null; }
    if (!graph || !graph.nodes.length) { box.hidden = true; return null; }
    box.hidden = false;
    var options = JSON.parse(JSON.stringify(positions ? config.network.large : config.network.small));
    options.interaction.hover = true;
    var names = {};
    graph.nodes.forEach(function (node) { names[node.id] = node.name; });
    var nodes = graph.nodes.map(function (node) {
      var item = {
        id: node.id, group: node.kind, size: 14, title: node.name + "\n" + words.kindName(node.kind),
        label: node.name.length > 40 ? node.name.slice(0, 39) + "\u2026" : node.name
      };
      if (positions && positions[node.id]) { item.x = positions[node.id][0]; item.y = positions[node.id][1]; }
      return item;
    });
    var edges = graph.relationships.filter(function (rel) { return names[rel.start] && names[rel.end]; }).map(function (rel, index) {
      var style = config.edgeStyles[rel.type] || {};
      var edge = { id: index, from: rel.start, to: rel.end, title: names[rel.start] + " " + words.relName(rel.type) + " " + names[rel.end] };
      if (style.color) { edge.color = { color: style.color }; }
      if (style.dashes) { edge.dashes = true; }
      return edge;
    });
    network = new vis.Network(document.getElementById("result-network"), { nodes: nodes, edges: edges }, options);
    function drawn() {
      network.once("afterDrawing", function () {
        document.body.setAttribute("data-network", "drawn");
        window.graphappNetworkDrawnAt = performance.now();
      });
      network.redraw();
    }
    if (positions) {
      drawn();
    } else {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit({ animation: false });
        drawn();
      });
    }
    document.getElementById("result-legend").replaceChildren(legend(graph));
    var byId = {};
    graph.nodes.forEach(function (node) { byId[node.id] = node; });
    network.on("click", function (params) { if (params.nodes.length && byId[params.nodes[0]]) { showDetails(byId[params.nodes[0]]); } });
    network.on("doubleClick", function (params) {
      if (params.nodes.length && byId[params.nodes[0]]) { window.open(viewUrl(byId[params.nodes[0]]), "_blank", "noopener"); }
    });
    return {
      network: network, title: picture.title, styles: config.styles, edgeStyles: config.edgeStyles, credit: null, map: null,
      legend: distinct(graph.nodes, "kind").map(function (kind) { return { kind: kind, label: words.kindName(kind) }; }),
      nodes: graph.nodes.map(function (node, index) { return { id: node.id, kind: node.kind, name: node.name, label: nodes[index].label, size: 14 }; }),
      relationships: graph.relationships
    };
  }

  bench.result = { drawTable: drawTable, drawPlan: drawPlan, drawNetwork: drawNetwork, showDetails: showDetails, legend: legend };
})();
