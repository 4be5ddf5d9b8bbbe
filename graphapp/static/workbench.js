/* graphapp workbench: runs the query the URL asks for through the JSON API (POST /api/queries/{name} or
 * POST /api/cypher: the same guard, timeout, row cap and errors as any client), shows the result
 * (bench-result.js), keeps it in the history (bench-editor.js), explains errors in the page's language with
 * the server's text kept, and downloads the rows (CSV and XLSX from the API, one column per property, named
 * after the query), the answer (JSON) and the network (PNG, SVG). On the embedded store nothing runs.
 * Every text from data goes into the DOM with textContent, never innerHTML. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("page-config").textContent);
  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.lang);
  var t = words.t;
  var el = kit.el;
  var bench = window.graphappBench = window.graphappBench || {};
  var result = null;
  var request = null;

  function setStatus(text) { document.getElementById("results-status").textContent = text; }
  // every URL comes from the server (graphapp.views.urls.Urls) as a template: fill its {slots}
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (slot, name) { return values[name]; });
  }

  // -- errors: what went wrong in the page's language, and the server's own text --
  var EXPLAINED = [
    ["error.neo4j_needed", function (e) { return e.status === 501; }],
    ["error.unavailable", function (e) { return e.status === 503; }],
    ["error.timeout", function (e) { return e.title === "Query timeout"; }],
    ["error.memory", function (e) { return /more memory than/.test(e.message); }],
    ["error.syntax", function (e) { return /Neo\.ClientError\.Statement\.SyntaxError/.test(e.message); }],
    ["error.read_only", function (e) { return /AccessMode|read access mode/.test(e.message); }],
    ["error.parameter_missing", function (e) { return /ParameterMissing|Expected parameter/.test(e.message); }],
    ["error.unknown", function (e) { return /ProcedureNotFound|UnknownFunction|UndefinedVariable|not defined/.test(e.message); }],
    ["error.type", function (e) { return /Neo\.ClientError\.Statement\.(TypeError|ArgumentError)/.test(e.message); }],
    ["error.parameters", function (e) { return e.local || e.title === "Invalid request" || /^parameters? /.test(e.message); }],
    ["error.refused", function (e) { return e.title === "Invalid query" && !/\(Neo\.\w+Error/.test(e.message); }]
  ];
  function showError(error) {
    var key = (EXPLAINED.filter(function (rule) { return rule[1](error); })[0] || ["error.other"])[0];
    var box = document.getElementById("query-error");
    var panel = el("div", null, "error-box");
    panel.setAttribute("data-error", key.replace("error.", ""));
    panel.appendChild(el("p")).appendChild(el("strong", t(key)));
    var where = /\(line (\d+), column (\d+)/.exec(error.message);
    if (where && bench.editor) {
      bench.editor.markLine(+where[1]);
      panel.appendChild(el("p", t("error.line", { line: where[1] })));
    }
    var server = el("details", null, "server-answer");
    server.open = true;
    server.appendChild(el("summary", t("error.server_text") + (error.title ? ": " + error.title : "")));
    server.appendChild(el("pre", error.message, "server-text"));
    panel.appendChild(server);
    box.replaceChildren(panel);
    document.body.setAttribute("data-state", "error");
  }
  bench.showError = showError;

  // -- running the query the URL asks for --
  function endpoint(what, format) {
    var url = what.kind === "saved" ? fill(config.api.saved_query, { name: encodeURIComponent(what.name) }) : config.api.cypher;
    return format ? url + "?format=" + format + "&lang=" + encodeURIComponent(config.lang) : url;
  }
  function body(what) { return what.kind === "saved" ? { parameters: what.parameters } : { query: what.query, parameters: what.parameters }; }
  function post(url, payload, accept) {
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: accept || "application/json" }, body: JSON.stringify(payload)
    }).then(function (response) {
      if (response.ok) { return response; }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        var error = new Error(answer.detail || response.status + " " + response.statusText);
        error.title = answer.title || t("query_error");
        error.status = response.status;
        throw error;
      });
    });
  }
  function queryText(what) {
    if (what.kind !== "saved") { return what.query; }
    var saved = config.queries.filter(function (query) { return query.name === what.name; })[0];
    return saved ? saved.source : what.name;
  }
  function run(what) {
    request = what;
    setStatus(t("running"));
    document.body.setAttribute("data-state", "running");
    var entry = { query: queryText(what), parameters: what.parameters, at: Date.now() };
    return post(endpoint(what), body(what)).then(function (response) { return response.json(); }).then(function (answer) {
      show(answer);
      entry.rows = answer.rows.length;
      if (bench.editor) { bench.editor.remember(entry); }
    }).catch(function (error) {
      setStatus("");
      showError(error);
      entry.error = error.message;
      if (bench.editor) { bench.editor.remember(entry); }
    });
  }
  var marks = window.graphappMarks = {};  // performance.now() of each step, for benchmarks/bench_workbench.py
  function show(answer) {
    marks.answer = performance.now();
    result = answer;
    document.getElementById("query-error").replaceChildren();
    bench.result.drawTable(answer);
    bench.result.drawPlan(answer.plan);
    marks.table = performance.now();
    var status = answer.rows.length ? t("results_count", { rows: answer.rows.length }) : answer.plan ? "" : t("results_empty");
    if (!answer.rows.length && !answer.plan && bench.editor && request) {  // no rows: a number where the schema has text?
      bench.editor.mismatches(request.parameters).forEach(function (wrong) {
        status += " " + t("params_mismatch", {
          name: wrong.name, given: t("type." + wrong.given), expected: t("type." + wrong.expected.type), property: wrong.expected.property
        });
      });
    }
    if (answer.truncated) { status += " " + t("results_truncated"); }
    setStatus(status);
    bench.result.drawNetwork(answer);
    marks.network = performance.now();
    document.getElementById("download-menu").hidden = false;
    document.body.setAttribute("data-state", "stable");
    document.body.setAttribute("data-rows", String(answer.rows.length));
  }

  // -- downloads --
  function needResult() { if (!result || !request) { throw new Error(t("results_none")); } }
  function picture() {
    needResult();
    var drawn = bench.result.picture(config.title);
    if (!drawn) { throw new Error(t("results_empty")); }
    return drawn;
  }
  function table(format) {
    needResult();
    return post(endpoint(request, format), body(request), "*/*").then(function (response) {
      var named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      return response.blob().then(function (blob) { kit.download(named ? named[1] : config.download + "." + format, blob); });
    });
  }
  kit.wireDownloads(document.getElementById("download-menu"), {
    csv: function () { return table("csv"); },
    xlsx: function () { return table("xlsx"); },
    json: function () {
      needResult();
      var rows = result.rows.map(function (row) {
        var record = {};
        result.columns.forEach(function (column, index) { record[column] = row[index]; });
        return record;
      });
      kit.download(config.download + ".json", kit.json({ columns: result.columns, rows: rows, truncated: result.truncated, plan: result.plan }));
    },
    png: function () {
      return kit.networkPNG(picture()).then(function (blob) { kit.download(config.download + ".png", blob); });
    },
    svg: function () { kit.download(config.download + ".svg", kit.networkSVG(picture())); }
  }, t);

  var share = document.getElementById("share-url");
  if (share) { share.addEventListener("focus", function () { share.select(); }); }
  if (config.run) { run(config.run); }
  window.graphappWorkbench = { run: run, result: function () { return result; }, drawing: bench.result.drawing };
})();
