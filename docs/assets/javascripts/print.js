// Printing shows everything: a closed <details> would print only its title, and content tabs print one
// after another, so each tab's content is labelled with its tab name (print.css shows the label).
(function () {
  "use strict";

  function labelTabs() {
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      var labels = set.querySelectorAll(".tabbed-labels > label");
      set.querySelectorAll(".tabbed-content > .tabbed-block").forEach(function (block, index) {
        if (labels[index]) block.setAttribute("data-print-label", labels[index].textContent.trim());
      });
    });
  }

  var closedBeforePrint = [];

  window.addEventListener("beforeprint", function () {
    labelTabs();
    closedBeforePrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (details) {
      return !details.open;
    });
    closedBeforePrint.forEach(function (details) { details.open = true; });
  });

  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (details) { details.open = false; });
    closedBeforePrint = [];
  });
})();
