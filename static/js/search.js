/* Progressive enhancement for the search and browse pages: changing a filter updates the
   results in place, with the same URLs as the plain form and the browser history kept.
   Without this file everything still works through ordinary form submission. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var region = document.getElementById("search-region");
  if (!form || !region || !window.fetch || !window.history.pushState) {
    return;
  }
  document.documentElement.classList.add("js");

  var filters = document.getElementById("search-filters");
  if (window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details[data-open-on-wide]").forEach(function (details) {
      details.open = true;
    });
  }

  var pending = null;

  function urlFor(formElement) {
    var params = new URLSearchParams();
    var defaults = {};
    ["search-sort", "search-distance"].forEach(function (id) {
      var select = document.getElementById(id);
      if (select) {
        defaults[select.name] = select.dataset.default;
      }
    });
    var near = document.getElementById("search-near");
    new FormData(formElement).forEach(function (value, key) {
      var isDefault = value === defaults[key];
      var isIdleDistance = key === "distance" && near && !near.value;
      if (value !== "" && !isDefault && !isIdleDistance) {
        params.append(key, value);
      }
    });
    var query = params.toString();
    return formElement.action + (query ? "?" + query : "");
  }

  // The region is replaced whole, filters included, so their counts stay true; focus goes back
  // to the control that changed (found again by its id), or to the results after a link.
  function swap(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById("search-region");
    if (!fresh) {
      return false;
    }
    var wasOpen = filters && filters.open;
    var active = document.activeElement;
    var wasInRegion = Boolean(active) && region.contains(active);
    var focusedId = wasInRegion ? active.id : "";
    region.replaceWith(fresh);
    region = fresh;
    filters = document.getElementById("search-filters");
    if (filters && wasOpen) {
      filters.open = true;
    }
    document.title = page.title;
    followLanguageLinks(page);
    var again = focusedId && document.getElementById(focusedId);
    if (again) {
      again.focus({ preventScroll: true });
    }
    if (wasInRegion && document.activeElement !== again) {
      document.getElementById("search-results").focus({ preventScroll: true });
    }
    announce();
    return true;
  }

  // The links to this page in the other language, and the hreflang alternates, keep the new
  // query (resources/public/language_links.py).
  function followLanguageLinks(page) {
    ["language-switch", "language-suggestion"].forEach(function (id) {
      var shown = document.getElementById(id);
      var fresh = page.getElementById(id);
      if (shown && fresh) {
        shown.replaceWith(document.importNode(fresh, true));
      }
    });
    page.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (fresh) {
      var selector = 'link[rel="alternate"][hreflang="' + fresh.getAttribute("hreflang") + '"]';
      var shown = document.head.querySelector(selector);
      if (shown) {
        shown.setAttribute("href", fresh.getAttribute("href"));
      }
    });
  }

  function announce() {
    var status = document.getElementById("search-status");
    var heading = document.getElementById("results-heading");
    if (status && heading) {
      status.textContent = heading.textContent.replace(/\s+/g, " ").trim();
    }
  }

  function load(url, push) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    region.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        if (!swap(html)) {
          window.location.assign(url);
          return;
        }
        shown = addressOf(url);
        if (push) {
          window.history.pushState({ search: true }, "", url);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.assign(url);
        }
      })
      .finally(function () {
        region.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.form === form && input.closest("#search-filters")) {
      load(urlFor(form), true);
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("#search-region .chip, #search-region .pagination a");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      load(link.href, true);
    }
  });

  // What the region shows. A link to a place in the page ("Skip to results") changes the
  // fragment alone: that is no other search, and loading it again would take the focus back.
  var shown = addressOf(window.location.href);

  function addressOf(url) {
    var parsed = new URL(url, window.location.href);
    return parsed.pathname + parsed.search;
  }

  window.addEventListener("popstate", function () {
    if (addressOf(window.location.href) !== shown) {
      load(window.location.href, false);
    }
  });
})();
