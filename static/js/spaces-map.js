/* Connected Places Hub: maps for the registry (progressive enhancement; the list is the
   accessible route). Reads data-* attributes on [data-spaces-map]:
   - data-geojson-url: a /spaces.geojson URL (clustered markers), optional data-lat/lon/radius
     for the search circle;
   - otherwise data-lat/data-lon/data-marker-label: one marker (a space's page).
   Each map is ONE Tab stop (its container: arrow keys pan, + and - zoom); nothing inside it is
   focusable, and a results map has a "Skip the map" link before it. On a phone the results map
   waits behind a "Show the map" button, so the first results are on the first screen. */
(function () {
  "use strict";
  if (!window.L || !document.querySelector) return;

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function formatDistance(metres) {
    if (metres == null) return "";
    return metres < 1000 ? Math.round(metres / 10) * 10 + " m" : (metres / 1000).toFixed(1) + " km";
  }

  var PHONE = "(max-width: 39.99rem)";

  // Leaflet makes zoom buttons, attribution links, markers and clusters focusable, and markercluster
  // adds clusters on every zoom or pan: take each out of the tab order as it appears. A popup a
  // pointer opened keeps its links.
  function keepOneTabStop(el) {
    function untab(root) {
      root.querySelectorAll("a[href], button, [tabindex]").forEach(function (node) {
        if (node !== el && !node.closest(".leaflet-popup")) node.setAttribute("tabindex", "-1");
      });
    }
    untab(el);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1 || node.closest(".leaflet-popup")) return;
          if (node.matches("a[href], button, [tabindex]")) node.setAttribute("tabindex", "-1");
          untab(node);
        });
      });
    }).observe(el, { childList: true, subtree: true });
  }

  function baseMap(el) {
    el.hidden = false;
    keepOneTabStop(el);
    var map = L.map(el, { scrollWheelZoom: false });
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
    return map;
  }

  function skipLink(el) {
    var list = document.getElementById("results-list");
    if (!list) return null;
    var link = document.createElement("a");
    link.href = "#results-list";
    link.className = "skip-map";
    link.textContent = "Skip the map";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      list.focus();
    });
    el.parentNode.insertBefore(link, el);
    return link;
  }

  // Phones: the list first; the map on request.
  function showOnRequest(el, skip, start) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary spaces-map-toggle";
    button.setAttribute("aria-controls", el.id);
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Show the map";
    el.parentNode.insertBefore(button, skip || el);
    if (skip) skip.hidden = true;
    var started = false;
    button.addEventListener("click", function () {
      var show = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(show));
      button.textContent = show ? "Hide the map" : "Show the map";
      el.hidden = !show;
      if (skip) skip.hidden = !show;
      if (show && !started) {
        started = true;
        start();
      }
    });
  }

  function popupHtml(feature) {
    var p = feature.properties || {};
    var html = '<a href="' + escapeHtml(p.url) + '">' + escapeHtml(p.name) + "</a>";
    if (p.distance_m != null) html += "<br>" + escapeHtml(formatDistance(p.distance_m)) + " away";
    if (p.category_labels && p.category_labels.length) html += "<br>" + escapeHtml(p.category_labels.join(", "));
    return html;
  }

  function resultsMap(el) {
    var map = baseMap(el);
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (!isNaN(lat) && !isNaN(lon)) {
      map.setView([lat, lon], 13);
      var radius = parseFloat(el.dataset.radius);
      if (!isNaN(radius)) {
        L.circle([lat, lon], { radius: radius, color: "#125e4b", weight: 2, fill: false, interactive: false }).addTo(map);
      }
    } else {
      map.setView([54.0, -2.5], 5);
    }
    var note = el.parentNode.querySelector("[data-map-note]");
    fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
        L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            // Markers stay out of the tab order: the list below is the keyboard route.
            return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name, keyboard: false });
          },
          onEachFeature: function (feature, layer) {
            layer.bindPopup(popupHtml(feature));
          }
        }).eachLayer(function (layer) {
          group.addLayer(layer);
        });
        map.addLayer(group);
        var count = group.getLayers().length;
        el.setAttribute("data-feature-count", String(count));
        if (count && isNaN(lat)) map.fitBounds(group.getBounds(), { maxZoom: 15, padding: [24, 24] });
        else if (count) map.fitBounds(group.getBounds().extend([lat, lon]), { maxZoom: 15, padding: [24, 24] });
        if (note && data.truncated) {
          note.hidden = false;
          note.textContent = "The map shows " + count + " of " + data.total + " spaces. Search near a place to see them all.";
        }
      })
      .catch(function () {
        if (note) {
          note.hidden = false;
          note.textContent = "The map could not be loaded. The list has every result.";
        }
      });
  }

  function pointMap(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var map = baseMap(el);
    map.setView([lat, lon], 16);
    L.marker([lat, lon], { title: el.dataset.markerLabel, alt: el.dataset.markerLabel, keyboard: false }).addTo(map);
  }

  document.querySelectorAll("[data-spaces-map]").forEach(function (el) {
    if (!el.dataset.geojsonUrl) {
      pointMap(el);
      return;
    }
    var skip = skipLink(el);
    if (window.matchMedia && window.matchMedia(PHONE).matches) {
      showOnRequest(el, skip, function () { resultsMap(el); });
    } else {
      resultsMap(el);
    }
  });
})();
