// Keeps the catalogue's shareable URLs short: empty fields and default values are not sent.
(function () {
  "use strict";
  var DEFAULTS = { razeni: "relevance" };
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!form.closest || !form.closest("#katalog")) {
      return;
    }
    var parameters = event.detail.parameters;
    var keys = [];
    (parameters.keys ? Array.from(parameters.keys()) : Object.keys(parameters)).forEach(function (key) {
      if (keys.indexOf(key) === -1) {
        keys.push(key);
      }
    });
    keys.forEach(function (key) {
      var values = parameters.getAll ? parameters.getAll(key) : [parameters[key]];
      var kept = values.filter(function (value) { return value !== "" && value !== DEFAULTS[key]; });
      if (kept.length === values.length) {
        return;
      }
      if (parameters.delete) {
        parameters.delete(key);
        kept.forEach(function (value) { parameters.append(key, value); });
      } else if (!kept.length) {
        delete parameters[key];
      }
    });
  });
})();
