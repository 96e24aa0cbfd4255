// The API documentation page: Redoc (served from our static files) renders the OpenAPI schema
// into <div id="api-docs">. No inline script: the CSP is script-src 'self'. Redoc's nonce option
// puts the page's CSP nonce on the <style> elements it injects (style-src 'self' 'nonce-…').
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var container = document.getElementById("api-docs");
  if (!container || !window.Redoc) {
    return;
  }
  window.Redoc.init(container.dataset.specUrl, { nonce: container.dataset.nonce || undefined }, container);
});
