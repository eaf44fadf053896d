// Progressive enhancement of the whole-landscape drawing on /afhankelijkheden/.
// Without JavaScript the static SVG (every module a link) and the table say
// everything. With it a reader chooses a module (click, Enter or the search box)
// to light what it needs and what needs it, directly or also indirectly; filters
// by organisation and role, status and layer; pans and zooms with mouse, touch and
// keyboard; and finds the view in the address (#module=open-zaak&org=gm0363) to
// share or reload. Our own code, no library.
//
// Fast at 1,000 modules: the graph is read from the SVG once into arrays. A choice
// shows the drawing's veil over all nodes and edges and draws copies of the few lit
// boxes and their edges above it (under the labels), instead of restyling a thousand
// nodes; each node's class (rt-dim, rt-selected, ...) still says what it is, and is
// set only where it changed.
(function () {
  "use strict";

  var ROLES = ["lead", "build", "adopt", "interest"];
  var FAR = 0.5;          // below this zoom the text of the nodes is too small to read: hidden
  var SMALLEST = 0.04, LARGEST = 3;
  var STEP = 1.25;
  var KEYS = ["module", "org", "role", "status", "layer", "indirect"];
  // the class a node gets for each emphasis (index = emphasis code)
  var NODE_CLASS = ["", " rt-dim", " rt-selected", " rt-needs", " rt-needed"];
  var SVG = "http://www.w3.org/2000/svg";

  function setup(form, frame, svg, data) {
    var nodes = Array.prototype.slice.call(svg.querySelectorAll("a.rt-node"));
    // all edges are one path, a piece per edge ("M x y L x y" or a curve), in data order
    var all = svg.querySelector("path.rt-edge-all");
    var pieces = all ? all.getAttribute("d").split("M").slice(1) : [];
    var n = nodes.length;
    var ids = [], place = Object.create(null), statusOf = [], layerOf = [], base = [];
    nodes.forEach(function (a, i) {
      ids[i] = a.getAttribute("data-id");
      place[ids[i]] = i;
      statusOf[i] = a.getAttribute("data-status");
      layerOf[i] = data.layerIds[data.layers[i]];
      base[i] = a.getAttribute("class");
    });
    // the ends of each edge, from the data: [from, to, from, to, ...]
    var from = [], to = [], out = [], into = [];
    for (var i = 0; i < n; i++) { out.push([]); into.push([]); }
    pieces.forEach(function (piece, k) {
      from[k] = data.edges[2 * k];
      to[k] = data.edges[2 * k + 1];
      out[from[k]].push(k);
      into[to[k]].push(k);
    });
    // names from the list of the search box (the data holds no model text)
    var list = document.getElementById("rt-module-names"), names = [];
    Array.prototype.forEach.call(list.options, function (o) {
      var j = place[o.getAttribute("data-id")];
      if (j !== undefined) names[j] = o.value;
    });
    var lower = names.map(function (x) { return x.toLowerCase(); });
    var shownNode = new Uint8Array(n);
    var boxes = nodes.map(function (a) { return a.querySelector("rect"); });
    // above the veil: copies of the lit boxes, and the lit edges (a path each for a chosen
    // module's edges, with an arrowhead; one path for the edges between the modules the
    // filters let through); a ring around the node that has the keyboard's focus
    var veil = svg.querySelector("rect.rt-veil");
    var lit = document.createElementNS(SVG, "g");
    lit.setAttribute("class", "rt-lit rt-edges");
    lit.setAttribute("aria-hidden", "true");
    veil.after(lit);
    var ring = document.createElementNS(SVG, "g");
    ring.setAttribute("class", "rt-ring");
    ring.setAttribute("aria-hidden", "true");
    veil.parentNode.appendChild(ring);

    var field = function (name) { return form.elements.namedItem(name); };
    var search = field("q"), indirect = field("indirect");
    var selects = { org: field("owner"), role: field("role"), status: field("status"), layer: field("layer") };
    var status = form.querySelector(".rt-graph-status");
    var state = { module: null, org: "", role: "", status: "", layer: "", indirect: false };

    // ---- emphasis -------------------------------------------------------------

    function passing() {
      // which nodes the filters let through; null when no filter is set
      if (!state.org && !state.status && !state.layer) return null;
      var ok = new Uint8Array(n), org = null;
      if (state.org) {
        org = new Uint8Array(n);
        var roles = data.roles[state.org] || [[], [], [], []];
        var which = state.role ? [ROLES.indexOf(state.role)] : [0, 1, 2, 3];
        which.forEach(function (r) { roles[r].forEach(function (j) { org[j] = 1; }); });
      }
      for (var j = 0; j < n; j++) {
        ok[j] = (!org || org[j]) && (!state.status || statusOf[j] === state.status) &&
                (!state.layer || layerOf[j] === state.layer) ? 1 : 0;
      }
      return ok;
    }

    function reach(start, adjacent, far, all) {
      // the nodes and edges from ``start`` along ``adjacent`` edges: one step, or all
      var seen = new Uint8Array(n), found = [], steps = [], queue = [start];
      seen[start] = 1;
      while (queue.length) {
        var at = queue.shift();
        adjacent[at].forEach(function (k) {
          steps.push(k);
          var next = far[k];
          if (!seen[next]) {
            seen[next] = 1;
            found.push(next);
            if (all) queue.push(next);
          }
        });
      }
      return { nodes: found, edges: steps };
    }

    function path(className, piecesOf) {
      var p = document.createElementNS(SVG, "path");
      p.setAttribute("class", className);
      p.setAttribute("d", "M" + piecesOf.join("M"));
      return p;
    }

    function copy(j, emphasis) {
      var g = document.createElementNS(SVG, "g");
      g.setAttribute("class", "rt-s-" + statusOf[j] + NODE_CLASS[emphasis]);
      g.appendChild(boxes[j].cloneNode(false));
      return g;
    }

    function update(reveal, reset) {
      var ok = passing(), chosen = state.module === null ? -1 : place[state.module];
      var node = new Uint8Array(n), above = [], drawn = [];
      var needs = null, needed = null;
      if (chosen < 0) {
        if (ok) {
          for (var j = 0; j < n; j++) node[j] = ok[j] ? 0 : 1;
          var between = [];
          for (var k = 0; k < pieces.length; k++) if (ok[from[k]] && ok[to[k]]) between.push(pieces[k]);
          if (between.length) drawn.push(path("rt-between", between));
        }
      } else {
        node.fill(1);
        needs = reach(chosen, out, to, state.indirect);
        needed = reach(chosen, into, from, state.indirect);
        needs.nodes.forEach(function (j) { if (!ok || ok[j]) node[j] = 3; });
        needed.nodes.forEach(function (j) { if (!ok || ok[j]) node[j] = node[j] === 3 ? 3 : 4; });
        node[chosen] = 2;
        var shown = function (k) { return node[from[k]] !== 1 && node[to[k]] !== 1; };
        needs.edges.forEach(function (k) { if (shown(k)) drawn.push(path("rt-needs", [pieces[k]])); });
        needed.edges.forEach(function (k) { if (shown(k)) drawn.push(path("rt-needed", [pieces[k]])); });
      }
      var count = 0, emphasis = chosen >= 0 || ok !== null;
      for (var a = 0; a < n; a++) {
        if (node[a] !== 1) count += 1;
        if (emphasis && node[a] !== 1) above.push(copy(a, node[a]));
        if (node[a] !== shownNode[a]) {
          nodes[a].setAttribute("class", base[a] + NODE_CLASS[node[a]]);
          shownNode[a] = node[a];
        }
      }
      lit.replaceChildren.apply(lit, above.concat(drawn));
      veil.setAttribute("display", emphasis ? "inline" : "none");
      say(count, chosen, needs, needed, ok !== null, reset);
      writeAddress();
      if (reveal && chosen >= 0) show(nodes[chosen]);
    }

    function say(count, chosen, needs, needed, filtering, reset) {
      if (chosen < 0 && !filtering) {
        status.textContent = reset ? "Alle " + n + " modules getoond." : "";
        return;
      }
      var text = count + " van " + n + " modules uitgelicht";
      if (chosen >= 0) {
        var how = state.indirect ? "rechtstreeks of indirect" : "rechtstreeks";
        text += "; geselecteerd: " + names[chosen] + ". Zij heeft " + plural(needs.nodes.length) +
                " nodig en " + plural(needed.nodes.length) + (needed.nodes.length === 1 ? " heeft" : " hebben") +
                " haar nodig (" + how + "). Kies de module nog eens om haar pagina te openen.";
      }
      status.textContent = text;
    }

    function plural(k) { return k + (k === 1 ? " module" : " modules"); }

    // ---- choosing ---------------------------------------------------------------

    function choose(j, reveal) {
      state.module = j < 0 ? null : ids[j];
      update(reveal);
    }

    nodes.forEach(function (a, j) {
      // the focus ring above the veil and the labels (the box's own is under them)
      a.addEventListener("focus", function () {
        if (!a.matches(":focus-visible")) return;
        var r = boxes[j].cloneNode(false);
        ring.replaceChildren(r);
      });
      a.addEventListener("blur", function () { ring.replaceChildren(); });
      a.addEventListener("click", function (event) {
        if (state.module === ids[j]) return;  // chosen already: follow the link
        event.preventDefault();
        choose(j, false);
      });
    });

    function find(text) {
      var q = text.trim().toLowerCase();
      if (!q) return -1;
      var j = lower.indexOf(q);
      if (j < 0) j = lower.findIndex(function (x) { return x.lastIndexOf(q, 0) === 0; });
      if (j < 0) j = lower.findIndex(function (x) { return x.indexOf(q) >= 0; });
      if (j < 0 && place[q] !== undefined) j = place[q];
      return j;
    }

    function searched() {
      var j = find(search.value);
      if (j >= 0) choose(j, true);
      else if (search.value.trim()) status.textContent = "Geen module gevonden met “" + search.value.trim() + "”.";
    }

    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); searched(); }
    });
    search.addEventListener("change", searched);
    search.addEventListener("input", function () {  // a name picked from the list
      if (lower.indexOf(search.value.trim().toLowerCase()) >= 0) searched();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target === search) return;
      Object.keys(selects).forEach(function (key) { state[key] = selects[key].value; });
      state.indirect = indirect.checked;
      update(false);
    });
    field("reset").addEventListener("click", function () {
      state = { module: null, org: "", role: "", status: "", layer: "", indirect: false };
      search.value = "";
      showState();
      update(false, true);
    });

    // ---- the address ------------------------------------------------------------

    function writeAddress() {
      var parts = [];
      KEYS.forEach(function (key) {
        var value = key === "indirect" ? (state.indirect ? "1" : "") : state[key];
        if (value) parts.push(key + "=" + encodeURIComponent(value));
      });
      var address = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
      if (address !== location.pathname + location.search + location.hash) {
        history.replaceState(history.state, "", address);
      }
    }

    function readAddress() {
      // the state in the address, when it holds one (not an anchor such as #tabel)
      var hash = location.hash.slice(1);
      if (hash.indexOf("=") < 0) return false;
      var params = new URLSearchParams(hash);
      state = { module: null, org: "", role: "", status: "", layer: "", indirect: params.get("indirect") === "1" };
      var module = params.get("module");
      if (module && place[module] !== undefined) state.module = module;
      Object.keys(selects).forEach(function (key) {
        var value = params.get(key) || "";
        var known = Array.prototype.some.call(selects[key].options, function (o) { return o.value === value; });
        state[key] = known ? value : "";
      });
      showState();
      return true;
    }

    function showState() {
      Object.keys(selects).forEach(function (key) { selects[key].value = state[key]; });
      indirect.checked = state.indirect;
    }

    window.addEventListener("hashchange", function () {
      if (readAddress()) update(true);
    });

    // ---- pan and zoom -------------------------------------------------------------

    var W = parseFloat(svg.getAttribute("width")), H = parseFloat(svg.getAttribute("height"));
    var width = W;

    function room() {
      // the largest inner size of the frame: the column's width, its maximum height
      var column = frame.parentElement, style = getComputedStyle(column), own = getComputedStyle(frame);
      var across = parseFloat(own.borderLeftWidth) + parseFloat(own.borderRightWidth);
      var down = parseFloat(own.borderTopWidth) + parseFloat(own.borderBottomWidth);
      var inner = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      var tall = parseFloat(own.maxHeight);
      return { w: inner - across, h: (isNaN(tall) ? Infinity : tall) - down };
    }

    function zoomTo(target, anchor) {
      var next = Math.round(Math.min(W * LARGEST, Math.max(W * SMALLEST, target)));
      var factor = next / width;
      var x = anchor ? anchor.x : frame.clientWidth / 2, y = anchor ? anchor.y : frame.clientHeight / 2;
      var left = (frame.scrollLeft + x) * factor - x, top = (frame.scrollTop + y) * factor - y;
      width = next;
      svg.setAttribute("width", next);
      svg.setAttribute("height", Math.round(H * next / W));
      frame.scrollLeft = left;
      frame.scrollTop = top;
      frame.toggleAttribute("data-far", next / W < FAR);
    }

    function fit(whole) {
      var r = room(), scale = Math.min(1, r.w / W, whole ? r.h / H : 1);
      zoomTo(Math.floor(W * scale));
    }

    field("zoom-in").addEventListener("click", function () { zoomTo(width * STEP); });
    field("zoom-out").addEventListener("click", function () { zoomTo(width / STEP); });
    field("zoom-fit").addEventListener("click", function () { fit(true); });

    function show(element) {
      var box = element.getBoundingClientRect(), view = frame.getBoundingClientRect();
      if (box.left < view.left || box.right > view.right) {
        frame.scrollLeft += box.left + box.width / 2 - (view.left + frame.clientWidth / 2);
      }
      if (box.top < view.top || box.bottom > view.bottom) {
        frame.scrollTop += box.top + box.height / 2 - (view.top + frame.clientHeight / 2);
      }
    }

    frame.setAttribute("tabindex", "0");
    frame.setAttribute("role", "region");
    frame.setAttribute("aria-label", "Tekening van het landschap: verschuif met de pijltjestoetsen, zoom met + en -");
    frame.classList.add("rt-graph--live");

    frame.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "+" || event.key === "=") zoomTo(width * STEP);
      else if (event.key === "-") zoomTo(width / STEP);
      else if (event.key === "0") fit(true);
      else return;
      event.preventDefault();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || state.module === null) return;
      if (!frame.contains(document.activeElement) && !form.contains(document.activeElement)) return;
      choose(-1, false);
    });

    frame.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;  // a plain wheel scrolls
      event.preventDefault();
      var view = frame.getBoundingClientRect();
      zoomTo(width * Math.exp(-event.deltaY * 0.002), { x: event.clientX - view.left, y: event.clientY - view.top });
    }, { passive: false });

    // a mouse drags the drawing; two fingers pinch it (one finger scrolls natively)
    var drag = null, dragged = false, touches = new Map(), pinch = null;
    function spread() {
      var p = Array.from(touches.values());
      return { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y), x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
    }
    frame.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "touch") {
        touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (touches.size === 2) pinch = { start: spread(), width: width };
        return;
      }
      if (event.button !== 0) return;
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      dragged = false;
    });
    frame.addEventListener("pointermove", function (event) {
      if (touches.has(event.pointerId)) {
        touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (pinch && touches.size === 2) {
          var now = spread(), view = frame.getBoundingClientRect();
          zoomTo(pinch.width * now.d / pinch.start.d, { x: now.x - view.left, y: now.y - view.top });
        }
        return;
      }
      if (!drag || event.pointerId !== drag.id) return;
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!dragged) {
        dragged = true;
        frame.setPointerCapture(event.pointerId);
        frame.setAttribute("data-dragging", "");
      }
      frame.scrollLeft = drag.left - dx;
      frame.scrollTop = drag.top - dy;
    });
    function release(event) {
      touches.delete(event.pointerId);
      if (touches.size < 2) pinch = null;
      if (drag && event.pointerId === drag.id) {
        drag = null;
        frame.removeAttribute("data-dragging");
      }
    }
    frame.addEventListener("pointerup", release);
    frame.addEventListener("pointercancel", release);
    frame.addEventListener("click", function (event) {  // the end of a drag is no click
      if (dragged) {
        event.preventDefault();
        event.stopPropagation();
        dragged = false;
      }
    }, true);
    frame.addEventListener("dragstart", function (event) { event.preventDefault(); });

    // ---- start --------------------------------------------------------------------

    form.hidden = false;
    fit(false);
    var restored = readAddress();
    update(restored);
  }

  function start() {
    var form = document.querySelector("form.rt-landscape-controls");
    var frame = document.querySelector(".rt-graph--full");
    var svg = frame && frame.querySelector("svg");
    var data = document.getElementById("rt-landscape-data");
    if (form && svg && data) setup(form, frame, svg, JSON.parse(data.textContent));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
