// Progressive enhancement of the dependency graph on /afhankelijkheden/.
// Without JavaScript the static SVG and the table say everything; with it a
// reader can filter by organisation, status and layer, select a node to
// highlight its neighbourhood, and zoom. Our own code, no library.
(function () {
  "use strict";

  function setup(form) {
    var box = document.querySelector(".rt-graph--full");
    var svg = box && box.querySelector("svg");
    if (!svg) return;
    var nodes = Array.prototype.slice.call(svg.querySelectorAll("a.rt-node"));
    var edges = Array.prototype.slice.call(svg.querySelectorAll("[data-from]"));
    var status = form.querySelector(".rt-graph-status");
    var width = parseFloat(svg.getAttribute("width"));
    var height = parseFloat(svg.getAttribute("height"));
    var scale = 1;
    var selected = null;

    function neighbours(id) {
      var near = {};
      near[id] = true;
      edges.forEach(function (e) {
        if (e.dataset.from === id) near[e.dataset.to] = true;
        if (e.dataset.to === id) near[e.dataset.from] = true;
      });
      return near;
    }

    function apply() {
      var owner = form.owner.value, state = form.status.value, layer = form.layer.value;
      var near = selected ? neighbours(selected) : null;
      var shown = {}, count = 0;
      nodes.forEach(function (n) {
        var ok = (!owner || n.dataset.owner === owner) &&
                 (!state || n.dataset.status === state) &&
                 (!layer || n.dataset.layer === layer) &&
                 (!near || near[n.dataset.id]);
        shown[n.dataset.id] = ok;
        if (ok) count += 1;
        n.classList.toggle("rt-dim", !ok);
        n.classList.toggle("rt-selected", n.dataset.id === selected);
      });
      edges.forEach(function (e) {
        e.classList.toggle("rt-dim", !(shown[e.dataset.from] && shown[e.dataset.to]));
      });
      var text = count + " van " + nodes.length + " modules uitgelicht";
      if (selected) {
        var name = svg.querySelector('a[data-id="' + selected + '"] text').textContent;
        text += "; geselecteerd: " + name + " met wat zij nodig heeft en wat haar nodig heeft." +
                " Kies de module nog eens om haar pagina te openen.";
      }
      status.textContent = text;
    }

    function zoom(factor) {
      scale = factor === 0 ? box.clientWidth / width : Math.min(3, Math.max(0.2, scale * factor));
      svg.setAttribute("width", Math.round(width * scale));
      svg.setAttribute("height", Math.round(height * scale));
    }

    nodes.forEach(function (n) {
      n.addEventListener("click", function (event) {
        if (selected === n.dataset.id) return;  // second choice: follow the link
        event.preventDefault();
        selected = n.dataset.id;
        apply();
      });
    });
    form.addEventListener("change", apply);
    form.reset.addEventListener("click", function () {
      form.owner.value = form.status.value = form.layer.value = "";
      selected = null;
      apply();
    });
    form["zoom-in"].addEventListener("click", function () { zoom(1.25); });
    form["zoom-out"].addEventListener("click", function () { zoom(0.8); });
    form["zoom-fit"].addEventListener("click", function () { zoom(0); });
    form.hidden = false;
  }

  function start() {
    var form = document.querySelector("form.rt-filters");
    if (form) setup(form);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
