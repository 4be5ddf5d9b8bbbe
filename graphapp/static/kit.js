/* graphapp kit: what the explorer and the workbench share. Words and formatted values, safe DOM
 * building, the map under geographic views, and downloads (PNG, SVG, JSON; tables from the server).
 * Every text from data goes into the DOM with textContent (or into SVG through the DOM), never innerHTML.
 * Exposes window.graphappKit. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var RING_COLOR = "#111111";  // the ring of what is new in a year, on screen (years.js) and in the pictures

  /* Coordinates are for placing a node, not for reading: the details list them only with the raw values. */
  var UNREAD = ["lat", "lon"];
  /* The words of a page: the catalogue's strings and the CLDR locale from the server (config.strings,
   * config.locale: graphapp.views.i18n); `places` may name codes ({counties: {code: name}}). */
  function make(strings, cldrLocale, places) {
    var locale = String(cldrLocale || "sv").replace("_", "-");  // Babel's en_GB is Intl's en-GB
    var counties = (places && places.counties) || {};
    function t(key, vars) {
      var text = strings[key] || key;
      Object.keys(vars || {}).forEach(function (name) { text = text.replace("{" + name + "}", String(vars[name])); });
      return text;
    }
    function has(key) { return Object.prototype.hasOwnProperty.call(strings, key); }
    function kindName(kind) { return strings["kind." + kind] || kind; }
    function relName(type) { return strings["rel." + type] || type; }
    /* A relationship as a phrase around the other node's name, read from the node whose details these are:
     * [before, after], e.g. ["Ägs av ", ""] for the project of an OWNS, ["", " deltar"] for its partner. */
    function relPhrase(type, outgoing) {
      var template = strings[(outgoing ? "rel_out." : "rel_in.") + type] || (outgoing ? relName(type) + " {name}" : "{name} " + relName(type));
      var at = template.indexOf("{name}");
      return [template.slice(0, at), template.slice(at + "{name}".length)];
    }
    function propName(key) { return strings["prop." + key] || key; }
    function typeName(type) { return strings["type." + type] || type; }
    /* A coded value as a word (a kind, a status, a role's code), else as it is (graphapp.views.i18n.value_name). */
    function valueName(value) {
      if (has("value." + value)) { return strings["value." + value]; }
      return has("role." + value) ? strings["role." + value] : String(value);
    }

    // -- numbers, money, dates: CLDR through Intl, as graphapp/views/formatting.py through Babel --
    var numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    var days = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    var months = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
    function number(value) {
      if (typeof value !== "number" || !isFinite(value)) { return String(value); }
      return numbers.format(value);
    }
    function sek(value) { return t("sek", { amount: number(Math.round(value)) }); }
    /* An ISO date of the precision known (2016-06-01, 2016-06, 2016) in words: only what is known. */
    function date(text) {
      var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(text));
      if (!match) { return String(text); }
      if (!match[2]) { return match[1]; }
      var when = new Date(Date.UTC(+match[1], +match[2] - 1, match[3] ? +match[3] : 1));
      return isNaN(when.getTime()) ? String(text) : (match[3] ? days : months).format(when);
    }
    function period(start, end) { return date(start || "") + " \u2013 " + (end ? date(end) : ""); }
    function value(key, raw) {
      if (raw === null || raw === undefined) { return ""; }
      if (Array.isArray(raw)) { return raw.map(function (item) { return value(key, item); }).join(", "); }
      if (typeof raw === "boolean") { return raw ? t("yes") : t("no"); }
      if (key === "county_code" && Object.prototype.hasOwnProperty.call(counties, String(raw))) { return counties[String(raw)]; }
      if (typeof raw === "number") { return /_sek$/.test(key) ? sek(raw) : /(^|_)(year|code)$/.test(key) ? String(raw) : number(raw); }
      if (typeof raw === "object") {
        return Object.keys(raw).map(function (inner) { return propName(inner) + ": " + value(inner, raw[inner]); }).join(", ");
      }
      if (/^\d{4}-\d{2}-\d{2}$/.test(raw) || (/^(start|end|published)$/.test(key) && /^\d{4}(-\d{2})?$/.test(raw))) {
        return date(raw);
      }
      return valueName(raw);
    }
    /* The rows of a details list: [label, formatted value, raw key, raw value]; start and end become one period,
     * coordinates are left out. */
    function propertyRows(props) {
      var rows = [];
      var keys = Object.keys(props || {});
      keys.forEach(function (key) {
        if ((key === "end" && keys.indexOf("start") >= 0) || UNREAD.indexOf(key) >= 0) { return; }
        if (key === "start") {
          var end = props.end;
          rows.push([propName("period"), period(props.start, end), "start, end", props.start + " \u2013 " + (end || "")]);
          return;
        }
        rows.push([propName(key), value(key, props[key]), key, props[key]]);
      });
      return rows;
    }
    return {
      t: t, kindName: kindName, relName: relName, relPhrase: relPhrase, propName: propName, typeName: typeName, valueName: valueName,
      number: number, sek: sek, date: date, period: period, value: value, propertyRows: propertyRows, locale: locale
    };
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  // -- downloads --
  function download(name, blob) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
  }
  /* An API call's answer, or an Error whose message is the server's explanation in the page's language
   * (problem+json `message`: the scripts' API URLs ask for it with ?lang=), its English `detail` kept. */
  function problemError(problem, status) {
    var error = new Error(problem.message || problem.detail || String(status));
    error.detail = problem.detail || "";
    error.code = problem.code;
    return error;
  }
  function answer(response) {
    if (response.ok) { return response.json(); }
    return response.json().catch(function () { return {}; }).then(function (problem) { throw problemError(problem, response.status); });
  }
  function getJSON(url) { return fetch(url, { headers: { Accept: "application/json" } }).then(answer); }
  /* Tables (CSV, XLSX) are written by the server's one table writer (graphapp/table_files.py): a table
   * file is POSTed for (body: JSON), or, in a file that has no server, was written into the page
   * ({data: base64, type: media type}). */
  function postForFile(url, body) {
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {})
    }).then(function (response) {
      if (response.ok) { return response.blob(); }
      return response.json().catch(function () { return {}; }).then(function (problem) { throw problemError(problem, response.status); });
    });
  }
  function tableFile(spec, body) {
    if (!spec.data) { return postForFile(spec.url, body); }
    var bytes = atob(spec.data), array = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) { array[i] = bytes.charCodeAt(i); }
    return Promise.resolve(new Blob([array], { type: spec.type }));
  }
  function json(value) {
    return new Blob([JSON.stringify(value, null, 2) + "\n"], { type: "application/json;charset=utf-8" });
  }
  function fileName(title, ext) {
    var base = String(title || "graphapp").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 60);
    return (base || "graphapp") + "." + ext;
  }

  // -- the map under a geographic view --
  function project(projection, lon, lat) {
    return [(lon - projection.midLon) * projection.lonFactor * projection.scale, -(lat - projection.midLat) * projection.scale];
  }
  function lines(geometry) {
    var type = geometry.type, coords = geometry.coordinates;
    if (type === "LineString") { return [coords]; }
    if (type === "MultiLineString" || type === "Polygon") { return coords; }
    if (type === "MultiPolygon") { return [].concat.apply([], coords); }
    return [];
  }
  /* Projected rings and lines per layer: {land: [[x, y, x, y, ...], ...], county: [...], municipality: [...]} */
  function projectMap(geojson, projection) {
    var layers = { land: [], county: [], municipality: [] };
    geojson.features.forEach(function (feature) {
      var target = layers[feature.properties.layer];
      if (!target) { return; }
      lines(feature.geometry).forEach(function (line) {
        var flat = [];
        line.forEach(function (point) { var xy = project(projection, point[0], point[1]); flat.push(xy[0], xy[1]); });
        target.push(flat);
      });
    });
    return layers;
  }
  var MAP_STYLE = {
    land: { fill: "#f1f4ee", stroke: "#9aa595", width: 1 },
    county: { stroke: "#6d7a69", width: 1.6 },
    municipality: { stroke: "#c3cabf", width: 0.7 }
  };
  function tracePath(path, flat, close) {
    path.moveTo(flat[0], flat[1]);
    for (var i = 2; i < flat.length; i += 2) { path.lineTo(flat[i], flat[i + 1]); }
    if (close) { path.closePath(); }
  }
  /* One Path2D per layer, built once: each frame only fills and strokes them. */
  function mapPaths(layers) {
    var paths = {};
    Object.keys(layers).forEach(function (name) {
      var path = new Path2D();
      layers[name].forEach(function (line) { tracePath(path, line, name === "land"); });
      paths[name] = path;
    });
    return paths;
  }
  var STRIP_STYLE = { fill: "#f4f5f7", stroke: "#8a8a8a", text: "#444444", font: "600 12px system-ui, 'Segoe UI', Roboto, sans-serif" };
  /* The caption of the strip beside the map (funds, national bodies): its box in CSS pixels of the canvas. */
  function stripCaption(network, config) {
    if (!config.strip) { return null; }
    var corner = network.canvasToDOM({ x: config.strip[0], y: config.strip[1] });
    if (config.stripWidth === undefined) {
      var measure = document.createElement("canvas").getContext("2d");
      measure.font = STRIP_STYLE.font;
      config.stripWidth = measure.measureText(config.stripTitle).width + 8;
    }
    return { id: "map-strip", text: config.stripTitle, x: corner.x + 6, y: corner.y + 4, width: config.stripWidth, height: 18 };
  }
  /* Draw the map on vis-network's canvas before everything else, and the strip beside it where the nodes
   * without a place are; returns a handle whose `layers` are set once loaded. */
  function mapLayer(network, config, inlineElement) {
    var handle = { layers: null, paths: null, config: config };
    handle.obstacles = function () { var box = stripCaption(network, config); return box ? [box] : []; };
    network.on("beforeDrawing", function (ctx) {
      var scale = network.getScale();
      ctx.save();
      if (handle.paths) {
        ctx.fillStyle = MAP_STYLE.land.fill;
        ctx.fill(handle.paths.land, "evenodd");
        ["municipality", "county", "land"].forEach(function (name) {
          ctx.strokeStyle = MAP_STYLE[name].stroke;
          ctx.lineWidth = MAP_STYLE[name].width / scale;
          ctx.stroke(handle.paths[name]);
        });
      }
      if (config.strip) {
        var strip = config.strip;
        ctx.fillStyle = STRIP_STYLE.fill;
        ctx.strokeStyle = STRIP_STYLE.stroke;
        ctx.lineWidth = 1 / scale;
        ctx.fillRect(strip[0], strip[1], strip[2] - strip[0], strip[3] - strip[1]);
        ctx.strokeRect(strip[0], strip[1], strip[2] - strip[0], strip[3] - strip[1]);
        var caption = stripCaption(network, config);
        var ratio = ctx.canvas.width / Math.max(1, ctx.canvas.clientWidth);
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.font = STRIP_STYLE.font;
        ctx.textBaseline = "top";
        ctx.fillStyle = STRIP_STYLE.text;
        ctx.fillText(caption.text, caption.x + 4, caption.y + 2);
      }
      ctx.restore();
    });
    var loaded = inlineElement
      ? Promise.resolve(JSON.parse(inlineElement.textContent))
      : fetch(config.url, { headers: { Accept: "application/geo+json" } }).then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
        return response.json();
      });
    handle.ready = loaded.then(function (geojson) {
      handle.layers = projectMap(geojson, config.projection);
      handle.paths = mapPaths(handle.layers);
      if (window.graphappMarks) { window.graphappMarks.map = performance.now(); }
      document.body.setAttribute("data-map", "drawn");
      network.redraw();
      return handle;
    });
    return handle;
  }

  // -- pictures of the network: what is on screen, with a title, the legend and the map's credit --
  var HEADER = 44;
  function scene(network) {
    var box = network.body.container.getBoundingClientRect();
    var view = network.getViewPosition(), scale = network.getScale();
    return {
      width: Math.round(box.width), height: Math.round(box.height), scale: scale,
      toDOM: function (x, y) { return [(x - view.x) * scale + box.width / 2, (y - view.y) * scale + box.height / 2]; }
    };
  }
  function legendShape(ctx, shape, x, y, r, color, border) {
    ctx.beginPath();
    polygonPoints(shape, x, y, r).forEach(function (point, index) {
      if (index === 0) { ctx.moveTo(point[0], point[1]); } else { ctx.lineTo(point[0], point[1]); }
    });
    if (shape === "dot") { ctx.arc(x, y, r, 0, 2 * Math.PI); }
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
    ctx.strokeStyle = border;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  function polygonPoints(shape, x, y, r) {
    var points = [], i, angle;
    if (shape === "diamond") { return [[x, y - r], [x + r, y], [x, y + r], [x - r, y]]; }
    if (shape === "square") { return [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]]; }
    if (shape === "triangle") { return [[x, y - r], [x + r, y + r * 0.8], [x - r, y + r * 0.8]]; }
    if (shape === "triangleDown") { return [[x - r, y - r * 0.8], [x + r, y - r * 0.8], [x, y + r]]; }
    if (shape === "hexagon") {
      for (i = 0; i < 6; i++) { angle = Math.PI / 3 * i; points.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]); }
      return points;
    }
    if (shape === "star") {
      for (i = 0; i < 10; i++) {
        angle = -Math.PI / 2 + Math.PI / 5 * i;
        var radius = i % 2 ? r * 0.45 : r;
        points.push([x + radius * Math.cos(angle), y + radius * Math.sin(angle)]);
      }
      return points;
    }
    return [];
  }
  /* The legend under a picture, laid out in rows as wide as the picture: the kinds of node (shape and colour)
   * and the kinds of line (colour, dashes, width) shown, then the map's credit. Returns the items with their
   * places ({kind|line, label, x, y}, y the middle of the row, from the top of the legend) and its height. */
  var LEGEND_FONT = "13px system-ui, 'Segoe UI', Roboto, sans-serif", LEGEND_ROW = 20, SWATCH = 28;
  function legendLayout(picture, width) {
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = LEGEND_FONT;
    var items = [], x = 12, y = LEGEND_ROW / 2 + 4;
    function place(item, mark) {
      var room = mark + 6 + measure.measureText(item.label).width + 14;
      if (x > 12 && x + room > width - 12) { x = 12; y += LEGEND_ROW; }
      item.x = x;
      item.y = y;
      items.push(item);
      x += room;
    }
    (picture.legend || []).forEach(function (item) { place({ kind: item.kind, label: item.label }, 12); });
    if (picture.ring) { place({ ring: true, label: picture.ring }, 12); }  // what is new in the year shown
    if ((picture.lines || []).length) { x = 12; y += LEGEND_ROW; }
    (picture.lines || []).forEach(function (line) { place({ line: line, label: line.label }, SWATCH); });
    var height = y + LEGEND_ROW / 2 + 4 + (picture.credit ? 16 : 0);
    return { items: items, height: height, credit: picture.credit ? { text: picture.credit, y: y + LEGEND_ROW / 2 + 10 } : null };
  }
  function dashesOf(line) { return line.dashes === true ? [5, 5] : line.dashes || []; }
  /* A PNG of the network as drawn (the current zoom, names as the label layer placed them), above it the
   * title, below it the legend and credit. */
  function networkPNG(picture) {
    var source = picture.network.canvas.frame.canvas;
    var ratio = source.width / Math.max(1, source.clientWidth);
    var legend = legendLayout(picture, source.clientWidth);
    var out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height + Math.round((HEADER + legend.height) * ratio);
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, Math.round(HEADER * ratio));
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#111111";
    ctx.font = "600 18px system-ui, 'Segoe UI', Roboto, sans-serif";
    ctx.textBaseline = "middle";
    ctx.fillText(picture.title, 12, HEADER / 2);
    var top = HEADER + source.clientHeight;
    ctx.font = LEGEND_FONT;
    legend.items.forEach(function (item) {
      var y = top + item.y;
      if (item.ring) {
        ctx.beginPath();
        ctx.arc(item.x + 6, y, 5.5, 0, 2 * Math.PI);
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = RING_COLOR;
        ctx.stroke();
      } else if (item.kind) {
        var style = picture.styles[item.kind] || picture.styles.organization;
        legendShape(ctx, style.shape, item.x + 6, y, 6, style.color, style.border);
      } else {
        ctx.save();
        ctx.strokeStyle = item.line.color;
        ctx.lineWidth = item.line.width || 1.5;
        ctx.setLineDash(dashesOf(item.line));
        ctx.beginPath();
        ctx.moveTo(item.x, y);
        ctx.lineTo(item.x + SWATCH, y);
        ctx.stroke();
        ctx.restore();
      }
      ctx.fillStyle = "#111111";
      ctx.fillText(item.label, item.x + (item.line ? SWATCH : 12) + 6, y);
    });
    if (legend.credit) {
      ctx.fillStyle = "#444444";
      ctx.font = "11px system-ui, 'Segoe UI', Roboto, sans-serif";
      ctx.fillText(legend.credit.text, 12, top + legend.credit.y);
    }
    return new Promise(function (resolve) { out.toBlob(resolve, "image/png"); });
  }
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }
  function round(value) { return Math.round(value * 10) / 10; }
  /* An SVG of the same picture, drawn from the data: map lines, relationships, nodes, labels. */
  function networkSVG(picture) {
    var network = picture.network, at = scene(network);
    var key = legendLayout(picture, at.width);
    var width = at.width, height = at.height + HEADER + key.height;
    var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height });
    svg.appendChild(svgEl("title", {}, picture.title));
    svg.appendChild(svgEl("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }));
    svg.appendChild(svgEl("text", { x: 12, y: HEADER / 2 + 6, "font-size": 18, "font-weight": 600, "font-family": "system-ui, sans-serif", fill: "#111111" }, picture.title));
    var defs = svgEl("defs");
    var clip = svgEl("clipPath", { id: "network-area" });
    clip.appendChild(svgEl("rect", { x: 0, y: 0, width: at.width, height: at.height }));
    defs.appendChild(clip);
    svg.appendChild(defs);
    var body = svgEl("g", { transform: "translate(0," + HEADER + ")", "clip-path": "url(#network-area)" });
    svg.appendChild(body);
    function pathOf(flat, close) {
      var parts = [];
      for (var i = 0; i < flat.length; i += 2) {
        var xy = at.toDOM(flat[i], flat[i + 1]);
        parts.push((i ? "L" : "M") + round(xy[0]) + " " + round(xy[1]));
      }
      return parts.join("") + (close ? "Z" : "");
    }
    if (picture.map && picture.map.layers) {
      var layers = picture.map.layers;
      body.appendChild(svgEl("path", { d: layers.land.map(function (ring) { return pathOf(ring, true); }).join(""), fill: MAP_STYLE.land.fill, "fill-rule": "evenodd", stroke: MAP_STYLE.land.stroke, "stroke-width": MAP_STYLE.land.width }));
      ["municipality", "county"].forEach(function (name) {
        body.appendChild(svgEl("path", { d: layers[name].map(function (line) { return pathOf(line, false); }).join(""), fill: "none", stroke: MAP_STYLE[name].stroke, "stroke-width": MAP_STYLE[name].width }));
      });
    }
    var strip = picture.map && picture.map.config.strip;
    if (strip) {
      var corner = at.toDOM(strip[0], strip[1]), far = at.toDOM(strip[2], strip[3]);
      body.appendChild(svgEl("rect", { x: round(corner[0]), y: round(corner[1]), width: round(far[0] - corner[0]), height: round(far[1] - corner[1]), fill: STRIP_STYLE.fill, stroke: STRIP_STYLE.stroke }));
      body.appendChild(svgEl("text", { x: round(corner[0] + 10), y: round(corner[1] + 17), "font-family": "system-ui, sans-serif", "font-size": 12, "font-weight": 600, fill: STRIP_STYLE.text }, picture.map.config.stripTitle));
    }
    var positions = network.getPositions();
    var edgeGroup = svgEl("g", { fill: "none" });
    picture.relationships.forEach(function (rel) {
      var a = positions[rel.start], b = positions[rel.end];
      if (!a || !b) { return; }
      var style = picture.edgeStyles[rel.type] || { color: "#707070", dashes: false, width: 1.5 };
      var from = at.toDOM(a.x, a.y), to = at.toDOM(b.x, b.y);
      var attrs = { x1: round(from[0]), y1: round(from[1]), x2: round(to[0]), y2: round(to[1]), stroke: style.color, "stroke-width": style.width || 1.2 };
      if (style.dashes) { attrs["stroke-dasharray"] = dashesOf(style).join(" "); }
      edgeGroup.appendChild(svgEl("line", attrs));
    });
    body.appendChild(edgeGroup);
    var nodeGroup = svgEl("g", { "font-family": "system-ui, sans-serif", "font-size": Math.max(9, Math.min(15, 15 * at.scale)) });
    var marked = new Set(picture.marked || []);
    picture.nodes.forEach(function (node) {
      var p = positions[node.id];
      if (!p) { return; }
      var xy = at.toDOM(p.x, p.y);
      if (xy[0] < -40 || xy[1] < -40 || xy[0] > at.width + 40 || xy[1] > at.height + 40) { return; }
      var style = picture.styles[node.kind] || picture.styles.organization;
      var r = Math.max(3, (node.size || 14) * at.scale);
      var shape = style.shape === "dot"
        ? svgEl("circle", { cx: round(xy[0]), cy: round(xy[1]), r: round(r) })
        : svgEl("polygon", { points: polygonPoints(style.shape, xy[0], xy[1], r).map(function (point) { return round(point[0]) + "," + round(point[1]); }).join(" ") });
      shape.setAttribute("fill", style.color);
      shape.setAttribute("stroke", style.border);
      shape.appendChild(svgEl("title", {}, node.name));
      if (marked.has(node.id)) {  // new in the year shown: a ring, as on screen
        var ring = { cx: round(xy[0]), cy: round(xy[1]), r: round(r * 1.15 + 3), fill: "none", "class": "new" };
        nodeGroup.appendChild(svgEl("circle", Object.assign({ stroke: "#ffffff", "stroke-width": 4 }, ring)));
        nodeGroup.appendChild(svgEl("circle", Object.assign({ stroke: RING_COLOR, "stroke-width": 2 }, ring)));
      }
      nodeGroup.appendChild(shape);
    });
    body.appendChild(nodeGroup);
    body.appendChild(labelGroup(picture.labels));
    var legend = svgEl("g", { transform: "translate(0," + (HEADER + at.height) + ")", "font-family": "system-ui, sans-serif", "font-size": 13, fill: "#111111" });
    key.items.forEach(function (item) {
      if (item.ring) {
        legend.appendChild(svgEl("circle", { cx: item.x + 6, cy: item.y, r: 5.5, fill: "none", stroke: RING_COLOR, "stroke-width": 2.5 }));
      } else if (item.kind) {
        var style = picture.styles[item.kind] || picture.styles.organization;
        var mark = style.shape === "dot"
          ? svgEl("circle", { cx: item.x + 6, cy: item.y, r: 6 })
          : svgEl("polygon", { points: polygonPoints(style.shape, item.x + 6, item.y, 6).map(function (point) { return round(point[0]) + "," + round(point[1]); }).join(" ") });
        mark.setAttribute("fill", style.color);
        mark.setAttribute("stroke", style.border);
        legend.appendChild(mark);
      } else {
        var line = { x1: item.x, y1: item.y, x2: item.x + SWATCH, y2: item.y, stroke: item.line.color, "stroke-width": item.line.width || 1.5 };
        if (item.line.dashes) { line["stroke-dasharray"] = dashesOf(item.line).join(" "); }
        legend.appendChild(svgEl("line", line));
      }
      legend.appendChild(svgEl("text", { x: item.x + (item.line ? SWATCH : 12) + 6, y: item.y, "dominant-baseline": "middle" }, item.label));
    });
    if (key.credit) { legend.appendChild(svgEl("text", { x: 12, y: key.credit.y, "font-size": 11, fill: "#444444", "dominant-baseline": "middle" }, key.credit.text)); }
    svg.appendChild(legend);
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + new XMLSerializer().serializeToString(svg) + "\n";
    return new Blob([text], { type: "image/svg+xml;charset=utf-8" });
  }

  /* The names of a picture where the label layer (labels.js: 13 px type, 16 px lines, a 2 px halo) placed them. */
  function labelGroup(boxes) {
    var group = svgEl("g", { "font-family": "system-ui, sans-serif", "font-size": 13, fill: "#111111", "dominant-baseline": "middle" });
    boxes.forEach(function (box) {
      if (box.full) {
        group.appendChild(svgEl("rect", { x: round(box.x), y: round(box.y), width: round(box.width), height: round(box.height), fill: "#ffffff", "fill-opacity": 0.92, stroke: "#555555" }));
      }
      box.text.split("\n").forEach(function (line, index) {
        group.appendChild(svgEl("text", { x: round(box.x + 2), y: round(box.y + index * 16 + 8), stroke: "#ffffff", "stroke-width": 5, "stroke-linejoin": "round", "paint-order": "stroke" }, line));
      });
    });
    return group;
  }

  /* A download menu (a <details> with buttons data-download=…): each button calls handlers[kind](). */
  function wireDownloads(menu, handlers, t) {
    if (!menu) { return; }
    menu.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-download]") : null;
      if (!button) { return; }
      var kind = button.getAttribute("data-download");
      var status = menu.querySelector("[role=status]");
      Promise.resolve().then(function () { return handlers[kind](); }).then(function () {
        document.body.setAttribute("data-downloaded", kind);
        menu.open = false;
        if (status) { status.textContent = ""; }
      }).catch(function (error) { if (status) { status.textContent = t("error") + ": " + error.message; } });
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
    });
  }

  /* The copy button of the embed snippet (#embed-copy, #embed-code), in any page that has one; listens on the
     document, since the footer follows the page's script. `t` words "copied" in the page's language. */
  function wireEmbedCopy(t) {
    document.addEventListener("click", function (event) {
      var copy = event.target.closest ? event.target.closest("#embed-copy") : null;
      if (!copy) { return; }
      var area = document.getElementById("embed-code");
      area.select();
      var done = function () { copy.textContent = t("copied"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
      } else { document.execCommand("copy"); done(); }
    });
  }

  window.graphappKit = {
    make: make, el: el, download: download, getJSON: getJSON, problemError: problemError, postForFile: postForFile, tableFile: tableFile, json: json, fileName: fileName,
    mapLayer: mapLayer, networkPNG: networkPNG, networkSVG: networkSVG, wireDownloads: wireDownloads, wireEmbedCopy: wireEmbedCopy, ringColor: RING_COLOR
  };
})();
