// Sends Django's CSRF token with every htmx request to this site, read from
// <meta name="csrf-token"> in base.html (no inline script: CSP is script-src 'self').
// The header name is Django's default CSRF_HEADER_NAME (HTTP_X_CSRFTOKEN).
document.addEventListener("htmx:configRequest", function (event) {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!meta || !meta.content) {
    return;
  }
  var target;
  try {
    target = new URL(event.detail.path, window.location.href);
  } catch (error) {
    return;
  }
  if (target.origin === window.location.origin) {
    event.detail.headers["X-CSRFToken"] = meta.content;
  }
});
