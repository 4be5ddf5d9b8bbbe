/* graphapp labels: the names on a vis-network, drawn so that no name covers another name or a node.
 *
 * vis-network draws every label, wherever it falls; a network of a few dozen nodes already has names on
 * top of names. This layer draws the names itself, after vis-network has drawn the picture, at every
 * redraw (zoom, pan, drag): nodes in order of importance (options.rank: the focus and its partners
 * first, then by size and links), each name at the first of four spots around its node (below, right,
 * above, left) where it covers no name already placed and no other node and lies wholly inside the
 * canvas; a name with no such spot is not drawn. Names keep their size on screen while the network zooms,
 * so zooming in leaves room for more of them (as sigma.js and Kumu do). A name longer than MAX_WIDTH
 * pixels is shortened with an ellipsis; the hovered node and the focused ones (options.focus) always show
 * their whole name, placed first, on a white box.
 *
 * The placed boxes are the layer's model: boxes() returns exactly what was drawn last (CSS pixels of
 * the canvas), for the picture downloads and for tests. Every text is drawn with fillText: never HTML.
 * Exposes window.graphappLabels. */
(function () {
  "use strict";

  var FONT_SIZE = 13, LINE = 16, HALO = 2, MAX_WIDTH = 240, GAP = 3, CELL = 64;
  var FONT = FONT_SIZE + "px system-ui, 'Segoe UI', Roboto, sans-serif";

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  /* Boxes in cells of CELL pixels, so a box is tested against its neighbours only. */
  function Grid() { this.cells = new Map(); }
  Grid.prototype.keys = function (box) {
    var keys = [];
    for (var i = Math.floor(box.x / CELL); i <= Math.floor((box.x + box.width) / CELL); i++) {
      for (var j = Math.floor(box.y / CELL); j <= Math.floor((box.y + box.height) / CELL); j++) { keys.push(i * 100003 + j); }
    }
    return keys;
  };
  Grid.prototype.add = function (box) {
    var cells = this.cells;
    this.keys(box).forEach(function (key) {
      if (!cells.has(key)) { cells.set(key, []); }
      cells.get(key).push(box);
    });
  };
  /* Whether `box` meets a box of another node than `own` (only names, if `namesOnly`). */
  Grid.prototype.hits = function (box, own, namesOnly) {
    var cells = this.cells, keys = this.keys(box);
    for (var k = 0; k < keys.length; k++) {
      var list = cells.get(keys[k]) || [];
      for (var i = 0; i < list.length; i++) {
        if (list[i].id !== own && !(namesOnly && list[i].node) && overlaps(box, list[i])) { return true; }
      }
    }
    return false;
  };

  /* The layer of `network`. options: text(id) -> the node's name (lines split by "\n"), rank(id) -> its
   * importance (higher first), focus() -> ids always named in full, obstacles() -> more boxes to keep
   * clear (CSS pixels), e.g. a caption; ring(id, node, scale) -> the radius in CSS pixels of a ring drawn
   * around a node (0: none), kept clear like the node. */
  function layer(network, options) {
    var canvas = network.canvas.frame.canvas;
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = FONT;
    var widths = new Map(), shortened = new Map();
    var order = null, hovered = null, drawn = [];

    function width(text) {
      if (!widths.has(text)) { widths.set(text, measure.measureText(text).width); }
      return widths.get(text);
    }
    function shorten(line) {
      if (width(line) <= MAX_WIDTH) { return line; }
      var low = 1, high = line.length - 1;  // the longest start that fits with its ellipsis
      while (low < high) {
        var middle = Math.ceil((low + high) / 2);
        if (width(line.slice(0, middle).trimEnd() + "\u2026") <= MAX_WIDTH) { low = middle; } else { high = middle - 1; }
      }
      return line.slice(0, low).trimEnd() + "\u2026";
    }
    function lines(id, full) {
      var text = options.text(id);
      if (!text) { return []; }
      var parts = String(text).split("\n");
      if (full) { return parts; }
      if (!shortened.has(id)) { shortened.set(id, parts.map(shorten)); }
      return shortened.get(id);
    }
    function ranked() {
      var ids = network.body.nodeIndices;
      if (!order || order.length !== ids.length) {
        var rank = new Map(ids.map(function (id) { return [id, options.rank(id)]; }));
        order = ids.slice().sort(function (a, b) {
          return rank.get(b) - rank.get(a) || (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
        });
      }
      return order;
    }
    function radius(node) {
      var size = node.options.size || 10;
      return (node.options.shape === "dot" ? size : size * 1.15) + 1;  // vis draws triangles and stars a little larger
    }
    /* The radius on screen of what is drawn of a node: its shape, or the ring around it (options.ring). */
    function reach(id, node, scale) {
      var ring = options.ring ? options.ring(id, node, scale) : 0;
      return Math.max(radius(node) * scale, ring);
    }

    /* Where every name goes at the current view: [{id, lines, x, y, width, height, full}], CSS pixels. */
    function place() {
      var w = canvas.clientWidth, h = canvas.clientHeight;
      if (!w || !h) { return []; }
      var scale = network.getScale(), view = network.getViewPosition();
      var nodes = network.body.nodes, ids = ranked();
      var grid = new Grid(), at = new Map(), out = [];
      ids.forEach(function (id) {
        var node = nodes[id];
        if (!node) { return; }
        var x = (node.x - view.x) * scale + w / 2, y = (node.y - view.y) * scale + h / 2, r = reach(id, node, scale);
        if (x + r < 0 || y + r < 0 || x - r > w || y - r > h) { return; }
        at.set(id, [x, y, r]);
        grid.add({ id: id, x: x - r, y: y - r, width: 2 * r, height: 2 * r, node: true });
      });
      (options.obstacles ? options.obstacles() : []).forEach(function (box) { grid.add(box); });
      /* Below, right, above and left of the node; for a name asked for, the same further out too. */
      function spots(p, bw, bh, rings) {
        var x = p[0], y = p[1], r = p[2] + GAP, out = [];
        for (var k = 0; k < rings; k++) {
          var d = k * (LINE + GAP);
          out.push([x - bw / 2, y + r + d], [x + r + d, y - bh / 2], [x - bw / 2, y - r - d - bh], [x - r - d - bw, y - bh / 2]);
        }
        return out;
      }
      function put(id, full) {
        var p = at.get(id), text = lines(id, full);
        if (!p || !text.length) { return; }
        var bw = Math.max.apply(null, text.map(width)) + 2 * HALO, bh = text.length * LINE;
        var choices = spots(p, bw, bh, full ? 4 : 1);
        // a name asked for that finds no free spot may cover a node (on its white box), never another name
        for (var pass = 0; pass < (full ? 2 : 1); pass++) {
          for (var i = 0; i < choices.length; i++) {
            var box = { id: id, x: choices[i][0], y: choices[i][1], width: bw, height: bh };
            if (box.x >= 0 && box.y >= 0 && box.x + bw <= w && box.y + bh <= h && !grid.hits(box, id, pass === 1)) {
              box.lines = text;
              box.full = full;
              grid.add(box);
              out.push(box);
              return;
            }
          }
        }
        if (full) {  // and if there is none at all: below its node, moved into the canvas
          var forced = { id: id, lines: text, full: true, width: bw, height: bh,
            x: Math.min(Math.max(0, choices[0][0]), Math.max(0, w - bw)), y: Math.min(Math.max(0, choices[0][1]), Math.max(0, h - bh)) };
          grid.add(forced);
          out.push(forced);
        }
      }
      var first = [];
      [hovered].concat(options.focus ? options.focus() : []).forEach(function (id) {
        if (id !== null && id !== undefined && nodes[id] && first.indexOf(id) < 0) { first.push(id); }
      });
      first.forEach(function (id) { put(id, true); });
      ids.forEach(function (id) { if (first.indexOf(id) < 0) { put(id, false); } });
      return out;
    }

    function paint(ctx, boxes) {
      var ratio = canvas.width / Math.max(1, canvas.clientWidth);
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.font = FONT;
      ctx.textBaseline = "middle";
      ctx.lineJoin = "round";
      boxes.forEach(function (box) {
        if (box.full) {
          ctx.fillStyle = "rgba(255, 255, 255, 0.92)";
          ctx.strokeStyle = "#555555";
          ctx.lineWidth = 1;
          ctx.fillRect(box.x, box.y, box.width, box.height);
          ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
        }
        box.lines.forEach(function (line, index) {
          var y = box.y + index * LINE + LINE / 2;
          ctx.strokeStyle = "#ffffff";
          ctx.lineWidth = 2 * HALO + 1;
          ctx.strokeText(line, box.x + HALO, y);
          ctx.fillStyle = "#111111";
          ctx.fillText(line, box.x + HALO, y);
        });
      });
      ctx.restore();
    }

    network.on("hoverNode", function (event) { hovered = event.node; network.redraw(); });
    network.on("blurNode", function () { hovered = null; network.redraw(); });
    // vis-network sees no blur when the pointer leaves the canvas straight from a node
    canvas.addEventListener("mouseleave", function () { if (hovered !== null) { hovered = null; network.redraw(); } });
    network.on("afterDrawing", function (ctx) {
      drawn = place();
      paint(ctx, drawn);
    });
    return {
      /* The names drawn last: [{id, text, x, y, width, height, full}], CSS pixels of the canvas. */
      boxes: function () {
        return drawn.map(function (box) {
          return { id: box.id, text: box.lines.join("\n"), x: box.x, y: box.y, width: box.width, height: box.height, full: box.full };
        });
      },
      /* Ranks or names changed (nodes added, another focus, another year): order them again, and draw now
       * unless `later` (a drawing is on its way). */
      refresh: function (later) { order = null; shortened.clear(); if (!later) { network.redraw(); } },
      font: FONT, lineHeight: LINE, halo: HALO
    };
  }

  /* Fit the view to the nodes (and the rectangle `extra`, [left, top, right, bottom] in canvas units), with
   * room around them for the names of the outermost ones, never larger than scale 2.5. False when the
   * canvas has no size yet (an embed's frame not laid out). */
  function fit(network, extra) {
    var canvas = network.canvas.frame.canvas, w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h) { return false; }
    var nodes = network.body.nodes;
    var box = extra ? extra.slice() : [Infinity, Infinity, -Infinity, -Infinity];
    network.body.nodeIndices.forEach(function (id) {
      var node = nodes[id], r = node.options.size || 10;
      box = [Math.min(box[0], node.x - r), Math.min(box[1], node.y - r), Math.max(box[2], node.x + r), Math.max(box[3], node.y + r)];
    });
    if (!isFinite(box[0])) { return false; }
    var side = Math.min(60, w / 8), above = 12, below = 12 + LINE;  // a name beside, or below, the outermost nodes
    var scale = Math.min(2.5, (w - 2 * side) / Math.max(1, box[2] - box[0]), (h - above - below) / Math.max(1, box[3] - box[1]));
    network.moveTo({
      position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 + (below - above) / 2 / scale },
      scale: Math.max(scale, 0.01),
      animation: false
    });
    return true;
  }

  window.graphappLabels = { layer: layer, fit: fit, overlaps: overlaps };
})();
