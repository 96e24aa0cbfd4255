// Buttons marked data-history-back go one step back in the browser's history, where the
// browser usually keeps what was typed into a form. Hidden without JavaScript.
document.querySelectorAll("[data-history-back]").forEach(function (button) {
  "use strict";
  button.hidden = false;
  button.addEventListener("click", function () {
    window.history.back();
  });
});
