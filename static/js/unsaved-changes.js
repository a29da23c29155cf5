// Asks before the curator leaves an admin form whose changes are not saved yet: another page,
// the back button, closing the tab. Submitting the form (Save, Delete) never asks.
// Progressive enhancement: without this script the form works as before. Loaded from our own
// origin, so it runs under the Content-Security-Policy.
(function () {
    "use strict";

    // The object's own form: the admin names it after the model, "service_form".
    const form = document.querySelector("#content-main form[id$='_form'][method='post' i]");
    if (!form) {
        return;
    }

    // What the form held when the page had finished loading (the admin's own scripts, such as
    // the inlines and autocompletes, run before then).
    function snapshot() {
        const parts = [];
        for (const [name, value] of new FormData(form)) {
            if (name !== "csrfmiddlewaretoken") {
                parts.push(name + "=" + (typeof value === "string" ? value : value.name));
            }
        }
        return parts.join("&");
    }

    // Compared as a whole rather than tracked by events: the autocompletes change their
    // selects without a native "change" event.
    let saved = null;
    let submitting = false;

    window.addEventListener("load", function () {
        saved = snapshot();
    });
    form.addEventListener("submit", function () {
        submitting = true;
    });
    // Back from the next page (bfcache), the form is the one just submitted.
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) {
            submitting = false;
            saved = snapshot();
        }
    });

    window.addEventListener("beforeunload", function (event) {
        if (submitting || saved === null || snapshot() === saved) {
            return;
        }
        event.preventDefault();
        // Older browsers show the prompt only when returnValue is set; the text is their own.
        event.returnValue = "";
    });
})();
