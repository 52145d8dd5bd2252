/* Add a space, enhanced (the form is complete without it: postcode, typed latitude/longitude,
   opening-hours rows with a spare empty row, and an error summary that takes focus itself).
   - The pin: looking up the postcode (GET /api/v1/geocode?q=) shows a map with the pin at the
     postcode's centre. The map is one Tab stop: arrow keys move the pin (Shift: bigger steps),
     + and - zoom; a live region says where it is. Dragging or clicking works too. Only a pin the
     resident moved fills the latitude/longitude boxes, so an unmoved pin stays "from the postcode";
     typing in those boxes moves the pin.
   - "Add another row" for opening hours.
   - Focus on the error summary after a failed submit. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) summary.focus();

  (function hoursRows() {
    var list = document.querySelector("[data-hours-rows]");
    if (!list) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = "Add another row";
    button.addEventListener("click", function () {
      var rows = list.querySelectorAll("li");
      if (rows.length >= 14) return;
      var last = rows[rows.length - 1];
      var row = last.cloneNode(true);
      var index = rows.length;
      var input = row.querySelector("input");
      var label = row.querySelector("label");
      var base = input.id.replace(/_\d+$/, "");
      row.classList.remove("field--error");
      row.querySelectorAll(".field__error, .hours-editor__reading").forEach(function (el) { el.remove(); });
      input.id = base + "_" + index;
      input.name = input.name.replace(/_\d+$/, "_" + index);
      input.value = "";
      input.setAttribute("aria-describedby", base + "_helptext");
      label.setAttribute("for", input.id);
      label.textContent = "Row " + (index + 1);
      list.appendChild(row);
      input.focus();
      if (index + 1 >= 14) button.hidden = true;
    });
    var p = document.createElement("p");
    p.appendChild(button);
    list.parentNode.insertBefore(p, list.nextSibling);
  })();

  var box = document.querySelector("[data-spaces-pin]");
  if (!box || !window.L || !window.fetch) return;
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var postcode = document.getElementById("id_postcode");
  var country = document.getElementById("id_country");
  var area = box.querySelector("[data-pin-area]");
  var mapEl = box.querySelector("[data-pin-map]");
  var status = box.querySelector("[data-pin-status]");
  var lookup = box.querySelector("[data-pin-lookup]");
  var map = null;
  var marker = null;
  var STEP_M = 10;
  var BIG_STEP_M = 100;
  var MOVES = {
    ArrowUp: [1, 0, "north"], ArrowDown: [-1, 0, "south"],
    ArrowRight: [0, 1, "east"], ArrowLeft: [0, -1, "west"]
  };
  box.hidden = false;

  function say(message) {
    status.textContent = message;
  }

  function words(latlng) {
    return latlng.lat.toFixed(5) + ", " + latlng.lng.toFixed(5);
  }

  function outOfTabOrder() {
    // Zoom buttons and attribution links stay clickable, but the map is one Tab stop (+/- zoom).
    mapEl.querySelectorAll("a, button").forEach(function (el) { el.setAttribute("tabindex", "-1"); });
  }

  function showMap(latlng, zoom) {
    area.hidden = false;
    if (!map) {
      map = L.map(mapEl, { scrollWheelZoom: false, keyboard: false });
      L.tileLayer(box.dataset.tileUrl, { attribution: box.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
      mapEl.tabIndex = 0;
      map.on("click", function (event) { moved(event.latlng, "Pin moved to where you clicked."); });
      map.on("layeradd", outOfTabOrder);
      mapEl.addEventListener("keydown", onKey);
    }
    map.setView(latlng, zoom || map.getZoom() || 17);
    map.invalidateSize();
    outOfTabOrder();
  }

  function putPin(latlng) {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: false, title: "Position of the space", alt: "Position of the space" }).addTo(map);
      marker.on("dragend", function () { moved(marker.getLatLng(), "Pin moved."); });
    } else {
      marker.setLatLng(latlng);
    }
  }

  function moved(latlng, message) {
    putPin(latlng);
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (!map.getBounds().pad(-0.1).contains(latlng)) map.panTo(latlng);
    say(message + " Now at " + words(latlng) + ". We'll use this position.");
  }

  function onKey(event) {
    if (!marker) return;
    if (event.key === "+" || event.key === "=" || event.key === "-") {
      event.preventDefault();
      if (event.key === "-") map.zoomOut(); else map.zoomIn();
      return;
    }
    var move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    var metres = event.shiftKey ? BIG_STEP_M : STEP_M;
    var here = marker.getLatLng();
    var dLat = (move[0] * metres) / 111320;
    var dLng = (move[1] * metres) / (111320 * Math.cos((here.lat * Math.PI) / 180));
    moved(L.latLng(here.lat + dLat, here.lng + dLng), "Pin moved " + metres + " metres " + move[2] + ".");
  }

  function typedPosition() {
    var a = parseFloat(lat.value.replace("−", "-"));
    var b = parseFloat(lon.value.replace("−", "-"));
    if (isNaN(a) || isNaN(b) || Math.abs(a) > 90 || Math.abs(b) > 180) return null;
    return L.latLng(a, b);
  }

  function lookUp() {
    var query = postcode.value.trim();
    if (!query) {
      say("Type the postcode or ZIP code first.");
      postcode.focus();
      return;
    }
    say("Looking up " + query + "…");
    var url = box.dataset.geocodeUrl + "?q=" + encodeURIComponent(query);
    if (country && country.value) url += "&country=" + encodeURIComponent(country.value);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (answer) {
        var data = answer.data && answer.data.result ? answer.data.result : answer.data;
        if (!answer.ok || !data || data.latitude == null) {
          var message = answer.data && (answer.data.message || answer.data.detail || answer.data.error);
          say(typeof message === "string" ? message : "We couldn't find that postcode.");
          return;
        }
        var latlng = L.latLng(data.latitude, data.longitude);
        showMap(latlng, 17);
        putPin(latlng);
        say("Pin placed at " + (data.label || query) + ", the postcode's centre. To put it on the entrance, select the map and use the arrow keys, or type the position below. If you leave it, we use the postcode.");
      })
      .catch(function () {
        say("Looking up the postcode didn't work just now. You can still send the form: we'll place it for you.");
      });
  }

  var kept = typedPosition();
  if (kept) {
    showMap(kept, 17);
    putPin(kept);
    say("Your pin is kept at " + words(kept) + ".");
  }

  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () {
      var typed = typedPosition();
      if (!typed) return;
      showMap(typed);
      putPin(typed);
      say("Pin moved to the position you typed: " + words(typed) + ".");
    });
  });

  postcode.addEventListener("change", function () {
    if (lat.value || lon.value) {
      say("The pin stays at the position you gave. Empty the latitude and longitude boxes to use the postcode instead.");
    } else if (postcode.value.trim()) {
      lookUp();
    }
  });
  lookup.addEventListener("click", lookUp);
})();
