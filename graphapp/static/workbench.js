/* graphapp workbench: a Cypher editor (CodeMirror 5, vendored), and the result of the query the URL asks
 * for, run through the JSON API (POST /api/queries/{name} or POST /api/cypher, the same guard, timeout,
 * row cap and errors as any client): a table, a network like the explorer's, downloads.
 * Every text from data goes into the DOM with textContent, never innerHTML. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("page-config").textContent);
  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.lang);
  var t = words.t;
  var el = kit.el;
  var result = null;
  var network = null;

  // -- the editor: Cypher highlighting; Ctrl/Cmd+Enter runs; Tab leaves the editor (no keyboard trap) --
  var textarea = document.getElementById("cypher-text");
  var adhocForm = document.getElementById("adhoc-form");
  if (textarea && window.CodeMirror) {
    var editor = window.CodeMirror.fromTextArea(textarea, {
      mode: "application/x-cypher-query",
      lineNumbers: true,
      lineWrapping: true,
      viewportMargin: Infinity,
      screenReaderLabel: t("editor_label"),
      extraKeys: {
        "Ctrl-Enter": function () { adhocForm.requestSubmit(); },
        "Cmd-Enter": function () { adhocForm.requestSubmit(); },
        Tab: false,
        "Shift-Tab": false,
        Esc: function (cm) { cm.getInputField().blur(); }
      }
    });
    editor.getInputField().setAttribute("aria-describedby", "editor-help limits");
    adhocForm.addEventListener("submit", function () { editor.save(); });
    document.querySelector("label[for=cypher-text]").addEventListener("click", function () { editor.focus(); });
  }

  // -- running the query the URL asks for --
  function setStatus(text) { document.getElementById("results-status").textContent = text; }
  function showError(title, detail) {
    var box = document.getElementById("query-error");
    box.replaceChildren();
    var line = el("p");
    line.appendChild(el("strong", title + ": "));
    line.appendChild(document.createTextNode(detail));
    box.appendChild(line);
    document.body.setAttribute("data-state", "error");
  }
  // every URL comes from the server (graphapp.views.urls.Urls) as a template: fill its {slots}
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (slot, name) { return values[name]; });
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) {
          var error = new Error(answer.detail || response.status + " " + response.statusText);
          error.title = answer.title || t("query_error");
          throw error;
        }
        return answer;
      });
    });
  }
  var asked = null;  // the request of the result shown: its downloads run it again as a table
  function run(request) {
    asked = request;
    setStatus(t("running"));
    document.body.setAttribute("data-state", "running");
    var answer = request.kind === "saved"
      ? post(fill(config.api.saved_query, { name: encodeURIComponent(request.name) }), { parameters: request.parameters })
      : post(config.api.cypher, { query: request.query, parameters: request.parameters });
    return answer.then(show).catch(function (error) {
      setStatus("");
      showError(error.title || t("query_error"), error.message);
    });
  }

  // -- the result: a table of rows, a network of its nodes, downloads --
  function viewUrl(node) {
    return fill(config.links[node.kind === "project" ? "project" : "actor"], { id: encodeURIComponent(node.id) });
  }
  function cell(value, column) {
    var td = el("td");
    if (value && typeof value === "object" && !Array.isArray(value) && value.id && value.kind && value.name) {
      var link = el("a", value.name);
      link.href = viewUrl(value);
      if (config.embed) { link.target = "_blank"; link.rel = "noopener"; }
      td.appendChild(link);
      td.appendChild(el("span", " " + words.kindName(value.kind), "muted"));
    } else if (value && typeof value === "object" && !Array.isArray(value) && value.type && "start" in value) {
      td.textContent = words.relName(value.type);
    } else {
      td.textContent = plain(value, column);
    }
    return td;
  }
  /* A value in words, by its column's name as a property key: kronor for *_sek, dates, coded values. */
  function plain(value, column) {
    if (value === null || value === undefined) { return ""; }
    if (Array.isArray(value)) { return value.map(function (item) { return plain(item, column); }).join(", "); }
    if (typeof value === "object") { return value.name || JSON.stringify(value); }
    return words.value(column, value);
  }
  function show(answer) {
    result = answer;
    document.getElementById("query-error").replaceChildren();
    var table = document.getElementById("result-table");
    var head = table.querySelector("thead"), body = table.querySelector("tbody");
    head.replaceChildren();
    body.replaceChildren();
    var headRow = el("tr");
    answer.columns.forEach(function (column) { var th = el("th", column); th.scope = "col"; headRow.appendChild(th); });
    head.appendChild(headRow);
    answer.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (value, index) { tr.appendChild(cell(value, answer.columns[index])); });
      body.appendChild(tr);
    });
    table.hidden = false;
    var status = answer.rows.length ? t("results_count", { rows: answer.rows.length }) : t("results_empty");
    if (answer.truncated) { status += " " + t("results_truncated"); }
    setStatus(status);
    drawNetwork(answer.graph);
    document.getElementById("download-menu").hidden = false;
    document.body.setAttribute("data-state", "stable");
    document.body.setAttribute("data-rows", String(answer.rows.length));
  }
  function drawNetwork(graph) {
    var box = document.getElementById("result-network");
    if (!graph || !graph.nodes.length) { box.hidden = true; return; }
    box.hidden = false;
    var names = {};
    graph.nodes.forEach(function (node) { names[node.id] = node.name; });
    var nodes = graph.nodes.map(function (node) {
      var style = config.styles[node.kind] || config.styles.organization;
      return {
        id: node.id, label: node.name.length > 40 ? node.name.slice(0, 39) + "…" : node.name, shape: style.shape, size: 14,
        title: node.name + "\n" + words.kindName(node.kind),
        color: { background: style.color, border: style.border, highlight: { background: style.color, border: "#000000" } }
      };
    });
    var edges = graph.relationships.filter(function (rel) { return names[rel.start] && names[rel.end]; }).map(function (rel, index) {
      var style = config.edgeStyles[rel.type] || { color: "#707070", dashes: false };
      return {
        id: index, from: rel.start, to: rel.end, arrows: "to", color: style.color, dashes: style.dashes, width: 1.5,
        title: names[rel.start] + " " + words.relName(rel.type) + " " + names[rel.end]
      };
    });
    if (network) { network.destroy(); }
    network = new vis.Network(box, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
      autoResize: true,
      nodes: { font: { size: 15, color: "#111111", strokeWidth: 4, strokeColor: "#ffffff" }, borderWidth: 1.5 },
      edges: { smooth: { type: "continuous", roundness: 0.3 }, arrows: { to: { scaleFactor: 0.45 } } },
      physics: { solver: "barnesHut", barnesHut: { gravitationalConstant: -6000, springLength: 130, damping: 0.3 },
        stabilization: { iterations: 200, fit: true } },
      interaction: { hover: true, keyboard: { enabled: true, bindToWindow: false }, tooltipDelay: 150 },
      layout: { improvedLayout: false, randomSeed: 7 }
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      network.once("afterDrawing", function () { document.body.setAttribute("data-network", "drawn"); });
      network.redraw();
    });
    // a node leads to its own view in the explorer
    var byId = {};
    graph.nodes.forEach(function (node) { byId[node.id] = node; });
    network.on("click", function (params) {
      if (params.nodes.length && byId[params.nodes[0]]) {
        var target = viewUrl(byId[params.nodes[0]]);
        if (config.embed) { window.open(target, "_blank", "noopener"); } else { window.location.href = target; }
      }
    });
    result.picture = {
      network: network, title: config.title, styles: config.styles, edgeStyles: config.edgeStyles, credit: null, map: null,
      legend: kinds(graph.nodes).map(function (kind) { return { kind: kind, label: words.kindName(kind) }; }),
      nodes: graph.nodes.map(function (node, index) { return { id: node.id, kind: node.kind, name: node.name, label: nodes[index].label, size: 14 }; }),
      relationships: graph.relationships
    };
  }
  function kinds(list) {
    var seen = [];
    list.forEach(function (node) { if (seen.indexOf(node.kind) < 0) { seen.push(node.kind); } });
    return seen;
  }
  /* The rows as a table file, written by the server (the query runs again, as the API's csv or xlsx). */
  function rowsTable(format) {
    var values = { format: format, lang: config.lang };
    var file = asked.kind === "saved"
      ? kit.postForFile(fill(config.api.saved_query_table, { name: encodeURIComponent(asked.name), format: format, lang: config.lang }),
        { parameters: asked.parameters })
      : kit.postForFile(fill(config.api.cypher_table, values), { query: asked.query, parameters: asked.parameters });
    return file.then(function (blob) { kit.download(kit.fileName(config.title, format), blob); });
  }
  kit.wireDownloads(document.getElementById("download-menu"), {
    xlsx: function () { return rowsTable("xlsx"); },
    csv: function () { return rowsTable("csv"); },
    json: function () {
      var rows = result.rows.map(function (row) {
        var record = {};
        result.columns.forEach(function (column, index) { record[column] = row[index]; });
        return record;
      });
      kit.download(kit.fileName(config.title, "json"), kit.json({ columns: result.columns, rows: rows, truncated: result.truncated }));
    },
    png: function () {
      if (!result.picture) { throw new Error(t("results_empty")); }
      return kit.networkPNG(result.picture).then(function (blob) { kit.download(kit.fileName(config.title, "png"), blob); });
    },
    svg: function () {
      if (!result.picture) { throw new Error(t("results_empty")); }
      kit.download(kit.fileName(config.title, "svg"), kit.networkSVG(result.picture));
    }
  }, t);

  var share = document.getElementById("share-url");
  if (share) { share.addEventListener("focus", function () { share.select(); }); }
  if (config.run) { run(config.run); }
  window.graphappWorkbench = { run: run, result: function () { return result; } };
})();
