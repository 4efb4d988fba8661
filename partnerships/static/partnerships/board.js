// The partnership board: dropping a card on a column picks that stage in the card's form, which htmx posts.
(function () {
  "use strict";
  var dragged = null;

  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest ? event.target.closest("[data-board-card]") : null;
    if (dragged) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.id);
    }
  });
  document.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest("[data-board-stage]")) { event.preventDefault(); }
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest("[data-board-stage]");
    var select = dragged && dragged.querySelector("select[name=stage]");
    dragged = null;
    if (!column || !select) { return; }
    event.preventDefault();
    if (select.value !== column.dataset.boardStage) {
      select.value = column.dataset.boardStage;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  document.addEventListener("dragend", function () { dragged = null; });
})();
