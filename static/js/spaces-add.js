/* Add a space: look the postcode up and place a pin the resident can move (optional; the
   postcode alone is enough without JavaScript). Uses GET /api/v1/geocode?q=. */
(function () {
  "use strict";
  var box = document.querySelector("[data-spaces-pin]");
  if (!box || !window.L || !window.fetch) return;
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var postcode = document.getElementById("id_postcode");
  var country = document.getElementById("id_country");
  var mapEl = box.querySelector("[data-pin-map]");
  var status = box.querySelector("[data-pin-status]");
  var lookup = box.querySelector("[data-pin-lookup]");
  var map = null;
  var marker = null;
  box.hidden = false;
  mapEl.hidden = true;

  function showMap(latlng, zoom) {
    mapEl.hidden = false;
    if (!map) {
      map = L.map(mapEl, { scrollWheelZoom: false });
      L.tileLayer(box.dataset.tileUrl, { attribution: box.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
      map.on("click", function (event) {
        place(event.latlng, "Pin moved. We'll use this position.");
      });
    }
    map.setView(latlng, zoom);
    map.invalidateSize();
  }

  function place(latlng, message) {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, title: "Position of the space", alt: "Position of the space" }).addTo(map);
      marker.on("dragend", function () {
        place(marker.getLatLng(), "Pin moved. We'll use this position.");
      });
    } else {
      marker.setLatLng(latlng);
    }
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    status.textContent = message;
  }

  function clearPin() {
    lat.value = "";
    lon.value = "";
    if (marker && map) {
      map.removeLayer(marker);
      marker = null;
    }
  }

  if (lat.value && lon.value) {
    var saved = L.latLng(parseFloat(lat.value), parseFloat(lon.value));
    showMap(saved, 17);
    place(saved, "Your pin is kept.");
  }

  postcode.addEventListener("change", function () {
    if (lat.value) {
      clearPin();
      status.textContent = "The postcode changed, so the pin was removed. Show the postcode on the map to place it again.";
    }
  });

  lookup.addEventListener("click", function () {
    var query = postcode.value.trim();
    if (!query) {
      status.textContent = "Type the postcode or ZIP code first.";
      postcode.focus();
      return;
    }
    status.textContent = "Looking up " + query + "…";
    var url = box.dataset.geocodeUrl + "?q=" + encodeURIComponent(query);
    if (country && country.value) url += "&country=" + encodeURIComponent(country.value);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        var data = answer.data && answer.data.result ? answer.data.result : answer.data;
        if (!answer.ok || !data || data.latitude == null) {
          var message = (answer.data && (answer.data.message || answer.data.detail || answer.data.error)) || "We couldn't find that postcode.";
          status.textContent = typeof message === "string" ? message : "We couldn't find that postcode.";
          return;
        }
        var latlng = L.latLng(data.latitude, data.longitude);
        showMap(latlng, 17);
        place(latlng, "Pin placed at " + (data.label || query) + ". Drag it, or click the map, to put it on the entrance.");
      })
      .catch(function () {
        status.textContent = "Looking up the postcode didn't work just now. You can still send the form: we'll place it for you.";
      });
  });
})();
