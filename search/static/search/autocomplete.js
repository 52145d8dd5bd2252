/* Suggestions for the search box: an ARIA 1.2 combobox (list autocomplete).
 * Progressive enhancement: without this script the box is a plain search field and the form
 * works the same. Arrow keys move through the suggestions, Enter opens the chosen toolkit, case
 * study or theme (or searches for a kind of space), Escape closes the list. */
(function () {
  "use strict";
  var wrapper = document.querySelector("[data-autocomplete-url]");
  if (!wrapper || !window.fetch) return;
  var input = wrapper.querySelector("input");
  var endpoint = wrapper.getAttribute("data-autocomplete-url");
  var listId = input.id + "-suggestions";
  var list = document.createElement("ul");
  var status = document.createElement("div");
  var items = [];
  var active = -1;
  var timer = null;
  var controller = null;

  list.id = listId;
  list.className = "search-combobox__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  wrapper.appendChild(list);
  wrapper.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function render(suggestions) {
    items = suggestions;
    list.textContent = "";
    suggestions.forEach(function (suggestion, i) {
      var option = document.createElement("li");
      var label = document.createElement("span");
      var kind = document.createElement("span");
      option.id = listId + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(i));
      label.textContent = suggestion.label;
      kind.className = "search-combobox__kind";
      kind.textContent = suggestion.kind_label;
      option.appendChild(label);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(kind);
      list.appendChild(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") +
        ". Use the up and down arrows to choose.";
    } else {
      close();
      status.textContent = "";
    }
  }

  function choose(index) {
    var suggestion = items[index];
    if (!suggestion) return;
    if (suggestion.url) {
      window.location.assign(suggestion.url);
      return;
    }
    input.value = suggestion.label;
    close();
    if (input.form.requestSubmit) input.form.requestSubmit();
    else input.form.submit();
  }

  function lookUp() {
    var text = input.value.trim();
    if (text.length < 2) {
      render([]);
      return;
    }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(endpoint + "?q=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() === text) render(data.suggestions || []);
      })
      .catch(function () { /* offline or aborted: the plain search still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 150);
  });
  input.addEventListener("keydown", function (event) {
    var open = !list.hidden;
    if (event.key === "ArrowDown") {
      if (!open && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      if (items.length) { event.preventDefault(); setActive(active + 1); }
    } else if (event.key === "ArrowUp") {
      if (open) { event.preventDefault(); setActive(active - 1); }
    } else if (event.key === "Enter") {
      if (open && active >= 0) { event.preventDefault(); choose(active); }
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); close(); }
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) choose(Number(option.getAttribute("data-index")));
  });
})();
