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
  var words = kit.make(config.strings, config.locale);
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

  // -- errors: explained by the server in the page's language (problem+json `message`, by its `code`:
  //    graphapp.views.messages.explain), the server's own text kept below it --
  function showError(error) {
    var box = document.getElementById("query-error");
    var panel = el("div", null, "error-box");
    panel.setAttribute("data-error", error.code || "query_failed");
    panel.appendChild(el("p")).appendChild(el("strong", error.explained || t("error.query_failed")));
    var line = (error.params && error.params.line) || (/\(line (\d+), column (\d+)/.exec(error.message) || [])[1];
    if (line && bench.editor) {
      bench.editor.markLine(+line);
      panel.appendChild(el("p", t("error.line", { line: line })));
    }
    if (error.message) {  // the server's own text: Neo4j's words, as it said them
      var server = el("details", null, "server-answer");
      server.open = true;
      server.appendChild(el("summary", t("error.server_text")));
      var original = el("pre", (error.title ? error.title + ": " : "") + error.message, "server-text");
      original.lang = "en";
      server.appendChild(original);
      panel.appendChild(server);
    }
    box.replaceChildren(panel);
    document.body.setAttribute("data-state", "error");
  }
  bench.showError = showError;

  // -- running the query the URL asks for --
  function endpoint(what, format) {
    var url = what.kind === "saved" ? fill(config.api.saved_query, { name: encodeURIComponent(what.name) }) : config.api.cypher;
    return url + "?" + (format ? "format=" + format + "&" : "") + "lang=" + encodeURIComponent(config.lang);
  }
  function body(what) { return what.kind === "saved" ? { parameters: what.parameters } : { query: what.query, parameters: what.parameters }; }
  function post(url, payload, accept) {
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: accept || "application/json" }, body: JSON.stringify(payload)
    }).then(function (response) {
      if (response.ok) { return response; }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        var error = new Error(answer.detail || String(response.status));
        error.title = answer.title || "";
        error.status = response.status;
        error.code = answer.code;
        error.params = answer.params;
        error.explained = answer.message;
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
          name: wrong.name, given: words.typeName(wrong.given), expected: words.typeName(wrong.expected.type), property: wrong.expected.property
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
