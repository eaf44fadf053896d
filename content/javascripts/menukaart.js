// Progressive enhancement of the menu card on the home page.
// Without JavaScript every card is there and the filter form stays hidden. With it
// a reader narrows the card by status, layer and organisation with its role, and
// the choice is kept in the address (#org=gm0363&rol=afnemer&status=available) so
// a view can be shared and reloaded. Our own code, no library.
//
// A card (ul.rt-menu > li > ol > li) has its status on the list around it (the
// class rt-status-<id> of its group), its layer on the menu list (data-layer, whose
// heading is #laag-<layer>),
// and its organisations as numbers into the organisation select's options (the
// first, "alle", not counted): data-t (trekker), data-b (bouwt mee), data-a (neemt
// af), data-w (wil afnemen).
(function () {
  "use strict";

  var KEYS = ["org", "rol", "status", "laag"];
  var ROLE_ATTRS = { trekker: ["t"], bouwer: ["b"], afnemer: ["a"], belangstellende: ["w"] };
  var ANY_ROLE = ["t", "b", "a", "w"];
  var ROLE_WORDS = {
    trekker: "trekker is", bouwer: "meebouwt", afnemer: "afneemt", belangstellende: "wil afnemen"
  };

  function numbers(text) {
    var out = {};
    if (text) text.split(" ").forEach(function (n) { out[n] = true; });
    return out;
  }

  function setup(form) {
    var cards = [];
    var sections = Array.prototype.map.call(document.querySelectorAll("ul.rt-menu[data-layer]"), function (list) {
      var layer = list.getAttribute("data-layer");
      var heading = document.getElementById("laag-" + layer);
      var count = heading && heading.querySelector(".rt-layer__count");
      var section = { list: list, heading: heading, count: count, text: count ? count.textContent : "", cards: [] };
      Array.prototype.forEach.call(list.querySelectorAll("ul.rt-menu > li > ol > li"), function (li) {
        var match = /(?:^|\s)rt-status-(\S+)/.exec(li.parentNode.parentNode.className);
        var card = {
          el: li,
          status: match ? match[1] : "",
          layer: layer,
          t: numbers(li.getAttribute("data-t")),
          b: numbers(li.getAttribute("data-b")),
          a: numbers(li.getAttribute("data-a")),
          w: numbers(li.getAttribute("data-w"))
        };
        section.cards.push(card);
        cards.push(card);
      });
      return section;
    });
    var output = form.querySelector(".rt-menu-status");

    function organisation() {
      // the number of the chosen organisation on the cards, or null for all
      var i = form.org.selectedIndex;
      return i > 0 ? String(i - 1) : null;
    }

    var roleLabels = {};  // t, b, a, w: the labels of the role select ("neemt af", ...)
    Array.prototype.forEach.call(form.rol.options, function (o) {
      if (ROLE_ATTRS[o.value]) roleLabels[ROLE_ATTRS[o.value][0]] = o.text;
    });

    function showRole(card, org) {
      // with an organisation chosen, a card says what that organisation does with it
      var text = org === null ? "" : form.org.options[form.org.selectedIndex].text + ": " +
        ANY_ROLE.filter(function (a) { return card[a][org]; })
          .map(function (a) { return roleLabels[a]; }).join(", ");
      if (!card.role && text) {
        card.role = document.createElement("small");
        card.role.className = "rt-role";
        card.el.firstElementChild.appendChild(card.role);
      }
      if (card.role) {
        card.role.textContent = text;
        card.role.hidden = !text;
      }
    }

    function apply() {
      var status = form.status.value, layer = form.laag.value, org = organisation();
      var attrs = ROLE_ATTRS[form.rol.value] || ANY_ROLE;
      form.rol.disabled = org === null;
      var shown = 0;
      sections.forEach(function (section) {
        var here = 0;
        section.cards.forEach(function (card) {
          var ok = (!status || card.status === status) && (!layer || card.layer === layer) &&
            (org === null || attrs.some(function (a) { return card[a][org]; }));
          card.el.hidden = !ok;
          if (ok) here += 1;
          showRole(card, ok ? org : null);
        });
        shown += here;
        var filtered = status || layer || org !== null;
        section.list.hidden = filtered && here === 0;
        if (section.heading) section.heading.hidden = section.list.hidden;
        if (section.count) {
          section.count.textContent = filtered ? here + " van " + section.text : section.text;
        }
      });
      var text = shown + " van " + cards.length + " modules";
      if (org !== null) {
        text += " waarbij " + form.org.options[form.org.selectedIndex].text + " " +
          (ROLE_WORDS[form.rol.value] || "trekker is, meebouwt, afneemt of wil afnemen");
      }
      output.textContent = shown === 0 ? text + ". Geen modules voor deze keuze." : text + ".";
    }

    function toAddress() {
      var parts = [];
      KEYS.forEach(function (key) {
        var field = form[key];
        if (field.value && !field.disabled) {
          parts.push(key + "=" + encodeURIComponent(field.value));
        }
      });
      var url = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
      history.replaceState(null, "", url);
    }

    function fromAddress() {
      var hash = location.hash.replace(/^#/, "");
      if (hash && hash.indexOf("=") < 0) return false;  // an anchor (#laag-diensten): keep the filters
      var state = {};
      hash.split("&").forEach(function (pair) {
        var at = pair.indexOf("=");
        if (at > 0) {
          try {
            state[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
          } catch (e) {
            // a malformed escape: ignore that part
          }
        }
      });
      KEYS.forEach(function (key) {
        var field = form[key];
        var value = state[key] || "";
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        field.value = known ? value : "";
      });
      return true;
    }

    form.addEventListener("change", function () {
      apply();
      toAddress();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.reset.addEventListener("click", function () {
      KEYS.forEach(function (key) { form[key].value = ""; });
      apply();
      toAddress();
    });
    window.addEventListener("hashchange", function () {
      if (fromAddress()) apply();
    });
    fromAddress();
    apply();
    form.hidden = false;
  }

  function start() {
    var form = document.querySelector("form.rt-menu-filters");
    if (form) setup(form);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
