// Let readers sort the case comparison table by any column heading (click, or Enter on the focused
// heading). tablesort comes from npm and is served with the site (hooks/case_studies.py). Without
// JavaScript, and on paper, the table keeps the build's order: by founding date.
(function () {
  "use strict";

  function setUp() {
    if (typeof window.Tablesort !== "function") return;
    document.querySelectorAll(".handbook-case-comparison table").forEach(function (table) {
      if (table.getAttribute("data-sortable") === "true") return;
      new window.Tablesort(table);
      table.setAttribute("data-sortable", "true");
      var hint = table.querySelector(".handbook-sort-hint");
      if (hint) hint.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
