/* graphapp workbench, the editor's side: CodeMirror with Cypher highlighting and completion (labels,
 * relationship types, properties, parameters, functions, keywords and saved queries, from the schema the
 * server describes, graphapp.graph_schema), the schema sidebar (a click inserts), a form of one field per
 * parameter typed by the query's `// @param name: type` header, and the history kept in this browser.
 * Every text from data goes into the DOM with textContent, never innerHTML. Exposes graphappBench.editor. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("page-config").textContent);
  var kit = window.graphappKit;
  var words = kit.make(config.strings, config.locale);
  var t = words.t;
  var el = kit.el;
  var bench = window.graphappBench = window.graphappBench || {};
  var textarea = document.getElementById("cypher-text");
  var form = document.getElementById("adhoc-form");
  if (!textarea || !form || !window.CodeMirror) { bench.editor = null; return; }

  var KEYWORDS = ("MATCH OPTIONAL WHERE RETURN WITH UNWIND AS ORDER BY SKIP LIMIT DISTINCT COUNT COLLECT CALL YIELD " +
    "UNION ALL EXISTS CASE WHEN THEN ELSE END AND OR XOR NOT IN IS NULL STARTS ENDS CONTAINS SHORTEST " +
    "EXPLAIN PROFILE CYPHER SHOW INDEXES CONSTRAINTS FUNCTIONS PROCEDURES ASC DESC TRUE FALSE").split(" ");
  var TYPES = ["string", "integer", "float", "boolean", "list", "map"];
  var labels = config.schema.labels.map(function (spec) { return spec.label; });
  var types = config.schema.relationships.map(function (spec) { return spec.type; });
  var propsOf = {};
  config.schema.labels.forEach(function (spec) { propsOf[spec.label] = spec.properties.map(function (p) { return p.key; }); });
  config.schema.relationships.forEach(function (spec) { propsOf[spec.type] = spec.properties.map(function (p) { return p.key; }); });
  // the type of each property as a parameter type, by label or relationship type: a parameter compared with
  // a property gets the property's type ({code: $code} on a Municipality is text)
  var AS_PARAMETER = { String: "string", Integer: "integer", Float: "float", Boolean: "boolean", "List<String>": "list" };
  var typeOf = {};
  config.schema.labels.concat(config.schema.relationships).forEach(function (spec) {
    var owner = typeOf[spec.label || spec.type] = {};
    spec.properties.forEach(function (p) { owner[p.key] = AS_PARAMETER[p.type]; });
  });
  var allProps = [];
  Object.keys(propsOf).forEach(function (owner) {
    propsOf[owner].forEach(function (key) { if (allProps.indexOf(key) < 0) { allProps.push(key); } });
  });

  var editor = window.CodeMirror.fromTextArea(textarea, {
    mode: "application/x-cypher-query",
    lineNumbers: true,
    lineWrapping: true,
    viewportMargin: Infinity,
    screenReaderLabel: t("editor_label"),
    hintOptions: { hint: hint, completeSingle: false },
    extraKeys: {
      "Ctrl-Enter": function () { form.requestSubmit(document.getElementById("run-button")); },
      "Cmd-Enter": function () { form.requestSubmit(document.getElementById("run-button")); },
      "Ctrl-Space": "autocomplete",
      Tab: false,
      "Shift-Tab": false,
      Esc: function (cm) { cm.getInputField().blur(); }
    }
  });
  editor.getInputField().setAttribute("aria-describedby", "editor-help limits");
  document.querySelector("label[for=cypher-text]").addEventListener("click", function () { editor.focus(); });
  editor.on("inputRead", function (cm, change) {
    var typed = change.text[change.text.length - 1];
    if (/[:.$]$/.test(typed) && !cm.state.completionActive) { cm.showHint(); }
  });

  // -- completion --
  /* The label or type a variable was bound to in the text: (m:Municipality …) or [r:FUNDS …]. */
  function ownerOf(text, variable) {
    var pattern = new RegExp("[(\\[]\\s*" + variable.replace(/[^\w]/g, "") + "\\s*:\\s*`?(\\w+)");
    var found = pattern.exec(text);
    return found ? found[1] : null;
  }
  /* The bracket the cursor is inside: "(" (a node: labels), "[" (a relationship: types) or "". */
  function openBracket(text) {
    var stack = [];
    text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[()[\]]/g, function (part) {
      if (part === "(" || part === "[") { stack.push(part); } else if (part === ")" || part === "]") { stack.pop(); }
      return part;
    });
    return stack.length ? stack[stack.length - 1] : "";
  }
  var COMPLETIONS = {
    label: t("completion.label"), type: t("completion.type"), property: t("completion.property"),
    parameter: t("completion.parameter"), "function": t("completion.function"), keyword: t("completion.keyword"),
    saved: t("completion.saved")
  };
  function item(text, kind, extra) {
    var entry = { text: text, displayText: text + "  \u2014 " + COMPLETIONS[kind], className: "hint-" + kind };
    Object.keys(extra || {}).forEach(function (key) { entry[key] = extra[key]; });
    return entry;
  }
  function hint(cm) {
    var cursor = cm.getCursor();
    var before = cm.getRange(window.CodeMirror.Pos(0, 0), cursor);
    var match = /([:.$]?)(\w*)$/.exec(before);
    var sigil = match[1], prefix = match[2].toLowerCase();
    var list;
    if (sigil === ":") {
      var bracket = openBracket(before);
      list = (bracket === "[" ? [] : labels.map(function (name) { return item(name, "label"); }))
        .concat(bracket === "(" ? [] : types.map(function (name) { return item(name, "type"); }));
    } else if (sigil === ".") {
      var variable = /(\w+)\.\w*$/.exec(before);
      var owner = variable ? ownerOf(cm.getValue(), variable[1]) : null;
      list = (owner && propsOf[owner] ? propsOf[owner] : allProps).map(function (key) { return item(key, "property"); });
    } else if (sigil === "$") {
      list = parameterNames(cm.getValue()).map(function (name) { return item(name, "parameter"); });
    } else {
      list = config.queries.map(function (query) {
        return item(query.name, "saved", { hint: function (instance) { setQuery(query.source, null); instance.focus(); } });
      }).concat(KEYWORDS.map(function (word) { return item(word, "keyword"); }),
        config.functions.map(function (name) { return item(name + "(", "function"); }));
    }
    list = list.filter(function (entry) { return entry.text.toLowerCase().indexOf(prefix) === 0 && entry.text !== match[2]; });
    return { list: list, from: window.CodeMirror.Pos(cursor.line, cursor.ch - match[2].length), to: cursor };
  }

  // -- the sidebar: a click inserts a label, a type or a property where the cursor is --
  document.querySelectorAll("[data-insert]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();  // a button inside <summary> must not toggle it
      var text = button.getAttribute("data-insert");
      var cursor = editor.getCursor();
      var previous = editor.getRange(window.CodeMirror.Pos(cursor.line, Math.max(0, cursor.ch - 1)), cursor);
      if (button.classList.contains("prop") && /\w/.test(previous)) { text = "." + text; }
      editor.replaceSelection(text);
      editor.focus();
    });
  });

  // -- parameters: one field per $name, typed by the header; the JSON box is what the form sends --
  var jsonBox = document.getElementById("cypher-params");
  var fieldset = document.getElementById("params-form");
  var fieldsBox = document.getElementById("params-fields");
  document.getElementById("params-json").hidden = true;
  function code(text) {  // the text without strings and comments, for finding $names
    return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, " ");
  }
  function declared(text) {
    var found = {};
    text.split("\n").forEach(function (line) {
      var m = /^\s*\/\/\s*@param\s+([A-Za-z_]\w*)\s*:\s*(\w+)\s*(.*)$/.exec(line);
      if (m) { found[m[1]] = { type: canonical(m[2]), help: m[3] }; }
    });
    return found;
  }
  function canonical(type) {
    var lower = type.toLowerCase();
    return { str: "string", int: "integer", number: "float", bool: "boolean" }[lower] || (TYPES.indexOf(lower) >= 0 ? lower : "string");
  }
  function parameterNames(text) {
    var names = Object.keys(declared(text));
    code(text).replace(/\$(\w+)|\$`([^`]+)`/g, function (all, plain, quoted) {
      var name = plain || quoted;
      if (names.indexOf(name) < 0) { names.push(name); }
      return all;
    });
    return names;
  }
  /* The property a parameter is compared with, if the schema knows it: {name: {type, property}}. */
  function schemaTypes(text) {
    var src = code(text), out = {};
    function note(owner, key, name) {
      var owners = owner && typeOf[owner] ? [owner] : Object.keys(typeOf).filter(function (o) { return typeOf[o][key]; });
      var types = owners.map(function (o) { return typeOf[o][key]; }).filter(Boolean);
      if (types.length && types.every(function (type) { return type === types[0]; }) && !out[name]) {
        out[name] = { type: types[0], property: (owners.length === 1 ? owners[0] + "." : "") + key };
      }
    }
    src.replace(/[(\[]\s*\w*\s*:\s*`?(\w+)`?[^{}()[\]]*\{([^{}]*)\}/g, function (all, owner, body) {
      body.replace(/`?(\w+)`?\s*:\s*\$(\w+)/g, function (pair, key, name) { note(owner, key, name); return pair; });
      return all;
    });
    var comparison = "\\s*(?:=|<>|<=|>=|<|>|STARTS\\s+WITH|ENDS\\s+WITH|CONTAINS)\\s*";
    src.replace(new RegExp("(\\w+)\\.(\\w+)" + comparison + "\\$(\\w+)", "gi"), function (all, variable, key, name) {
      note(ownerOf(text, variable), key, name);
      return all;
    });
    return out;
  }
  /* Parameters whose value is not of the type of the property they are compared with. */
  function mismatches(text, parameters) {
    var expected = schemaTypes(text);
    return Object.keys(parameters || {}).filter(function (name) {
      var value = parameters[name];
      return expected[name] && value !== null && guessType(value) !== expected[name].type &&
        !(expected[name].type === "float" && guessType(value) === "integer");
    }).map(function (name) { return { name: name, given: guessType(parameters[name]), expected: expected[name] }; });
  }
  /* What each field holds, by name, kept while the text changes: {type, text, chosen}. */
  function fieldValues(parameters) {
    var out = {};
    Object.keys(parameters || {}).forEach(function (name) {
      var value = parameters[name];
      out[name] = { type: guessType(value), text: typeof value === "string" ? value : JSON.stringify(value) };
    });
    return out;
  }
  function guessType(value) {
    if (typeof value === "number") { return Number.isInteger(value) ? "integer" : "float"; }
    if (typeof value === "boolean") { return "boolean"; }
    if (Array.isArray(value)) { return "list"; }
    return value && typeof value === "object" ? "map" : "string";
  }
  var values = {};
  try {
    var given = JSON.parse(jsonBox.value || "{}");
    values = fieldValues(given && typeof given === "object" && !Array.isArray(given) ? given : {});
  } catch (error) { values = {}; }
  function renderFields() {
    var text = editor.getValue();
    var header = declared(text);
    var fromSchema = schemaTypes(text);
    var names = parameterNames(text);
    fieldsBox.replaceChildren();
    fieldset.hidden = !names.length;
    names.forEach(function (name) {
      var spec = header[name];
      var current = values[name] || { type: "string", text: "" };
      var known = !spec && !current.chosen && fromSchema[name];  // no header: the schema's type, unless chosen
      var type = spec ? spec.type : known ? known.type : current.type;
      var row = el("div", null, "param-row");
      var id = "param-field-" + name;
      var label = el("label");  // the parameter's name is code: $name in the query
      label.htmlFor = id;
      label.appendChild(el("code", name));
      label.appendChild(el("span", " (" + words.typeName(type) + ")", "muted"));
      row.appendChild(label);
      var input;
      if (type === "boolean") {
        input = el("select");
        ["", "true", "false"].forEach(function (option) { var o = el("option", option); o.value = option; input.appendChild(o); });
      } else {
        input = el("input");
        input.type = type === "integer" || type === "float" ? "number" : "text";
        if (type === "integer") { input.step = "1"; }
        if (type === "float") { input.step = "any"; }
      }
      input.id = id;
      input.setAttribute("data-param", name);
      input.setAttribute("data-type", type);
      input.value = current.text;
      input.addEventListener("input", function () { values[name] = { type: type, text: input.value }; });
      input.addEventListener("change", function () { values[name] = { type: type, text: input.value }; });
      row.appendChild(input);
      if (!spec) {  // undeclared: the analyst says what it is
        var select = el("select", null, "param-type");
        select.setAttribute("aria-label", t("param_type", { name: name }));
        TYPES.forEach(function (option) { var o = el("option", words.typeName(option)); o.value = option; select.appendChild(o); });
        select.value = type;
        select.addEventListener("change", function () {
          values[name] = { type: select.value, text: input.value, chosen: true };
          renderFields();
        });
        row.appendChild(select);
        if (known) { row.appendChild(el("span", t("params_from_schema", { property: known.property }), "help")); }
      } else {
        row.appendChild(el("span", spec.help ? config.paramHelp[spec.help] || spec.help : t("params_declared"), "help"));
      }
      fieldsBox.appendChild(row);
    });
  }
  /* The parameters as JSON values of their types, or an Error naming the one that does not fit. */
  function typedParameters() {
    var out = {};
    fieldsBox.querySelectorAll("[data-param]").forEach(function (input) {
      var name = input.getAttribute("data-param"), type = input.getAttribute("data-type"), raw = input.value.trim();
      var wrong = new Error(t("param_invalid", { name: name, type: words.typeName(type), value: raw }));
      if (type === "string") { out[name] = input.value; return; }
      if (raw === "") { throw wrong; }
      if (type === "integer") { if (!/^-?\d+$/.test(raw)) { throw wrong; } out[name] = parseInt(raw, 10); return; }
      if (type === "float") { if (isNaN(Number(raw))) { throw wrong; } out[name] = Number(raw); return; }
      if (type === "boolean") { out[name] = raw === "true"; return; }
      var parsed;
      try { parsed = JSON.parse(raw); } catch (error) { throw wrong; }
      if (type === "list" ? !Array.isArray(parsed) : !(parsed && typeof parsed === "object" && !Array.isArray(parsed))) { throw wrong; }
      out[name] = parsed;
    });
    return out;
  }
  var pending = null;
  editor.on("change", function () {
    clearTimeout(pending);
    pending = setTimeout(renderFields, 250);
    editor.getAllMarks().forEach(function (mark) { mark.clear(); });
    for (var line = 0; line < editor.lineCount(); line++) { editor.removeLineClass(line, "background", "error-line"); }
  });
  renderFields();

  form.addEventListener("submit", function (event) {
    editor.save();
    var prefix = event.submitter && event.submitter.getAttribute("data-prefix");
    if (prefix && !new RegExp("^\\s*(//[^\\n]*\\n\\s*)*(CYPHER[^\\n]*\\s)?" + prefix + "\\b", "i").test(textarea.value)) {
      textarea.value = withPrefix(textarea.value, prefix);
    }
    try {
      var parameters = typedParameters();
      jsonBox.value = Object.keys(parameters).length ? JSON.stringify(parameters) : "";
    } catch (error) {
      event.preventDefault();
      bench.showError && bench.showError({ code: "parameters", explained: error.message });  // said here, in the page's words
    }
  });
  /* The query with EXPLAIN or PROFILE before its statement (after its header comments), replacing the other. */
  function withPrefix(text, prefix) {
    var lines = text.split("\n"), index = 0;
    while (index < lines.length && /^\s*(\/\/.*)?$/.test(lines[index])) { index++; }
    lines[index] = prefix + " " + (lines[index] || "").replace(/^\s*(EXPLAIN|PROFILE)\s+/i, "");
    return lines.join("\n");
  }

  /* Put a query (and its parameter values) into the editor. */
  function setQuery(text, parameters) {
    if (parameters) { values = fieldValues(parameters); }
    editor.setValue(text);
    renderFields();
  }
  /* Mark a line of the query (an error's). */
  function markLine(line) {
    if (line >= 1 && line <= editor.lineCount()) { editor.addLineClass(line - 1, "background", "error-line"); }
  }

  // -- the history, in this browser's localStorage --
  var KEY = "graphapp.workbench.history";
  var LIMIT = 50;
  function readHistory() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "[]"); } catch (error) { return []; }
  }
  function writeHistory(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, LIMIT))); } catch (error) { /* storage off: no history */ }
    showHistory();
  }
  function remember(entry) {
    var same = function (other) { return other.query === entry.query && JSON.stringify(other.parameters) === JSON.stringify(entry.parameters); };
    writeHistory([entry].concat(readHistory().filter(function (other) { return !same(other); })));
  }
  function showHistory() {
    var list = document.getElementById("history-list");
    var entries = readHistory();
    list.replaceChildren();
    entries.forEach(function (entry) {
      var li = el("li");
      var button = el("button", null, "link history-entry");
      button.appendChild(el("code", entry.query.replace(/^\s*(\/\/[^\n]*\n)*/, "").replace(/\s+/g, " ").slice(0, 90)));
      button.type = "button";
      button.title = entry.query;
      button.addEventListener("click", function () { setQuery(entry.query, entry.parameters); editor.focus(); });
      li.appendChild(button);
      var when = new Date(entry.at);
      var outcome = entry.error ? t("error") : t("results_count", { rows: entry.rows });
      li.appendChild(el("span", " " + when.toLocaleString(words.locale) + " \u00b7 " + outcome, "muted"));
      list.appendChild(li);
    });
    document.getElementById("history-empty").hidden = entries.length > 0;
    document.getElementById("history-clear").hidden = entries.length === 0;
  }
  var clear = document.getElementById("history-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      try { window.localStorage.removeItem(KEY); } catch (error) { /* nothing kept */ }
      showHistory();
    });
    showHistory();
  }

  bench.editor = {
    cm: editor, setQuery: setQuery, markLine: markLine, remember: remember, history: readHistory, hint: hint,
    mismatches: function (parameters) { return mismatches(editor.getValue(), parameters); }
  };
})();
