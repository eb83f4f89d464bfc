/* Stack Guides search: the header search box (overrides/partials/sg-search.html) answered by
 * Pagefind (stackguides/outputs/search_index.py). Nothing is fetched until the reader opens
 * search; then Pagefind loads only the index chunks the query needs and one fragment per result
 * shown. No dependencies; Material's own search is off (mkdocs.yml), so its keys are free here:
 * "/" or "s" opens, ArrowUp/ArrowDown move through the results, Enter opens one, Esc closes.
 * Results are a listbox the input controls (combobox pattern); the count is a live region. */
(function () {
  "use strict";

  var RESULTS = 10;
  /* Pagefind's ranking (https://pagefind.app/docs/ranking/): shorter pages are not favoured as
   * much as by default (a tool page is long, an index page short), and a query that names a
   * category lifts that category's recommended tools ("pick") more than its others ("topic"),
   * metadata written by partials/sg-search-body.html. Tuned on tests/test_search.py's queries. */
  var RANKING = {
    termFrequency: 0.6,
    pageLength: 0.5,
    termSimilarity: 1.0,
    metaWeights: { pick: 3.0, topic: 1.5 },
  };

  function setup(root) {
    if (root.dataset.sgSearchBound) return;
    root.dataset.sgSearchBound = "1";
    var toggle = document.getElementById("__search");
    var input = root.querySelector(".md-search__input");
    var list = root.querySelector(".md-search-result__list");
    var status = root.querySelector(".md-search-result__meta");
    var form = root.querySelector("[data-sg-search-form]");
    var base = new URL(root.dataset.sgBase, location.href).pathname;
    var bundle = new URL(root.dataset.sgSearch, location.href).href;
    var placeholder = status.textContent.trim();
    var engine = null;
    var active = -1;
    var latest = 0;
    var timer = null;

    function load() {
      if (!engine) {
        engine = import(bundle).then(function (pagefind) {
          return pagefind.options({ baseUrl: base, ranking: RANKING }).then(function () {
            return pagefind;
          });
        });
        engine.catch(function () {
          engine = null;
          status.textContent = "Search is not available on this copy of the site.";
        });
      }
      return engine;
    }

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }

    function select(index) {
      var items = options();
      active = items.length ? (index + items.length) % items.length : -1;
      items.forEach(function (item, position) {
        var on = position === active;
        item.setAttribute("aria-selected", on ? "true" : "false");
        item.classList.toggle("sg-search-result--active", on);
        if (on) item.scrollIntoView({ block: "nearest" });
      });
      if (active < 0) input.removeAttribute("aria-activedescendant");
      else input.setAttribute("aria-activedescendant", items[active].id);
    }

    function open() {
      if (!toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      input.focus();
      input.select();
      load();
    }

    function close() {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      input.blur();
    }

    /* Pagefind's excerpt is HTML: keep its text and its <mark> highlights, nothing else. */
    function excerpt(html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      var out = document.createElement("p");
      template.content.childNodes.forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          out.appendChild(mark);
        } else {
          out.appendChild(document.createTextNode(node.textContent));
        }
      });
      return out;
    }

    function result(data, position) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      item.setAttribute("role", "none");
      var link = document.createElement("a");
      link.className = "md-search-result__link sg-search-result";
      link.id = "sg-search-option-" + position;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      link.href = data.url;
      link.tabIndex = -1;
      var article = document.createElement("div");
      article.className = "md-search-result__article md-typeset";
      var kind = document.createElement("span");
      kind.className = "sg-search-result__kind";
      kind.textContent = (data.meta && data.meta.kind) || "Page";
      var title = document.createElement("span");
      title.className = "sg-search-result__title";
      title.textContent = (data.meta && data.meta.title) || data.url;
      var heading = document.createElement("div");
      heading.className = "sg-search-result__heading";
      heading.appendChild(kind);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(title);
      article.appendChild(heading);
      article.appendChild(excerpt(data.excerpt || ""));
      link.appendChild(article);
      link.addEventListener("mousemove", function () {
        if (active !== position) select(position);
      });
      item.appendChild(link);
      return item;
    }

    function show(query, found, shown) {
      list.replaceChildren.apply(list, shown.map(result));
      active = -1;
      input.removeAttribute("aria-activedescendant");
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      if (!query) status.textContent = placeholder;
      else if (!found) status.textContent = "No matching pages";
      else if (found === 1) status.textContent = "1 matching page";
      else if (found > shown.length)
        status.textContent = found + " matching pages, the first " + shown.length + " shown";
      else status.textContent = found + " matching pages";
      root.dataset.sgSearchQuery = query; /* what the list now answers (tests wait on it) */
    }

    /* A page whose title is the query itself ("httpx": HTTPX) comes first, before pages that
     * merely repeat the word (HTTPX2's page names HTTPX often). Otherwise Pagefind's order. */
    function ownPageFirst(query, data) {
      var wanted = query.toLowerCase();
      var own = data.filter(function (item) {
        return ((item.meta && item.meta.title) || "").trim().toLowerCase() === wanted;
      });
      return own.concat(data.filter(function (item) { return own.indexOf(item) < 0; }));
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        show("", 0, []);
        return;
      }
      load().then(function (pagefind) {
        return pagefind.search(query).then(function (search) {
          if (ticket !== latest || !search) return;
          var top = search.results.slice(0, RESULTS);
          return Promise.all(top.map(function (hit) { return hit.data(); })).then(function (data) {
            if (ticket === latest) show(query, search.results.length, ownPageFirst(query, data));
          });
        });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("focus", function () {
      if (!toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      load();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (options().length) select(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        var items = options();
        var target = items[active >= 0 ? active : 0];
        if (target) location.href = target.href;
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        show("", 0, []);
        input.focus();
      });
    });
    toggle.addEventListener("change", function () {
      /* The count is a live region only while search is open: a closed search has no status. */
      status.hidden = !toggle.checked;
      if (toggle.checked) {
        if (document.activeElement !== input) input.focus();
        load();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.key === "Escape" && toggle.checked) {
        close();
        return;
      }
      var target = event.target;
      var typing =
        target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") {
        event.preventDefault();
        open();
      }
    });
  }

  function bind() {
    document.querySelectorAll("[data-sg-search]").forEach(setup);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(bind);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();
