// Tells the Gov Design System web components where the icon SVGs are (their default, /assets/icons,
// is 404). Must load before gds/core/core.esm.js. Derived from this script's own URL so it also
// works when STATIC_URL is not /static/; falls back to /static/gds/icons.
(function () {
  "use strict";
  var iconsPath = "/static/gds/icons";
  var script = document.currentScript;
  if (script && script.src) {
    try {
      iconsPath = new URL("../gds/icons", script.src).pathname.replace(/\/$/, "");
    } catch (error) {
      // Keep the default path.
    }
  }
  window.GOV_DS_CONFIG = Object.assign({}, window.GOV_DS_CONFIG, { iconsPath: iconsPath });
})();
