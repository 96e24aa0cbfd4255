// Drag and drop in the plan tree (SortableJS): a dropped item is moved on the server, which answers with the
// renumbered tree. Each list of siblings is sortable on its own; the ↑/↓ buttons remain the keyboard way.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function init(root) {
    if (!window.Sortable) return;
    root.querySelectorAll('ol[data-sortable="1"]').forEach(function (list) {
      if (list.dataset.sortableReady) return;
      list.dataset.sortableReady = "1";
      window.Sortable.create(list, {
        handle: ".okp-plan-handle",
        draggable: "> li",
        animation: 120,
        ghostClass: "okp-plan-dragging",
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) return;
          var url = event.item.dataset.moveUrl;
          window.htmx.ajax("POST", url, {
            target: "#plan-tree",
            swap: "outerHTML",
            values: { pozice: event.newIndex + 1, csrfmiddlewaretoken: csrfToken() },
          });
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target.ownerDocument || document); });
})();
