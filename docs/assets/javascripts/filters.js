// Narrow a generated table or card list with the selects the build placed above it.
// Without JavaScript the form stays hidden and every row is shown; printing always shows every row
// (see handbook.css), so filters only ever help on screen.
(function () {
  "use strict";

  function matches(item, select) {
    if (!select.value) return true;
    var values = (item.getAttribute("data-" + select.name) || "").split(" ");
    return values.indexOf(select.value) !== -1;
  }

  function apply(form) {
    var target = document.getElementById(form.getAttribute("data-filter-target"));
    if (!target) return;
    var selects = form.querySelectorAll("select");
    var items = target.querySelectorAll("[data-filter-item]");
    var shown = 0;
    items.forEach(function (item) {
      var visible = Array.prototype.every.call(selects, function (select) {
        return matches(item, select);
      });
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    var status = form.querySelector("[role=status]");
    if (status) {
      status.textContent = status.getAttribute("data-template")
        .replace("{shown}", shown)
        .replace("{total}", items.length);
    }
  }

  function setUp() {
    document.querySelectorAll("form.handbook-filter").forEach(function (form) {
      form.hidden = false;
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("reset", function () { setTimeout(function () { apply(form); }, 0); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
