/* The help centre's small enhancements; every page works without them.
 *
 * - Search as you type: [data-help-search] forms ask /help/search/ for JSON (debounced, the
 *   previous request aborted) and list the hits under the box as an ARIA combobox: arrow keys
 *   move, Enter opens, Escape closes. Text is set with textContent only, never as HTML.
 * - Votes: [data-help-vote] forms post with fetch and show the answer in place.
 * A file, not an inline script: the Content-Security-Policy allows scripts from 'self' only.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 180;
  var MAX_QUERY = 200;

  function jsonOf(response) {
    return response.json().then(function (body) {
      return { ok: response.ok, body: body };
    }, function () {
      return { ok: false, body: {} };
    });
  }

  function setupSearch(form) {
    var input = form.querySelector('input[name="q"]');
    var language = form.querySelector('input[name="lang"]');
    var list = form.querySelector('[role="listbox"]');
    var status = form.querySelector(".help-search-status");
    if (!input || !list || !status || !window.fetch) {
      return;
    }
    var controller = null;
    var timer = null;
    var active = -1;
    var lastQuery = null;

    function options() {
      return list.querySelectorAll('[role="option"]');
    }

    function open() {
      if (options().length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      highlight(-1);
    }

    function highlight(index) {
      var all = options();
      active = index;
      for (var i = 0; i < all.length; i += 1) {
        all[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      }
    }

    function render(query, results) {
      list.textContent = "";
      results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = "help-suggestion-" + index;
        item.className = "help-suggestion";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var link = document.createElement("a");
        link.href = result.url;
        if (language && result.language && result.language !== language.value) {
          link.lang = result.language; // an article only in the other language
        }
        link.tabIndex = -1;
        var title = document.createElement("strong");
        title.textContent = result.title;
        var snippet = document.createElement("span");
        snippet.className = "help-snippet";
        snippet.textContent = result.snippet;
        link.appendChild(title);
        link.appendChild(snippet);
        item.appendChild(link);
        // keep the focus in the box while the pointer picks a result
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        list.appendChild(item);
      });
      active = -1;
      if (results.length) {
        open();
        status.textContent = form.dataset.found + " " + results.length;
      } else {
        close();
        status.textContent = query ? form.dataset.empty : "";
      }
    }

    function search() {
      var query = input.value.trim().slice(0, MAX_QUERY);
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      if (!query) {
        render("", []);
        return;
      }
      controller = new AbortController();
      var params = new URLSearchParams({ q: query, lang: language ? language.value : "" });
      fetch(form.action + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal
      })
        .then(jsonOf)
        .then(function (answer) {
          if (!answer.ok) {
            render("", []);
            status.textContent = answer.body.error || form.dataset.failed;
            return;
          }
          render(query, answer.body.results || []);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            render("", []);
            status.textContent = form.dataset.failed;
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        open();
        highlight(Math.min(active + 1, all.length - 1));
      } else if (event.key === "ArrowUp" && all.length) {
        event.preventDefault();
        open();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.assign(all[active].querySelector("a").href);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("focus", open);
    input.addEventListener("blur", close);
  }

  function setupVote(form) {
    var status = form.querySelector(".vote-status");
    if (!status || !window.fetch || !window.FormData) {
      return;
    }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name !== "helpful") {
        return; // an old browser: the plain POST and redirect still work
      }
      event.preventDefault();
      var data = new FormData(form);
      data.set("helpful", button.value);
      fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(jsonOf)
        .then(function (answer) {
          if (!answer.ok) {
            status.textContent = answer.body.error || form.dataset.failed;
            return;
          }
          var chosen = answer.body.helpful ? "yes" : "no";
          form.querySelectorAll('button[name="helpful"]').forEach(function (each) {
            each.setAttribute("aria-pressed", each.value === chosen ? "true" : "false");
          });
          status.textContent = answer.body.message;
        })
        .catch(function () {
          status.textContent = form.dataset.failed;
        });
    });
  }

  function start() {
    document.querySelectorAll("form[data-help-search]").forEach(setupSearch);
    document.querySelectorAll("form[data-help-vote]").forEach(setupVote);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
