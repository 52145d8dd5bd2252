/* Connected Places Hub: atlas maps (progressive enhancement; the tables carry the same data).
   [data-atlas-map]       choropleth of one indicator: data-url -> GeoJSON FeatureCollection whose
                          "atlas.legend" gives the class colours; each feature has properties
                          code, name, value, class (index or null) and url.
   [data-atlas-area-map]  one area's outline (#atlas-area-boundary) and its spaces (#atlas-area-points). */
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function baseMap(el) {
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
    }
    return map;
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
          },
          onEachFeature: function (feature, featureLayer) {
            var p = feature.properties;
            featureLayer.bindTooltip(p.name + ": " + format(p.value), { sticky: true });
            featureLayer.on("click", function () { window.location.href = p.url; });
          }
        }).addTo(map);
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
    var group = L.featureGroup().addTo(map);
    try {
      var boundary = boundaryEl ? JSON.parse(boundaryEl.textContent) : "";
      if (boundary) {
        L.geoJSON(JSON.parse(boundary), { style: { color: "#125e4b", weight: 2, fillOpacity: 0.05 }, interactive: false }).addTo(group);
      }
      var points = pointsEl ? JSON.parse(pointsEl.textContent) : [];
      points.forEach(function (p) {
        L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0b3f32", weight: 1, fillColor: "#41b6c4", fillOpacity: 0.9 })
          .bindTooltip(p.name)
          .on("click", function () { window.location.href = p.url; })
          .addTo(group);
      });
    } catch (error) {
      el.hidden = true;
      return;
    }
    var bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], maxZoom: 14 });
    else el.hidden = true;
  }

  document.querySelectorAll("[data-atlas-map]").forEach(choropleth);
  document.querySelectorAll("[data-atlas-area-map]").forEach(areaMap);
})();
