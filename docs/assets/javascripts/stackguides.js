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

  /* Cards that belong to a table row: their first paragraph carries the row's data-sg-item. */
  function cardsFor(block) {
    var map = {};
    var container = block.closest("article");
    if (!container) return map;
    container.querySelectorAll(".grid.cards > ul > li > p[data-sg-item]").forEach(function (first) {
      map[first.getAttribute("data-sg-item")] = first.parentNode;
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
      link.textContent = "Compare " + chosen.length + " selected";
      if (chosen.length >= 2) {
        link.setAttribute("href", url.pathname + compareSearch(chosen));
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

  /* A compare address as people read it: ?tools=fastapi,django (ids are [a-z0-9-], so no escaping). */
  function compareSearch(ids) {
    return ids.length ? "?tools=" + ids.join(",") : "";
  }

  /* The rendered fields of a tool page (build-time Markdown, sanitized like every page), by name. */
  function pageFields(html) {
    var fields = {};
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("[data-sg-field]").forEach(function (node) {
      var name = node.getAttribute("data-sg-field");
      var box = node.querySelector(".admonition");  // pros, cons, verdict: the box's body, not its title
      if (box) {
        node = box.cloneNode(true);
        var title = node.querySelector(".admonition-title");
        if (title) title.remove();
      }
      fields[name] = node;
    });
    return fields;
  }

  /* The compare page: reads ?tools=a,b,c and lays the tools side by side. */
  function renderCompare(root) {
    var api = new URL(root.getAttribute("data-api"), window.location.href);
    var site = new URL(root.getAttribute("data-site"), window.location.href);
    var params = new URLSearchParams(window.location.search);
    var status = root.querySelector(".sg-compare-status");
    var result = root.querySelector(".sg-compare-result");
    var options = root.querySelector(".sg-compare-options");
    var differences = root.querySelector(".sg-compare-differences");
    var picker = root.querySelector("form");
    var input = picker.querySelector("input");
    var names = root.querySelector("datalist");
    var ids = [];

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
    function go(next) {
      window.location.assign(window.location.pathname + compareSearch(next) + window.location.hash);
    }

    var vocabulary = getJSON("vocabulary.json");
    var categories = getJSON("categories.json");
    var index = getJSON("tool-index.json");
    var choices = {};  // what a reader may type: lower-case name or "name (category)" -> id

    Promise.all([vocabulary, index, categories]).then(function (loaded) {
      var pattern = new RegExp(loaded[0].id_pattern);
      ids = (params.get("tools") || "").split(",").filter(function (id) { return pattern.test(id); });
      ids = ids.filter(function (id, at) { return ids.indexOf(id) === at; }).slice(0, MAX_COMPARE);
      var tools = loaded[1];
      Object.keys(tools).sort(function (a, b) { return tools[a].name.localeCompare(tools[b].name); }).forEach(function (id) {
        var group = loaded[2][tools[id].category];
        var label = tools[id].name + " (" + (group && group.name ? group.name : tools[id].category) + ")";
        choices[label.toLowerCase()] = id;
        choices[tools[id].name.toLowerCase()] = choices[tools[id].name.toLowerCase()] || id;
        choices[id] = id;
        names.appendChild(el("option", { value: label }));
      });
      return show(loaded[0], loaded[2]);
    }).catch(failed);

    picker.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = input.value.trim();
      var id = choices[typed.toLowerCase()];
      if (!typed) return;
      if (!id) {
        status.textContent = "No tool is called “" + typed + "”: pick a name from the list as you type.";
        return;
      }
      if (ids.indexOf(id) !== -1) { status.textContent = "That tool is already in the comparison."; return; }
      if (ids.length >= MAX_COMPARE) { status.textContent = "Compare at most " + MAX_COMPARE + " tools: remove one first."; return; }
      go(ids.concat([id]));
    });

    if (differences) {
      differences.addEventListener("change", function () {
        result.querySelectorAll("tr[data-same]").forEach(function (row) { row.hidden = differences.checked; });
      });
    }

    function show(words, groups) {
      if (!ids.length) {
        status.textContent = "Choose tools below, or tick them in any category table.";
        result.classList.add("sg-compare-result--empty");
        if (options) options.hidden = true;
        return;
      }
      return Promise.all(ids.map(function (id) {
        return fetch(new URL("tools/" + id + ".json", api)).then(function (response) {
          if (response.status === 404) return null;
          if (!response.ok) throw new Error("tools/" + id + ".json answered HTTP " + response.status);
          return response.json().then(function (tool) {
            return fetch(new URL("tools/" + id + "/", site)).then(function (page) {
              return page.ok ? page.text() : "";
            }).then(function (html) {
              tool.fields = pageFields(html);
              return tool;
            });
          });
        });
      })).then(function (tools) {
        tools = tools.filter(Boolean);
        status.textContent = tools.length < ids.length ? "Some tools in the link were not found." : "";
        draw(words, groups, tools);
      });
    }

    /* A cell from the tool page's own rendered field, or the plain text of the data if the page lacks it. */
    function rendered(tool, name, fallback) {
      var node = tool.fields[name];
      var cell = el("td");
      if (node) {
        Array.prototype.forEach.call(node.childNodes, function (child) { cell.appendChild(document.importNode(child, true)); });
      } else if (Array.isArray(fallback)) {
        var list = el("ul");
        fallback.forEach(function (item) { list.appendChild(el("li", {}, plain(item))); });
        cell.appendChild(list);
      } else {
        cell.textContent = plain(fallback === undefined || fallback === null ? "" : fallback);
      }
      return cell;
    }

    function draw(words, groups, tools) {
      var table = el("table", {
        class: "sg-table sg-compare-table sg-compare-table--" + tools.length,
        "aria-label": "Tools compared side by side"
      });
      var head = el("thead");
      var headRow = el("tr");
      headRow.appendChild(el("th", { scope: "col" }, "Tool"));
      tools.forEach(function (tool) {
        var th = el("th", { scope: "col" });
        th.appendChild(el("a", { href: new URL("tools/" + tool.id + "/", site).pathname }, tool.name));
        var remove = el("button", { type: "button", class: "sg-remove", "aria-label": "Remove " + tool.name, title: "Remove " + tool.name }, "×");
        remove.addEventListener("click", function () { go(ids.filter(function (id) { return id !== tool.id; })); });
        th.appendChild(remove);
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = el("tbody");
      function textRow(label, value) {
        return [label, function (tool) { var v = value(tool); return el("td", {}, plain(v === undefined || v === null ? "" : v)); }];
      }
      var rows = [
        ["Verdict", function (tool) {
          var cell = el("td");
          cell.appendChild(el("span", { class: "sg-badge sg-badge--" + tool.verdict }, words.verdicts[tool.verdict] || tool.verdict));
          var reason = tool.fields.verdict_reason;
          if (reason) {
            Array.prototype.forEach.call(reason.childNodes, function (child) { cell.appendChild(document.importNode(child, true)); });
          } else if (tool.verdict_reason) {
            cell.appendChild(el("p", {}, plain(tool.verdict_reason)));
          }
          return cell;
        }],
        textRow("Category", function (t) { return groups[t.category] && groups[t.category].name ? groups[t.category].name : t.category; }),
        ["Summary", function (t) { return rendered(t, "summary", t.summary); }],
        ["Best for", function (t) { return rendered(t, "best_for", t.best_for); }],
        ["Version", function (t) { var cell = el("td"); cell.appendChild(el("code", { class: "sg-version" }, t.version)); return cell; }],
        textRow("License", function (t) { return t.license; }),
        textRow("Async", function (t) { return t.async_support ? (words.async_support[t.async_support] || t.async_support) : "n/a"; }),
        ["Pros", function (t) { return rendered(t, "pros", t.pros); }],
        ["Cons", function (t) { return rendered(t, "cons", t.cons); }],
        ["When to use", function (t) { return rendered(t, "when_to_use", t.when_to_use); }]
      ];
      rows.forEach(function (field) {
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, field[0]));
        var texts = tools.map(function (tool) {
          var cell = field[1](tool);
          row.appendChild(cell);
          return cell.textContent.replace(/\s+/g, " ").trim();
        });
        if (tools.length > 1 && texts.every(function (text) { return text === texts[0]; })) row.setAttribute("data-same", "");
        body.appendChild(row);
      });
      table.appendChild(body);
      var wrap = el("div", { class: "sg-table-wrap" });
      wrap.appendChild(table);
      result.appendChild(wrap);
      if (options) options.hidden = tools.length < 2;
      if (differences && differences.checked) {
        body.querySelectorAll("tr[data-same]").forEach(function (row) { row.hidden = true; });
      }
    }
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
