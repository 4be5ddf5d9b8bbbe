/* graphapp schema page: draws the labels (nodes, in the explorer's shapes and colours) and relationship
 * types (one arrow per start label, type and end label) of graphapp.graph_schema with vis-network. A click
 * on a label or a type moves to its description below. Every text goes in as vis-network's text labels. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("page-config").textContent);
  var schema = config.schema;
  var box = document.getElementById("schema-network");
  var RADIUS = 300;

  var nodes = schema.labels.map(function (spec) {
    var style = config.styles[spec.kind] || config.styles.organization;
    return {
      id: spec.label, label: ":" + spec.label, title: spec.meaning, shape: style.shape, size: 18,
      color: { background: style.color, border: style.border, highlight: { background: style.color, border: "#000000" } },
      font: { size: 20, color: "#111111", strokeWidth: 5, strokeColor: "#ffffff" }
    };
  });
  // one arrow per pair of labels, naming every type that joins them (three actors own, take part in and
  // co-fund projects: three arrows of three names, not nine); both ways when the types go both ways
  var edges = [];
  var byPair = {};
  schema.relationships.forEach(function (spec) {
    spec.starts.forEach(function (start) {
      spec.ends.forEach(function (end) {
        var key = start + "|" + end;
        if (!byPair[key]) { byPair[key] = { id: key, from: start, to: end, types: [] }; }
        byPair[key].types.push(spec.type);
      });
    });
  });
  Object.keys(byPair).forEach(function (key) {
    var edge = byPair[key];
    var back = byPair[edge.to + "|" + edge.from];
    if (back && back !== edge && back.drawn && back.types.join() === edge.types.join()) {
      back.arrows = "to, from";
      return;
    }
    edge.drawn = true;
    edge.arrows = "to";
    edge.label = edge.types.join("\n");
    edge.title = edge.types.join(", ");
    edge.width = 1.5;
    edge.font = { size: 15, color: "#222222", strokeWidth: 4, strokeColor: "#ffffff" };
    var style = config.edgeStyles[edge.types[0]];
    var same = edge.types.every(function (type) { return config.edgeStyles[type] === style; });
    edge.color = style && same ? style.color : "#5a5a5a";
    edge.dashes = Boolean(style && same && style.dashes);
    edges.push(edge);
  });
  place(nodes, edges);

  var network = new vis.Network(box, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
    physics: { enabled: false },
    edges: { smooth: { type: "curvedCW", roundness: 0.08 } },
    interaction: { hover: true, keyboard: { enabled: true, bindToWindow: false }, tooltipDelay: 150 }
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-state", "stable"); });

  /* A radial layout: the best-joined label in the middle, the labels it joins on a ring around it (in the
     schema's order), each further label outside the ring, in the direction of the labels it joins. */
  function place(items, links) {
    var near = {};
    items.forEach(function (item) { near[item.id] = []; });
    links.forEach(function (link) {
      if (link.from !== link.to) { near[link.from].push(link.to); near[link.to].push(link.from); }
    });
    var centre = items.slice().sort(function (a, b) { return near[b.id].length - near[a.id].length; })[0].id;
    var ring = { }, order = [centre];
    ring[centre] = 0;
    for (var i = 0; i < order.length; i++) {
      near[order[i]].forEach(function (id) { if (!(id in ring)) { ring[id] = ring[order[i]] + 1; order.push(id); } });
    }
    var rank = {};
    items.forEach(function (item, index) { rank[item.id] = index; });
    var first = order.filter(function (id) { return ring[id] === 1; }).sort(function (a, b) { return rank[a] - rank[b]; });
    var at = {};
    at[centre] = { x: 0, y: 0 };
    first.forEach(function (id, index) {  // clockwise from the left: the first labels across the top
      var angle = -Math.PI * 0.9 + 2 * Math.PI * index / first.length;
      at[id] = { x: RADIUS * Math.cos(angle), y: RADIUS * Math.sin(angle) };
    });
    order.filter(function (id) { return ring[id] > 1; }).forEach(function (id) {
      var sum = { x: 0, y: 0 };
      near[id].filter(function (other) { return at[other]; }).forEach(function (other) { sum.x += at[other].x; sum.y += at[other].y; });
      var length = Math.sqrt(sum.x * sum.x + sum.y * sum.y) || 1;
      at[id] = { x: sum.x / length * RADIUS * ring[id] * 0.8, y: sum.y / length * RADIUS * ring[id] * 0.8 };
    });
    items.forEach(function (item, index) {
      var spot = at[item.id] || { x: 520, y: -260 + 80 * index };  // a label that nothing joins
      item.x = spot.x;
      item.y = spot.y;
    });
    links.forEach(function (link) {  // a loop points away from the middle, the middle's into its widest gap
      if (link.from !== link.to) { return; }
      var spot = at[link.from] || { x: 0, y: 0 };
      var angle = spot.x || spot.y ? Math.atan2(spot.y, spot.x) : widestGap(first.map(function (id) { return at[id]; }));
      link.selfReference = { size: 30, angle: -angle };  // vis-network measures angles with y up
    });
  }

  function widestGap(points) {
    var angles = points.map(function (p) { return Math.atan2(p.y, p.x); }).sort(function (a, b) { return a - b; });
    var best = 0, middle = Math.PI / 2;
    angles.forEach(function (angle, index) {
      var next = index + 1 < angles.length ? angles[index + 1] : angles[0] + 2 * Math.PI;
      if (next - angle > best) { best = next - angle; middle = angle + best / 2; }
    });
    return middle;
  }
  function show(id) {
    var card = document.getElementById(id);
    if (!card) { return; }
    history.replaceState(null, "", "#" + id);
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show("label-" + params.nodes[0]); return; }
    if (params.edges.length) {
      var edge = edges.filter(function (item) { return item.id === params.edges[0]; })[0];
      show("rel-" + edge.types[0]);
    }
  });
  window.graphappSchema = { network: network };
})();
