/* Knowledge hub: small enhancements. Everything works without this file. */
(function () {
  "use strict";

  // Print buttons: hidden without JavaScript (the browser's own print still works).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Filters start collapsed on small screens so the results come first; open elsewhere.
  if (window.matchMedia("(max-width: 59.99rem)").matches) {
    document.querySelectorAll("details[data-collapse-on-small-screens]").forEach(function (details) {
      var chosen = details.querySelector("input:checked");
      if (!chosen) { details.open = false; }
    });
  }

  // The case-study map (Leaflet); the list below it is the alternative with the same content.
  // Its section stays hidden unless the map can be drawn. The map is one Tab stop (Leaflet's
  // keyboard panning); markers are not, since the list holds the same links.
  var section = document.querySelector("[data-case-study-map]");
  var element = document.getElementById("case-study-map");
  var data = document.getElementById("case-study-points");
  if (!section || !element || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  if (!points.length) { return; }
  section.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.dataset.tileUrl, {
    attribution: element.dataset.tileAttribution,
    maxZoom: 18
  }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lng], { title: point.title, alt: point.title, keyboard: false });
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    var place = document.createElement("p");
    place.textContent = point.place;
    popup.appendChild(link);
    popup.appendChild(place);
    marker.bindPopup(popup).addTo(map);
    bounds.push([point.lat, point.lng]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 11); } else { map.fitBounds(bounds, { padding: [24, 24] }); }
  // Zoom buttons and attribution links stay clickable, but out of the Tab order: the map itself
  // takes the keyboard (+/- to zoom, arrows to pan) and the skip link passes it.
  element.querySelectorAll(".leaflet-control-container a, .leaflet-control-container button").forEach(function (control) {
    control.setAttribute("tabindex", "-1");
  });
})();
