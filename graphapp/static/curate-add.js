/* The curator's page, what is added by hand: the document beside the draft (its sentences are the
   evidence), the project's fields, and a relationship to an actor of the graph or a new organisation.
   Works through curate.js's kit (window.graphappCurateKit) and its "graphapp:draft" event; every text
   from the API is set with textContent. */
(function () {
  "use strict";
  var kit = window.graphappCurateKit;
  var config = kit.config;
  var words = kit.words;
  var t = words.t;
  var el = kit.el;
  var shownText = null; // the draft whose document is shown
  var chosen = null; // the actor of the graph chosen for "add"
  var $ = function (id) { return document.getElementById(id); };

  document.addEventListener("graphapp:draft", function (event) {
    var draft = event.detail.draft;
    var open = event.detail.open;
    $("add-form").hidden = !open;
    $("project-form").hidden = !open || !projectOf(draft);
    if (open && projectOf(draft)) { fillProject(projectOf(draft)); }
    if (shownText !== draft.id) { showDocument(draft); }
  });

  // -- the document beside the draft: click a sentence (or select text) to take it as evidence ----------
  function showDocument(draft) {
    shownText = draft.id;
    var pane = $("document-pane");
    var box = $("document-text");
    box.textContent = "";
    pane.hidden = !draft.has_text;
    if (!draft.has_text) { return; }
    kit.api("/drafts/" + draft.id + "/text").then(function (body) {
      body.documents.forEach(function (doc) {
        var para = null;
        doc.sentences.forEach(function (sentence) {
          if (sentence.paragraph || !para) { para = box.appendChild(el("p")); }
          var span = el("span", sentence.text, "sentence");
          span.tabIndex = 0;
          span.setAttribute("role", "button");
          span.addEventListener("click", function () { takeEvidence(sentence.text, span); });
          span.addEventListener("keydown", function (e) {
            if (e.key === "Enter" || e.key === " ") { e.preventDefault(); takeEvidence(sentence.text, span); }
          });
          para.appendChild(span);
          para.appendChild(document.createTextNode(" "));
        });
      });
    }).catch(kit.fail("write-status"));
  }
  function takeEvidence(text, span) {
    var selected = String(window.getSelection ? window.getSelection() : "").trim();
    $("add-evidence").value = selected && text.indexOf(selected) < 0 && selected.length > 3 ? selected : text;
    Array.prototype.forEach.call(document.querySelectorAll(".sentence.taken"), function (s) { s.classList.remove("taken"); });
    if (span) { span.classList.add("taken"); }
  }
  $("document-text").addEventListener("mouseup", function () {
    var selected = String(window.getSelection ? window.getSelection() : "").trim();
    if (selected.length > 3) { $("add-evidence").value = selected.replace(/\s+/g, " "); }
  });

  // -- the project's fields ------------------------------------------------------------------------------
  var PRECISION = { 10: "day", 7: "month", 4: "year" };
  var INPUT = { day: "date", month: "month", year: "number" };
  function projectOf(draft) {
    var projects = draft.nodes.filter(function (n) { return n.label === "Project" && !n.known; });
    return projects.length === 1 ? projects[0] : null;
  }
  function setPrecision(end, precision, value) {
    var input = $("project-" + end);
    $("project-" + end + "-precision").value = precision;
    input.type = INPUT[precision];
    if (precision === "year") { input.min = "1900"; input.max = "2100"; } else { input.removeAttribute("min"); input.removeAttribute("max"); }
    input.value = value === undefined ? "" : value;
  }
  function fillProject(project) {
    var props = project.properties || {};
    $("project-name").value = project.name;
    ["start", "end"].forEach(function (end) {
      var value = props[end] ? String(props[end]) : "";
      setPrecision(end, PRECISION[value.length] || "day", value);
    });
    $("project-grant").value = props.grant_sek === undefined || props.grant_sek === null ? "" : props.grant_sek;
    $("project-status").value = props.status || "";
    $("project-form").dataset.project = project.id;
  }
  ["start", "end"].forEach(function (end) {
    $("project-" + end + "-precision").addEventListener("change", function (event) {
      var old = $("project-" + end).value;
      var keep = { day: 10, month: 7, year: 4 }[event.target.value];
      setPrecision(end, event.target.value, old.length >= keep ? old.slice(0, keep) : "");
    });
  });
  $("project-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var grant = $("project-grant").value.trim();
    var fields = {
      name: $("project-name").value,
      start: $("project-start").value || null,
      end: $("project-end").value || null,
      grant_sek: grant === "" ? null : Number(grant),
      status: $("project-status").value || null,
    };
    kit.edit([{ action: "project", key: $("project-form").dataset.project, project: fields }]).then(function (draft) {
      if (draft) { kit.say("write-status", t("curate.project_saved")); }
    });
  });

  // -- adding a relationship ---------------------------------------------------------------------------
  function who() { return document.querySelector("#add-form input[name=who]:checked").value; }
  Array.prototype.forEach.call(document.querySelectorAll("#add-form input[name=who]"), function (radio) {
    radio.addEventListener("change", function () {
      $("add-known").hidden = who() !== "known";
      $("add-new").hidden = who() !== "new";
    });
  });
  function choose(hit) {
    chosen = hit;
    $("add-chosen").textContent = hit ? t("curate.add_chosen", { name: hit.name }) : "";
    $("add-results").textContent = "";
  }
  var timer = null;
  $("add-search").addEventListener("input", function () {
    clearTimeout(timer);
    choose(null);
    var query = $("add-search").value.trim();
    timer = setTimeout(function () {
      if (query.length < 2) { return; }
      var kinds = ["municipality", "agency", "organization", "fund"].map(function (k) { return "&kind=" + k; }).join("");
      fetch(config.search + "?limit=8" + kinds + "&q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          var list = $("add-results");
          list.textContent = "";
          (body.results || []).forEach(function (hit) {
            var item = el("li");
            var label = hit.name + " (" + words.kindName(hit.kind) + ")";
            item.appendChild(kit.button(label, function () { choose(hit); $("add-role").focus(); }, "link"));
            list.appendChild(item);
          });
        });
    }, 200);
  });
  function amountShown() {
    var role = $("add-role").value;
    var type = (config.roles.filter(function (r) { return r.code === role; })[0] || {}).type;
    $("add-amount-label").hidden = type !== "FUNDS" && type !== "CO_FUNDS";
  }
  $("add-role").addEventListener("change", amountShown);
  amountShown();
  $("add-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var item = { action: "add", role: $("add-role").value, evidence: $("add-evidence").value };
    var amount = $("add-amount").value.trim();
    if (!$("add-amount-label").hidden && amount !== "") { item.amount_sek = Number(amount); }
    var name;
    if (who() === "known") {
      if (!chosen) { kit.say("add-status", t("curate.add_none_chosen"), true); return; }
      item.actor = chosen.id;
      name = chosen.name;
    } else {
      name = $("add-org-name").value.trim();
      item.organisation = { name: name, kind: $("add-org-kind").value, municipality: $("add-org-municipality").value || null };
    }
    kit.edit([item], "add-status").then(function (draft) {
      if (!draft) { return; }
      kit.say("add-status", t("curate.added", { actor: name, role: kit.roleName(item.role) }));
      $("add-search").value = $("add-org-name").value = $("add-evidence").value = $("add-amount").value = "";
      choose(null);
    });
  });
})();
