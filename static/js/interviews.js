/* Interviews on a bad connection (progressive enhancement; the pages work without it).
   A step's form is posted with fetch. If the network fails, the form's fields are kept in
   localStorage and posted again, in order, when the connection is back (or on the next page
   load). Replays are safe: a start carries the interview's client_key (one interview per key),
   and a step's save only sets that step's answers. */
(function () {
  "use strict";
  var KEY = "cph-interview-queue";
  var status = document.querySelector("[data-offline-status]");

  function queue() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function store(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); } catch (e) { /* storage full or off */ }
    show(items.length);
  }
  function show(count) {
    if (!status) return;
    status.hidden = count === 0;
    status.textContent = count
      ? "No connection: " + count + " saved answer" + (count === 1 ? " is" : "s are") +
        " kept on this device and will be sent when the connection is back. Keep this page open."
      : "";
  }
  function body(fields) {
    var data = new FormData();
    fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
    return data;
  }
  function send(item) {
    return fetch(item.action, {
      method: "POST", body: body(item.fields), credentials: "same-origin",
      headers: { "X-Interview-Fetch": "1" }
    });
  }
  function flush() {
    var items = queue();
    if (!items.length) return Promise.resolve();
    return send(items[0]).then(function () {
      store(queue().slice(1));
      return flush();
    }, function () { show(queue().length); });
  }

  // A new interview's key is made on this device, so a retried start is the same interview.
  var key = document.querySelector("[data-client-key]");
  if (key && window.crypto && crypto.randomUUID) key.value = crypto.randomUUID().replace(/-/g, "");

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-offline], form[data-start]") || form.method.toLowerCase() !== "post") return;
    if (form.dataset.native) return;
    event.preventDefault();
    var submitter = event.submitter;
    var fields = [];
    new FormData(form, submitter).forEach(function (value, name) { fields.push([name, String(value)]); });
    var item = { action: form.action, fields: fields };
    send(item).then(function (response) {
      var next = response.status === 204 && response.headers.get("X-Next");
      if (next) { window.location.assign(next); return; }
      form.dataset.native = "1";  // an answer to correct: let the browser show the page with its message
      form.requestSubmit(submitter);
    }, function () {
      store(queue().concat([item]));
    });
  });
  window.addEventListener("online", flush);
  show(queue().length);
  flush();
})();
