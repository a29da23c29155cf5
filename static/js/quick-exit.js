/* Quick exit: the button, or Escape pressed twice, swaps this page for an ordinary site.
   location.replace takes this page out of the tab's history, so Back does not return to it.
   Without this file the button is still a link to the same site. */
(function () {
  "use strict";

  var link = document.getElementById("quick-exit");
  if (!link || !window.location.replace) {
    return;
  }
  // Two presses this close together are deliberate; one alone still closes menus and clears fields.
  var ESCAPE_TWICE_WITHIN_MS = 1500;
  var lastEscape = 0;

  function leave() {
    // Hidden at once, so nothing stays on screen while the other site loads.
    document.title = "";
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape <= ESCAPE_TWICE_WITHIN_MS) {
      leave();
    }
    lastEscape = now;
  });
})();
