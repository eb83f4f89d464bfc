/* Stack Guides: sortable and filterable tables, facets, and the compare picker.
 *
 * No dependencies, no third-party requests. Data from the catalog is only ever
 * inserted with textContent or as attribute values, never as HTML.
 */
(function () {
  "use strict";

  var MAX_COMPARE = 4;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Catalog text is Markdown; the compare table shows it as plain text (always set with textContent).
     Code spans keep their content without the backticks; emphasis markers, link targets and
     backslash escapes go. */
  var MARKDOWN_PUNCTUATION = /\\([!-\/:-@\[-`{-~])|!?\[([^\]]*)\]\([^)]*\)|[`*]+|(^|[^A-Za-z0-9_])_+|_+(?![A-Za-z0-9_])/g;

  function plainProse(text) {
    return text.replace(MARKDOWN_PUNCTUATION, function (match, escaped, linkText, before) {
      if (escaped !== undefined) return escaped;
      if (linkText !== undefined) return plainProse(linkText);
      return before !== undefined ? before : "";
    });
  }

  function plain(text) {
    var parts = String(text).split(/(`+)([\s\S]*?)\1/);
    var out = "";
    for (var i = 0; i < parts.length; i += 3) {
      out += plainProse(parts[i]);
      if (i + 2 < parts.length) out += parts[i + 2].trim();
    }
    return out.replace(/\s+/g, " ").trim();
  }

  function siteRoot() {
    var base = document.querySelector("[data-md-component=logo]");
    var href = base ? base.getAttribute("href") : ".";
    return new URL(href || ".", window.location.href);
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var sort = cell.getAttribute("data-sort");
    return sort !== null ? sort : cell.textContent.trim().toLowerCase();
  }

  function compareValues(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  /* Sorting: the header buttons (rendered at build time) reorder the rows; aria-sort tells assistive tech. */
  function bindSorting(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = th.querySelector(".sg-sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compareValues(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* Cards that belong to a table row: matched by the tool link they contain. */
  function cardsFor(block) {
    var map = {};
    var container = block.closest("article");
    if (!container) return map;
    container.querySelectorAll(".grid.cards > ul > li").forEach(function (card) {
      var link = card.querySelector("a[href*='tools/']");
      if (!link) return;
      var match = link.getAttribute("href").match(/tools\/([a-z0-9-]+)\/?/);
      if (match) map[match[1]] = card;
    });
    return map;
  }

  /* Filtering by text and by facets (all rendered at build time); cards follow their rows. */
  function bindFiltering(block, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var cards = cardsFor(block);
    var input = block.querySelector(".sg-filter");
    var status = block.querySelector(".sg-status");
    var boxes = Array.prototype.slice.call(block.querySelectorAll("input[data-facet]"));

    function apply() {
      var query = input ? input.value.trim().toLowerCase() : "";
      var chosen = {};
      boxes.forEach(function (box) {
        if (!box.checked) return;
        var facet = box.getAttribute("data-facet");
        (chosen[facet] = chosen[facet] || []).push(box.value);
      });
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
        Object.keys(chosen).forEach(function (facet) {
          if (chosen[facet].indexOf(row.getAttribute("data-" + facet)) === -1) visible = false;
        });
        row.hidden = !visible;
        var card = cards[row.getAttribute("data-sg-item")];
        if (card) card.hidden = !visible;
        if (visible) shown += 1;
      });
      if (status) status.textContent = shown === rows.length ? "" : "Showing " + shown + " of " + rows.length;
    }

    if (input) input.addEventListener("input", apply);
    boxes.forEach(function (box) { box.addEventListener("change", apply); });
  }

  /* Compare picker: tick 2 to 4 rows, then open the compare page with them in the URL. */
  function bindPicking(block) {
    var boxes = Array.prototype.slice.call(block.querySelectorAll(".sg-pick"));
    var link = block.querySelector(".sg-compare-link");
    if (!boxes.length || !link) return;
    var chosen = [];

    function update() {
      var url = new URL("compare/", siteRoot());
      url.searchParams.set("tools", chosen.join(","));
      link.textContent = "Compare " + chosen.length + " selected";
      if (chosen.length >= 2) {
        link.setAttribute("href", url.pathname + url.search);
        link.removeAttribute("aria-disabled");
      } else {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      }
      boxes.forEach(function (box) { box.disabled = !box.checked && chosen.length >= MAX_COMPARE; });
    }

    boxes.forEach(function (box) {
      box.checked = false;
      box.addEventListener("change", function () {
        if (box.checked) chosen.push(box.value);
        else chosen = chosen.filter(function (other) { return other !== box.value; });
        update();
      });
    });
    update();
  }

  /* The compare page: reads ?tools=a,b,c and lays the tools side by side. */
  function renderCompare(root) {
    var api = new URL(root.getAttribute("data-api"), window.location.href);
    var params = new URLSearchParams(window.location.search);
    var ids = (params.get("tools") || "").split(",").filter(function (id) { return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id); }).slice(0, MAX_COMPARE);
    var status = root.querySelector(".sg-compare-status");
    var result = root.querySelector(".sg-compare-result");
    var picker = root.querySelector("form");
    var select = picker.querySelector("select");

    function getJSON(name) {
      return fetch(new URL(name, api)).then(function (response) {
        if (!response.ok) throw new Error(name + " answered HTTP " + response.status);
        return response.json();
      });
    }
    function failed(error) {
      status.textContent = "The tool data could not be loaded (" + error.message + "). Reload the page to try again.";
      status.classList.add("sg-compare-status--error");
    }
    var vocabulary = getJSON("vocabulary.json");
    var categories = getJSON("categories.json");

    function categoryName(all, id) {
      return all[id] && all[id].name ? all[id].name : id;
    }

    Promise.all([getJSON("tool-index.json"), categories]).then(function (loaded) {
      var index = loaded[0];
      Object.keys(index).sort(function (a, b) { return index[a].name.localeCompare(index[b].name); }).forEach(function (id) {
        select.appendChild(el("option", { value: id }, index[id].name + " (" + categoryName(loaded[1], index[id].category) + ")"));
      });
    }).catch(failed);
    picker.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!select.value || ids.indexOf(select.value) !== -1 || ids.length >= MAX_COMPARE) return;
      go(ids.concat([select.value]));
    });

    function go(next) {
      var url = new URL(window.location.href);
      if (next.length) url.searchParams.set("tools", next.join(","));
      else url.searchParams.delete("tools");
      window.location.assign(url.toString());
    }

    if (!ids.length) {
      status.textContent = "Choose tools below, or tick them in any category table.";
      result.classList.add("sg-compare-result--empty");
      return;
    }
    Promise.all([vocabulary, categories].concat(ids.map(function (id) {
      return fetch(new URL("tools/" + id + ".json", api)).then(function (response) {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error("tools/" + id + ".json answered HTTP " + response.status);
        return response.json();
      });
    }))).then(function (loaded) {
      var words = loaded[0];
      var groups = loaded[1];
      var tools = loaded.slice(2);
      tools = tools.filter(Boolean);
      status.textContent = tools.length < ids.length ? "Some tools in the link were not found." : "";
      var table = el("table", { class: "sg-table sg-compare-table", "aria-label": "Tools compared side by side" });
      var head = el("thead");
      var headRow = el("tr");
      headRow.appendChild(el("th", { scope: "col" }, "Tool"));
      tools.forEach(function (tool) {
        var th = el("th", { scope: "col" });
        var a = el("a", { href: new URL("../tools/" + tool.id + "/", window.location.href).pathname }, tool.name);
        th.appendChild(a);
        var remove = el("button", { type: "button", class: "sg-remove", "aria-label": "Remove " + tool.name }, "×");
        remove.addEventListener("click", function () { go(ids.filter(function (id) { return id !== tool.id; })); });
        th.appendChild(remove);
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = el("tbody");
      var fields = [
        ["Verdict", function (t) { return (words.verdicts[t.verdict] || t.verdict) + (t.verdict_reason ? ": " + t.verdict_reason : ""); }],
        ["Category", function (t) { return categoryName(groups, t.category); }],
        ["Summary", function (t) { return t.summary; }],
        ["Best for", function (t) { return t.best_for; }],
        ["Version", function (t) { return t.version; }],
        ["License", function (t) { return t.license; }],
        ["Async", function (t) { return t.async_support ? (words.async_support[t.async_support] || t.async_support) : "n/a"; }],
        ["Pros", function (t) { return t.pros; }],
        ["Cons", function (t) { return t.cons; }],
        ["When to use", function (t) { return t.when_to_use; }]
      ];
      fields.forEach(function (field) {
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, field[0]));
        tools.forEach(function (tool) {
          var value = field[1](tool);
          var cell = el("td");
          if (Array.isArray(value)) {
            var list = el("ul");
            value.forEach(function (item) { list.appendChild(el("li", {}, plain(item))); });
            cell.appendChild(list);
          } else {
            cell.textContent = plain(value === undefined || value === null ? "" : value);
          }
          row.appendChild(cell);
        });
        body.appendChild(row);
      });
      table.appendChild(body);
      var wrap = el("div", { class: "sg-table-wrap" });
      wrap.appendChild(table);
      result.appendChild(wrap);
    }).catch(failed);
  }

  /* Material's search dialog has no accessible name (axe: aria-dialog-name). Search works only with
     JavaScript, so naming it here covers every reader who can open it, without a copy of the partial. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
  }

  function init() {
    nameSearchDialog();
    document.querySelectorAll("[data-sg-table-block]:not([data-sg-bound])").forEach(function (block) {
      block.setAttribute("data-sg-bound", "");
      var table = block.querySelector("table[data-sg-table]");
      if (!table || !table.tBodies.length || !table.tHead) return;
      bindSorting(table);
      bindFiltering(block, table);
      bindPicking(block);
    });
    var compare = document.getElementById("sg-compare");
    if (compare && !compare.hasAttribute("data-sg-bound")) {
      compare.setAttribute("data-sg-bound", "");
      renderCompare(compare);
    }
  }

  /* Material re-renders the page on instant navigation and announces each page on document$;
     without it (or before it exists) bind once the document is parsed. */
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
