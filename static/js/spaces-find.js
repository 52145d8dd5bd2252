/* Find a space: "Use my location" (only offered when the browser can do it). */
(function () {
  "use strict";
  var input = document.querySelector("[data-use-my-location]");
  if (!input || !navigator.geolocation) return;
  var form = input.form;

  function clearPosition() {
    form.querySelectorAll("[data-my-location]").forEach(function (el) {
      el.parentNode.removeChild(el);
    });
  }
  function hidden(name, value) {
    var el = document.createElement("input");
    el.type = "hidden";
    el.name = name;
    el.value = value;
    el.setAttribute("data-my-location", "");
    form.appendChild(el);
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary spaces-locate";
  button.textContent = "Use my location";
  var status = document.createElement("p");
  status.className = "field__help";
  status.setAttribute("role", "status");
  // The box and its button share a row where they fit, so the results start higher on a phone.
  var row = document.createElement("div");
  row.className = "spaces-locate-row";
  input.insertAdjacentElement("beforebegin", row);
  row.appendChild(input);
  row.appendChild(button);
  var hint = document.querySelector("[data-locate-hint]");
  if (hint) hint.hidden = false;
  row.insertAdjacentElement("afterend", status);

  input.addEventListener("input", clearPosition);
  button.addEventListener("click", function () {
    status.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        clearPosition();
        hidden("lat", position.coords.latitude.toFixed(6));
        hidden("lon", position.coords.longitude.toFixed(6));
        input.value = "";
        status.textContent = "Searching near your location…";
        form.submit();
      },
      function () {
        status.textContent = "We couldn't get your location. Type a postcode, ZIP code or town instead.";
      },
      { timeout: 10000, maximumAge: 300000 }
    );
  });
})();
