/* The curator's page: upload, review a draft (network and tables), decide, edit, write, undo.
   Everything shown comes from the curation API's JSON and is set with textContent; the
   CSRF token from #curate-config goes with every request that changes something. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("curate-config").textContent);
  var words = window.graphappKit.make(config.strings, config.locale);
  var t = words.t;
  var current = null; // the draft on review
  var network = null;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function button(text, onClick, cls) {
    var b = el("button", text, cls);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  /* An error of the API in the page's words (the API words it for ?lang=); its English `detail` is kept
     as a tooltip for whoever needs it. */
  function problem(status, body) {
    var error = new Error(body.message || body.detail || String(status));
    error.detail = body.detail || "";
    error.lines = body.code === "invalid_records" ? (body.errors || []) : [];
    return error;
  }
  function api(path, options) {
    options = options || {};
    var headers = Object.assign({ "X-CSRF-Token": config.csrf }, options.headers || {});
    var url = config.api + path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + encodeURIComponent(config.lang);
    return fetch(url, Object.assign({ credentials: "same-origin" }, options, { headers: headers }))
      .then(function (response) {
        if (response.status === 204) { return null; }
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) { throw problem(response.status, body); }
          return body;
        });
      });
  }
  function post(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }
  function say(id, text, isError) {
    var box = document.getElementById(id);
    box.textContent = "";
    if (!text) { return; }
    var p = el("p", text, isError ? "error" : "");
    if (isError) { p.setAttribute("role", "alert"); }
    box.appendChild(p);
  }
  function fail(id) {
    return function (error) {
      say(id, error.message, true);
      var box = document.getElementById(id);
      if (error.lines && error.lines.length) {
        var list = el("ul", null, "error-lines");
        error.lines.forEach(function (line) { list.appendChild(el("li", line)); });
        box.appendChild(list);
      }
      if (error.detail && error.detail !== error.message) {  // the server's own words, for whoever needs them
        var original = el("details", null, "server-answer");
        original.appendChild(el("summary", t("error.original")));
        original.appendChild(el("p", error.detail)).lang = "en";
        box.appendChild(original);
      }
    };
  }

  // -- drafts ------------------------------------------------------------------
  function loadDrafts() {
    return api("/drafts").then(function (body) {
      var list = document.getElementById("draft-list");
      list.textContent = "";
      if (!body.drafts.length) { list.appendChild(el("li", t("curate.drafts_none"), "muted")); }
      body.drafts.forEach(function (draft) {
        var item = el("li");
        item.dataset.draft = draft.id;
        item.appendChild(el("span", draft.source, "draft-source"));
        item.appendChild(el("span", " · " + (draft.status === "open" ? t("curate.status_open") : t("curate.status_accepted")), "muted"));
        item.appendChild(button(t("curate.review"), function () { openDraft(draft.id); }, "link"));
        item.appendChild(button(t("curate.delete"), function () {
          api("/drafts/" + draft.id, { method: "DELETE" }).then(function () {
            if (current && current.id === draft.id) { document.getElementById("review").hidden = true; current = null; }
            return loadDrafts();
          }).catch(fail("upload-status"));
        }, "link"));
        list.appendChild(item);
      });
      document.getElementById("undo").disabled = !body.last_import;
    });
  }
  function openDraft(id) {
    return api("/drafts/" + id).then(show);
  }

  // -- review ------------------------------------------------------------------
  function nameOf(draft) {
    var names = {};
    draft.nodes.forEach(function (n) { names[n.id] = n.name || n.id; });
    return function (id) { return names[id] || id; };
  }
  function show(draft) {
    current = draft;
    document.getElementById("review").hidden = false;
    document.getElementById("review-heading").textContent = t("curate.review") + ": " + draft.source;
    document.body.setAttribute("data-draft", draft.id);
    document.body.setAttribute("data-status", draft.status);
    var open = draft.status === "open";
    ["accept-all", "reject-all", "write"].forEach(function (id) { document.getElementById(id).disabled = !open; });
    drawNetwork(draft);
    showNotes(draft);
    showProblems(draft);
    showMentioned(draft, open);
    showRelationships(draft, open);
    showNodes(draft, open);
    if (draft.receipt) { showReceipt(draft.receipt); } else { say("write-status", ""); }
    document.dispatchEvent(new CustomEvent("graphapp:draft", { detail: { draft: draft, open: open } }));
  }
  function showNotes(draft) {
    var notes = document.getElementById("notes");
    notes.textContent = "";
    var lines = draft.warnings.slice();
    if (draft.personal_data_dropped) { lines.unshift(t("curate.personal_dropped", { n: draft.personal_data_dropped })); }
    if (!lines.length) { return; }
    notes.appendChild(el("h3", t("curate.warnings")));
    var list = el("ul");
    lines.forEach(function (line) { list.appendChild(el("li", line)); });
    notes.appendChild(list);
  }
  function showProblems(draft) {
    var box = document.getElementById("problems");
    var body = document.querySelector("#problem-table tbody");
    body.textContent = "";
    draft.problems.forEach(function (p) {
      var row = el("tr");
      row.appendChild(el("td", p.where));
      row.appendChild(el("td", p.message));
      body.appendChild(row);
    });
    box.hidden = draft.problems.length === 0;
  }
  var DECISIONS = { accepted: t("curate.accepted"), rejected: t("curate.rejected"), pending: t("curate.pending") };
  function decisionLabel(decision) { return DECISIONS[decision] || decision; }
  function decideButtons(rel, cell) {
    cell.appendChild(button(t("curate.accept"), function () { edit([{ action: "decide", key: rel.key, decision: "accepted" }]); }, "small accept"));
    cell.appendChild(button(t("curate.reject"), function () { edit([{ action: "decide", key: rel.key, decision: "rejected" }]); }, "small reject secondary"));
  }
  function evidenceCell(rel) {
    var cell = el("td", rel.evidence, "evidence");
    if (rel.by_hand) { cell.insertBefore(el("span", t("curate.by_hand"), "by-hand"), cell.firstChild); }
    return cell;
  }
  /* Actors the text only names: the curator gives each a role (and so a type), or rejects it. */
  function showMentioned(draft, open) {
    var name = nameOf(draft);
    var body = document.querySelector("#mentioned-table tbody");
    body.textContent = "";
    var mentioned = draft.relationships.filter(function (rel) { return rel.mentioned; });
    mentioned.forEach(function (rel) {
      var row = el("tr", null, "decision-" + rel.decision);
      row.dataset.key = rel.key;
      row.appendChild(el("th", name(rel.start)));
      row.lastChild.scope = "row";
      row.appendChild(evidenceCell(rel));
      var role = el("td");
      if (open) { role.appendChild(roleSelect(rel, name(rel.start), !rel.role && rel.type === "PARTICIPATES_IN")); }
      else { role.textContent = roleName(rel.role); }
      row.appendChild(role);
      var decide = el("td");
      decide.appendChild(el("span", decisionLabel(rel.decision), "decision"));
      if (open) { decideButtons(rel, decide); }
      row.appendChild(decide);
      body.appendChild(row);
    });
    document.getElementById("mentioned").hidden = mentioned.length === 0;
  }
  function showRelationships(draft, open) {
    var name = nameOf(draft);
    var body = document.querySelector("#rel-table tbody");
    body.textContent = "";
    draft.relationships.filter(function (rel) { return !rel.mentioned; }).forEach(function (rel) {
      var row = el("tr", null, "decision-" + rel.decision);
      row.dataset.key = rel.key;
      row.appendChild(el("td", name(rel.start)));
      row.appendChild(el("td", config.relNames[rel.type] || rel.type));
      row.appendChild(el("td", name(rel.end)));
      var detail = el("td");
      if (open && ACTOR_TYPES.indexOf(rel.type) >= 0) {
        detail.appendChild(roleSelect(rel, name(rel.start)));
      } else {
        detail.textContent = roleName(rel.role);
      }
      if (rel.amount_sek !== null && rel.amount_sek !== undefined) {
        detail.appendChild(el("span", " " + words.sek(rel.amount_sek), "amount"));
      }
      row.appendChild(detail);
      row.appendChild(evidenceCell(rel));
      row.appendChild(el("td", Math.round(rel.confidence * 100) + " %"));
      var decide = el("td");
      decide.appendChild(el("span", decisionLabel(rel.decision), "decision"));
      if (open) { decideButtons(rel, decide); }
      row.appendChild(decide);
      body.appendChild(row);
    });
  }
  var ACTOR_TYPES = ["OWNS", "PARTICIPATES_IN", "CO_FUNDS"];
  function roleName(code) {
    var found = config.roles.filter(function (r) { return r.code === code; })[0];
    return found ? found.label : (code || "");
  }
  /* The roles an actor can have in a project; choosing one of another type changes the relationship's type. */
  function roleSelect(rel, actor, undecided) {
    var select = el("select", null, "role-select");
    select.setAttribute("aria-label", t("curate.role") + ": " + actor);
    if (undecided) {
      select.appendChild(el("option", t("curate.choose_role")));
      select.lastChild.value = "";
      select.lastChild.disabled = select.lastChild.selected = true;
    } else if (rel.type === "PARTICIPATES_IN") {
      select.appendChild(el("option", t("curate.no_role")));
      select.lastChild.value = "";
    }
    config.roles.filter(function (r) { return ACTOR_TYPES.indexOf(r.type) >= 0; }).forEach(function (r) {
      var option = el("option", r.label);
      option.value = r.code;
      option.selected = !undecided && r.type === rel.type && (r.code === rel.role || r.type !== "PARTICIPATES_IN");
      select.appendChild(option);
    });
    select.addEventListener("change", function () { edit([{ action: "role", key: rel.key, role: select.value }]); });
    return select;
  }
  function showNodes(draft, open) {
    var body = document.querySelector("#node-table tbody");
    body.textContent = "";
    draft.nodes.filter(function (n) { return !n.known && n.label !== "Project"; }).forEach(function (node) {
      var row = el("tr");
      row.dataset.node = node.id;
      row.appendChild(el("th", node.name));
      row.lastChild.scope = "row";
      row.appendChild(el("td", words.kindName(node.label.toLowerCase())));
      row.appendChild(el("td", !node.resolved ? t("curate.unresolved") : node.in_graph ? t("curate.in_graph") : node.by_hand ? t("curate.by_hand") : t("curate.new")));
      row.appendChild(el("td", node.evidence, "evidence"));
      var actions = el("td", null, "node-actions");
      if (open && !node.resolved) { actions.appendChild(placeControl(node)); }
      if (open) { actions.appendChild(mergeControl(node)); }
      row.appendChild(actions);
      body.appendChild(row);
    });
  }
  function placeControl(node) {
    var box = el("div", null, "place");
    var select = el("select");
    select.setAttribute("aria-label", t("curate.place_in") + ": " + node.name);
    select.appendChild(el("option", t("curate.place_in") + " …"));
    select.firstChild.value = "";
    config.municipalities.forEach(function (m) {
      var option = el("option", m.name);
      option.value = m.id;
      select.appendChild(option);
    });
    box.appendChild(select);
    box.appendChild(button(t("curate.place"), function () {
      if (select.value) { edit([{ action: "locate", key: node.id, target: select.value }]); }
    }, "small"));
    return box;
  }
  function mergeControl(node) {
    var box = el("div", null, "merge");
    var input = el("input");
    input.type = "search";
    input.setAttribute("aria-label", t("curate.merge_search") + ": " + node.name);
    input.placeholder = t("curate.merge_search") + " …";
    var results = el("ul", null, "merge-results");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        results.textContent = "";
        if (input.value.trim().length < 2) { return; }
        fetch(config.search + "?limit=6&q=" + encodeURIComponent(input.value.trim()), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (body) {
            results.textContent = "";
            (body.results || []).forEach(function (hit) {
              if (hit.id === node.id) { return; }
              var item = el("li");
              item.appendChild(button(t("curate.merge") + ": " + hit.name + " (" + hit.id + ")", function () {
                edit([{ action: "merge", key: node.id, target: hit.id }]);
              }, "link"));
              results.appendChild(item);
            });
          });
      }, 200);
    });
    box.appendChild(input);
    box.appendChild(results);
    return box;
  }
  function edit(edits, statusBox) {
    return post("/drafts/" + current.id + "/edits", edits).then(function (draft) { show(draft); return draft; })
      .catch(function (error) { fail(statusBox || "write-status")(error); return null; });
  }
  /* What curate-add.js (the document, the project, adding) shares with this script. */
  window.graphappCurateKit = {
    config: config, words: words, el: el, button: button, say: say, fail: fail, edit: edit, api: api,
    roleName: roleName, current: function () { return current; },
  };

  // -- the network -----------------------------------------------------------------
  var DECISION_COLOURS = { accepted: "#1b7a3a", rejected: "#b3261e", pending: "#707070" };
  function drawNetwork(draft) {
    document.body.setAttribute("data-state", "drawing");
    var container = document.getElementById("draft-network");
    var nodes = draft.nodes.map(function (n) {
      var style = config.styles[n.label.toLowerCase()] || config.styles.organization;
      return {
        id: n.id, label: n.name || n.id, shape: style.shape, size: n.label === "Project" ? 22 : 14,
        color: { background: style.color, border: n.resolved ? style.border : "#b3261e" },
        borderWidth: n.resolved ? 1 : 3, shapeProperties: { borderDashes: n.resolved ? false : [4, 3] },
        font: { size: 13 },
      };
    });
    var edges = draft.relationships.map(function (r) {
      return {
        id: r.key, from: r.start, to: r.end, arrows: "to", label: config.relNames[r.type] || r.type,
        color: { color: DECISION_COLOURS[r.decision], inherit: false }, dashes: r.decision !== "accepted",
        width: r.decision === "accepted" ? 2 : 1, font: { size: 10, align: "middle" },
      };
    });
    var data = { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) };
    var options = {
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 150, fit: true } },
      interaction: { hover: true, keyboard: true },
      layout: { randomSeed: 7 },
    };
    if (network) { network.destroy(); network = null; }
    if (!nodes.length) { document.body.setAttribute("data-state", "stable"); return; }
    network = new vis.Network(container, data, options);
    window.graphappCurate = { network: network, nodes: data.nodes, edges: data.edges };
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      network.once("afterDrawing", function () {
        document.body.setAttribute("data-state", "stable");
        window.graphappStableAt = performance.now();
      });
      network.redraw();
    });
  }

  // -- writing, undoing, uploading ---------------------------------------------------
  function showReceipt(receipt) {
    var box = document.getElementById("write-status");
    box.textContent = "";
    box.appendChild(el("p", t("curate.written", {
      projects: receipt.projects.length, nodes: receipt.nodes.length, rels: receipt.relationships,
    }), "written"));
    if (receipt.folder) { box.appendChild(el("p", t("curate.written_files", { folder: receipt.folder }))); }
    var list = el("ul", null, "written-projects");
    var name = current ? nameOf(current) : function (id) { return id; };
    receipt.projects.forEach(function (id) {
      var link = el("a", t("curate.open_project", { name: name(id) }));
      link.href = config.projectUrl + (config.projectUrl.indexOf("?") < 0 ? "?" : "&") + "id=" + encodeURIComponent(id);
      var item = el("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  document.getElementById("accept-all").addEventListener("click", function () {
    edit([{ action: "decide_all", decision: "accepted" }]);
  });
  document.getElementById("reject-all").addEventListener("click", function () {
    edit([{ action: "decide_all", decision: "rejected" }]);
  });
  document.getElementById("write").addEventListener("click", function () {
    var skip = document.getElementById("skip-invalid").checked;
    post("/drafts/" + current.id + "/accept", { skip_invalid: skip })
      .then(function (body) { show(body.draft); return loadDrafts(); })
      .catch(fail("write-status"));
  });
  document.getElementById("undo").addEventListener("click", function () {
    post("/undo", {}).then(function (body) {
      say("undo-status", t("curate.undone", { batch: body.undone.batch }));
      return loadDrafts().then(function () { if (current) { return openDraft(current.id).catch(function () {}); } });
    }).catch(fail("undo-status"));
  });
  document.getElementById("upload-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var file = document.getElementById("upload-file").files[0];
    if (!file) { return; }
    say("upload-status", t("curate.uploading"));
    api("/drafts?name=" + encodeURIComponent(file.name), {
      method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file,
    }).then(function (body) {
      say("upload-status", "");
      return loadDrafts().then(function () { return openDraft(body.drafts[0].id); });
    }).catch(fail("upload-status"));
  });

  var asked = new URLSearchParams(window.location.search).get("draft");
  loadDrafts().then(function () { if (asked) { return openDraft(asked); } })
    .catch(fail("upload-status"));
})();
