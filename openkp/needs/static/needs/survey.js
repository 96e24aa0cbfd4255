/* The questionnaire form: questions with a condition are shown only while it holds, a text under "jiné"
   ticks "jiné", and after a failed submit the error summary takes the focus. Without JavaScript every
   question shows with its note "Odpovězte, jen pokud …" and the server ignores answers that do not apply. */
(function () {
  "use strict";

  var summary = document.getElementById("chyby");
  if (summary) {
    summary.focus();
  }

  var form = document.querySelector("[data-survey-form]");
  if (!form) {
    return;
  }
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));

  function answersOf(code) {
    var name = "q-" + code;
    var values = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      var own = field.name === name || (field.name.indexOf(name + "__") === 0 && field.name !== name + "__other");
      if (!own) {
        return;
      }
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) {
          values.push(field.value);
        }
      } else if (field.value) {
        values.push(field.value);
      }
    });
    return values;
  }

  function update() {
    var shown = {};
    questions.forEach(function (question) {
      var code = question.getAttribute("data-question");
      var on = question.getAttribute("data-show-if");
      var visible = true;
      if (on) {
        var wanted = JSON.parse(question.getAttribute("data-show-values") || "[]");
        visible = shown[on] === true && answersOf(on).some(function (value) {
          return wanted.indexOf(value) !== -1;
        });
      }
      question.hidden = !visible;
      shown[code] = visible;
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", function (event) {
    var optionId = event.target.getAttribute("data-other-option");
    var option = optionId && document.getElementById(optionId);
    if (option && event.target.value.trim() && !option.checked) {
      option.checked = true;
      update();
    }
  });
  update();
})();
