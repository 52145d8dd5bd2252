// My connection map: a "Print or save as PDF" button. Without JavaScript the page says to use the
// browser's Print command; the print style sheet (site.css) is the same either way.
(function () {
  "use strict";
  document.querySelectorAll("[data-print-map]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
