/* "Use my location": asks the browser for the visitor's position only when they click, fills
   the "near" field with rounded coordinates and searches. Nothing is stored: the coordinates
   travel in the search address like a typed ZIP code, and logs drop query strings. */
(function () {
  "use strict";

  var button = document.getElementById("use-my-location");
  var near = document.getElementById("search-near");
  if (!button || !near || !navigator.geolocation) {
    return;
  }
  button.hidden = false;
  var label = button.textContent;

  function say(message) {
    var note = document.getElementById("use-my-location-note");
    if (!note) {
      note = document.createElement("p");
      note.id = "use-my-location-note";
      note.className = "field-note";
      note.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    button.textContent = button.dataset.searching;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        // Three decimals is about 100 m: near enough to rank by distance, no nearer.
        near.value =
          position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
        near.form.requestSubmit ? near.form.requestSubmit() : near.form.submit();
      },
      function () {
        button.disabled = false;
        button.textContent = label;
        say(button.dataset.failed);
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
    );
  });
})();
