// The admin's import job page: while the job runs, ask how far it is every two seconds and say
// so; once it is done, load the page again to show the report. Without JavaScript the page has a
// plain link that does the same.
(function () {
  "use strict";
  var status = document.querySelector("[data-import-status]");
  if (!status || !window.fetch) {
    return;
  }
  var url = status.getAttribute("data-url");
  var delay = 2000;

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        if (state.done) {
          window.location.reload();
          return;
        }
        if (state.text && status.textContent !== state.text) {
          status.textContent = state.text;
        }
        window.setTimeout(ask, delay);
      })
      .catch(function () {
        // A server restarting or a lost connection: try again, less often.
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(ask, delay);
      });
  }

  window.setTimeout(ask, delay);
})();
