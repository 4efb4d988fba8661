// Liaison's own script: autocomplete and searchable multi-selects on the selects that ask for them,
// after every page load and htmx swap.
(function () {
  "use strict";

  function enhance(root) {
    // Short lists rendered whole (themes, SDGs): type to filter, click to add, × to remove.
    root.querySelectorAll("select[data-searchable]:not(.tomselected)").forEach(function (select) {
      new TomSelect(select, { plugins: ["remove_button"], maxOptions: null, hidePlaceholder: true });
    });
    root.querySelectorAll("select[data-autocomplete-url]:not(.tomselected)").forEach(function (select) {
      var url = select.dataset.autocompleteUrl;
      new TomSelect(select, {
        valueField: "id",
        labelField: "text",
        searchField: [],
        maxOptions: 50,
        loadThrottle: 250,
        load: function (query, callback) {
          if (query.length < 1) { return callback(); }
          fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
            .then(function (response) { return response.json(); })
            .then(function (data) { callback(data.results); })
            .catch(function () { callback(); });
        },
        render: { no_results: function () { return '<div class="no-results">' + (select.dataset.noResults || "No match") + "</div>"; } },
      });
    });
  }

  // Selects that submit their form when changed (the language switch): no inline handler, for the CSP.
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-submit-on-change]")) { event.target.form.submit(); }
  });

  // A form being sent cannot be sent again by a second click (the server also saves a create form once).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() !== "post" || event.defaultPrevented) { return; }
    var buttons = form.querySelectorAll("button[type=submit]:not([disabled]), input[type=submit]:not([disabled])");
    window.setTimeout(function () {  // after the browser has read the clicked button's name and value
      buttons.forEach(function (button) { button.disabled = true; });
    }, 0);
    // A download answers without leaving the page: the buttons come back after a few seconds.
    window.setTimeout(function () { buttons.forEach(function (button) { button.disabled = false; }); }, 5000);
  });

  // Filters that apply as they change (form[data-live-filters], hx-trigger="filters-changed"): a select, a date
  // or a box at once, typing after a pause. Only named fields count (not a searchable select's own typing box).
  var typing = null;
  function liveForm(target) {
    return target && target.name && target.form && target.form.matches("form[data-live-filters]") ? target.form : null;
  }
  function isTyped(target) {
    return target.tagName === "INPUT" && ["text", "search", "number", "email"].indexOf(target.type) !== -1;
  }
  document.addEventListener("input", function (event) {
    var form = liveForm(event.target);
    if (!form || !isTyped(event.target)) { return; }
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { htmx.trigger(form, "filters-changed"); }, 400);
  });
  document.addEventListener("change", function (event) {
    var form = liveForm(event.target);
    if (!form || isTyped(event.target)) { return; }
    htmx.trigger(form, "filters-changed");
  });

  // A list's bulk actions: the header checkbox ticks every row of the page, and so does "select all matching"
  // (which then acts on every matching row, on the server, whatever the page shows).
  document.addEventListener("change", function (event) {
    if (!event.target.matches("input[data-bulk-page], #bulk-select-all")) { return; }
    document.querySelectorAll('input[name=ids][form=bulk-form]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });

  // Copy buttons (the calendar feed's address): `data-copy-target` names the field whose value is copied;
  // the button's status text says it was, in the page's language (`data-copied`).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) { return; }
    var field = document.querySelector(button.dataset.copyTarget);
    if (!field) { return; }
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
    function done() {
      if (status) { status.textContent = button.dataset.copied; }
      button.classList.add("btn-success");
    }
    function fallback() {
      field.select();
      document.execCommand("copy");
      done();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, fallback);
    } else {
      fallback();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
