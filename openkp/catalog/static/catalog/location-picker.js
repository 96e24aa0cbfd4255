// Location picker: a click on the map sets the coordinates of the facility chosen by its radio
// button; typed coordinates move its marker. The form works without JavaScript too.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("poloha-mapa");
    if (!container || !window.L) {
      return;
    }
    var map = window.L.map(container);
    if (container.dataset.tiles) {
      window.L.tileLayer(container.dataset.tiles, { attribution: container.dataset.attribution, maxZoom: 19 }).addTo(map);
    }
    var icon = window.L.icon({
      iconUrl: container.dataset.markerIcon, shadowUrl: container.dataset.markerShadow,
      iconSize: [25, 41], iconAnchor: [12, 41], shadowSize: [41, 41],
    });
    var markers = {};
    var bounds = [];

    function inputs(id) {
      return { lat: document.getElementById("lat-" + id), lon: document.getElementById("lon-" + id) };
    }

    function place(id) {
      var fields = inputs(id);
      var lat = parseFloat(fields.lat.value.replace(",", "."));
      var lon = parseFloat(fields.lon.value.replace(",", "."));
      if (isNaN(lat) || isNaN(lon)) {
        return null;
      }
      if (!markers[id]) {
        markers[id] = window.L.marker([lat, lon], { icon: icon, alt: fields.lat.closest("fieldset").querySelector("legend").textContent }).addTo(map);
      } else {
        markers[id].setLatLng([lat, lon]);
      }
      return [lat, lon];
    }

    document.querySelectorAll(".okp-location").forEach(function (fieldset) {
      var id = fieldset.dataset.facility;
      var point = place(id);
      if (point) {
        bounds.push(point);
      }
      var fields = inputs(id);
      fields.lat.addEventListener("change", function () { place(id); });
      fields.lon.addEventListener("change", function () { place(id); });
    });

    if (bounds.length) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16 });
    } else {
      map.setView([49.8, 15.5], 7);
    }

    map.on("click", function (event) {
      var active = document.querySelector("input[name=active]:checked");
      if (!active) {
        return;
      }
      var fields = inputs(active.value);
      fields.lat.value = event.latlng.lat.toFixed(6);
      fields.lon.value = event.latlng.lng.toFixed(6);
      place(active.value);
    });
  });
})();
