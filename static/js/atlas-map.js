/* Connected Places Hub: atlas maps (progressive enhancement; the tables carry the same data).
   [data-atlas-map]       choropleth of one indicator: data-url -> GeoJSON FeatureCollection whose
                          "atlas.legend" gives the class colours; each feature has properties
                          code, name, value, class (index or null) and url.
   [data-atlas-area-map]  one area's outline (#atlas-area-boundary) and its spaces (#atlas-area-points).

   Keyboard and screen readers: each map is ONE Tab stop (Leaflet's focusable container: arrow keys
   pan, + and - zoom), announced with the text summary its aria-describedby names, and preceded by
   a skip link ([data-map-skip]) to the table or list that carries the same data. Shapes and
   markers are not focusable: Chromium makes any SVG element with a focus listener a Tab stop, and
   Leaflet's bindTooltip adds one to every shape (3,224 Tab stops for US counties), so one shared
   tooltip follows the pointer instead. Zoom buttons and attribution links stay clickable but out of
   the Tab order (the keys above zoom; the data's sources are cited beside the map). */
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function baseMap(el) {
    el.hidden = false;
    var skip = el.parentNode.querySelector("[data-map-skip]");
    if (skip) skip.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
    }
    return map;
  }

  // Controls (zoom, attribution) are added and re-rendered by Leaflet: keep their links out of the
  // Tab order whenever they change, leaving the container as the map's only Tab stop.
  function oneTabStop(el) {
    function untab() {
      el.querySelectorAll(".leaflet-control-container a, .leaflet-control-container button").forEach(function (control) {
        control.setAttribute("tabindex", "-1");
      });
    }
    untab();
    new MutationObserver(untab).observe(el.querySelector(".leaflet-control-container") || el, { childList: true, subtree: true });
  }

  // One tooltip for a whole layer group, following the pointer: no per-shape focus listeners.
  function pointerTooltip(map, group, label, href) {
    var tip = L.tooltip({ direction: "top", offset: [0, -8], opacity: 0.95 });
    group.on("mouseover mousemove", function (event) {
      var text = document.createElement("span");
      text.textContent = label(event.layer);  // textContent: names are data, never markup
      tip.setLatLng(event.latlng).setContent(text);
      if (!map.hasLayer(tip)) tip.addTo(map);
    });
    group.on("mouseout", function () { map.removeLayer(tip); });
    group.on("click", function (event) { window.location.href = href(event.layer); });
  }

  function format(value) {
    if (value === null || value === undefined) return "no estimate published";
    var abs = Math.abs(value);
    return abs >= 100 ? Math.round(value).toLocaleString() : value.toFixed(abs >= 10 ? 1 : 3);
  }

  function choropleth(el) {
    var note = el.parentNode.querySelector("[data-map-note]");
    if (!el.dataset.url) return;
    var map = baseMap(el);
    map.setView([39, -96], 4);
    oneTabStop(el);
    if (note) note.textContent = "Loading the map…";
    fetch(el.dataset.url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var legend = (data.atlas && data.atlas.legend) || { colours: [], noData: "#ffffff" };
        function colour(props) {
          return props["class"] === null || props["class"] === undefined ? legend.noData : legend.colours[props["class"]];
        }
        var layer = L.geoJSON(data, {
          style: function (feature) {
            return { color: "#4a5360", weight: 0.4, fillColor: colour(feature.properties), fillOpacity: 0.85 };
          },
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 6, color: "#1b1f24", weight: 1, fillColor: colour(feature.properties), fillOpacity: 0.9 });
          }
        }).addTo(map);
        pointerTooltip(
          map,
          layer,
          function (shape) { return shape.feature.properties.name + ": " + format(shape.feature.properties.value); },
          function (shape) { return shape.feature.properties.url; }
        );
        if (data.atlas && data.atlas.attribution && map.attributionControl) {
          var text = document.createElement("span");
          text.textContent = "Data: " + data.atlas.attribution;  // textContent: never markup
          map.attributionControl.addAttribution(text.innerHTML);
        }
        var bounds = layer.getBounds();
        if (bounds.isValid()) {
          // US counties: frame the contiguous states rather than the Aleutians.
          var kind = data.atlas && data.atlas.kind;
          if (kind === "us_county") map.fitBounds([[24.5, -125], [49.5, -66.9]]);
          else map.fitBounds(bounds, { padding: [12, 12] });
        }
        if (note) note.textContent = "Select an area on the map to open its page. The table has the same data.";
      })
      .catch(function () {
        if (note) note.textContent = "The map could not be loaded. The table has the same data.";
      });
  }

  function areaMap(el) {
    var boundaryEl = document.getElementById("atlas-area-boundary");
    var pointsEl = document.getElementById("atlas-area-points");
    var map = baseMap(el);
    oneTabStop(el);
    var group = L.featureGroup().addTo(map);
    var spaces = L.featureGroup().addTo(group);
    try {
      var boundary = boundaryEl ? JSON.parse(boundaryEl.textContent) : "";
      if (boundary) {
        L.geoJSON(JSON.parse(boundary), { style: { color: "#125e4b", weight: 2, fillOpacity: 0.05 }, interactive: false }).addTo(group);
      }
      var points = pointsEl ? JSON.parse(pointsEl.textContent) : [];
      points.forEach(function (p) {
        var marker = L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0b3f32", weight: 1, fillColor: "#41b6c4", fillOpacity: 0.9 });
        marker.space = p;
        marker.addTo(spaces);
      });
    } catch (error) {
      hide(el);
      return;
    }
    pointerTooltip(
      map,
      spaces,
      function (marker) { return marker.space.name; },
      function (marker) { return marker.space.url; }
    );
    var bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], maxZoom: 14 });
    else hide(el);
  }

  function hide(el) {
    el.hidden = true;
    var skip = el.parentNode.querySelector("[data-map-skip]");
    if (skip) skip.hidden = true;
  }

  document.querySelectorAll("[data-atlas-map]").forEach(choropleth);
  document.querySelectorAll("[data-atlas-area-map]").forEach(areaMap);
})();
