// Survey builder, as an enhancement of pages that work without it: the question form shows only the fields
// of the chosen kind and the answers of the chosen condition question; after a move (htmx) the keyboard
// focus stays on the moved question's button, so "posunout nahoru/dolů" can be pressed again and again.
(function () {
  "use strict";

  function showKindFields(form) {
    var kind = form.querySelector("[name=kind]").value;
    form.querySelectorAll("[data-kinds]").forEach(function (element) {
      element.hidden = element.getAttribute("data-kinds").split(" ").indexOf(kind) === -1;
    });
  }

  function showConditionValues(form, clearHidden) {
    var select = form.querySelector("[name=show_if_question]");
    if (!select) {
      return;
    }
    form.querySelectorAll("[data-condition]").forEach(function (group) {
      var shown = group.getAttribute("data-condition") === select.value;
      group.hidden = !shown;
      if (!shown && clearHidden) {
        // Answers of a question no longer chosen would only make the form invalid.
        group.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
      }
    });
    var values = document.getElementById("condition-values");
    if (values) {
      values.hidden = !select.value;
    }
  }

  function setUpQuestionForm(form) {
    form.classList.add("okp-js");
    showKindFields(form);
    showConditionValues(form, false);
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") {
        showKindFields(form);
      } else if (event.target.name === "show_if_question") {
        showConditionValues(form, true);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-question-form]").forEach(setUpQuestionForm);
  });

  document.addEventListener("htmx:afterSwap", function () {
    var moved = document.querySelector("#builder-outline [data-moved]");
    if (!moved) {
      return;
    }
    var direction = moved.getAttribute("data-moved");
    var button = moved.querySelector(".okp-builder__move button[value=" + direction + "]:not([disabled])") ||
      moved.querySelector(".okp-builder__move button:not([disabled])");
    if (button) {
      button.focus();
    }
    moved.scrollIntoView({ block: "nearest" });
  });
})();
