// Keyboard coding of open answers: j/k or arrows move between answers, digits 1–9 toggle the n-th theme.
// The page works without this file: the checkboxes are saved with the form's buttons.
(function () {
  "use strict";

  const list = document.querySelector("[data-coding-list]");
  if (!list) {
    return;
  }
  const legend = document.getElementById("coding-legend");
  if (legend) {
    legend.hidden = false;
  }
  let currentId = null;

  function rows() {
    return Array.from(list.querySelectorAll("[data-answer]"));
  }

  function current() {
    return currentId ? document.getElementById(currentId) : null;
  }

  function mark(row, focus) {
    rows().forEach(function (other) {
      other.classList.toggle("is-current", other === row);
    });
    currentId = row.id;
    if (focus) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const all = rows();
    if (!all.length) {
      return;
    }
    const index = all.indexOf(current());
    const next = index === -1 ? all[0] : all[Math.min(all.length - 1, Math.max(0, index + step))];
    mark(next, true);
  }

  function typing(target) {
    return target.matches("input[type=text], input[type=number], input[type=search], textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (event.key === "j" || event.key === "ArrowDown") {
      move(1);
      event.preventDefault();
    } else if (event.key === "k" || event.key === "ArrowUp") {
      move(-1);
      event.preventDefault();
    } else if (/^[1-9]$/.test(event.key)) {
      const row = current();
      const box = row ? row.querySelector('[data-theme-key="' + event.key + '"]') : null;
      if (box) {
        box.click(); // fires "change": htmx saves the answer, without htmx the form's button does
        event.preventDefault();
      }
    }
  });

  list.addEventListener("focusin", function (event) {
    const row = event.target.closest("[data-answer]");
    if (row && row.id !== currentId) {
      mark(row, false);
    }
  });

  // htmx replaced a coded answer's row: keep it the current one, with the focus on it.
  document.body.addEventListener("htmx:afterSwap", function () {
    const row = current();
    if (row) {
      mark(row, true);
    }
  });
})();
