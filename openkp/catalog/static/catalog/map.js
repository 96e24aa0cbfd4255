// Catalogue map: markers of the places in #map-points on a Leaflet map in #mapa.
// Works with no tile layer (offline, or when the operator configured none); re-runs after htmx swaps.
(function () {
  "use strict";

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text || "";
    return element.innerHTML;
  }

  function drawMap() {
    var container = document.getElementById("mapa");
    var data = document.getElementById("map-points");
    if (!container || !data || !window.L || container.dataset.ready) {
      return;
    }
    var points = JSON.parse(data.textContent);
    container.dataset.ready = "1";
    container.textContent = "";
    var map = window.L.map(container, { scrollWheelZoom: false });
    if (container.dataset.tiles) {
      window.L.tileLayer(container.dataset.tiles, { attribution: container.dataset.attribution, maxZoom: 19 }).addTo(map);
    }
    var icon = window.L.icon({
      iconUrl: container.dataset.markerIcon,
      shadowUrl: container.dataset.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var bounds = [];
    points.forEach(function (point) {
      var marker = window.L.marker([point.lat, point.lon], { icon: icon, title: point.name, alt: point.name }).addTo(map);
      marker.bindPopup(
        '<a href="' + escapeHtml(point.url) + '">' + escapeHtml(point.name) + "</a><br>" +
          escapeHtml(point.place ? point.place + ", " : "") + escapeHtml(point.address)
      );
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    } else {
      map.setView([49.8, 15.5], 7);
    }
  }

  document.addEventListener("DOMContentLoaded", drawMap);
  document.addEventListener("htmx:afterSettle", drawMap);
})();
