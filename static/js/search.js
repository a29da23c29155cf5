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
  if (filters && window.matchMedia("(min-width: 60rem)").matches) {
    filters.open = true;
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

  function swap(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById("search-region");
    if (!fresh) {
      return false;
    }
    var wasOpen = filters && filters.open;
    region.replaceWith(fresh);
    region = fresh;
    filters = document.getElementById("search-filters");
    if (filters && wasOpen) {
      filters.open = true;
    }
    document.title = page.title;
    return true;
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

  window.addEventListener("popstate", function () {
    load(window.location.href, false);
  });
})();
