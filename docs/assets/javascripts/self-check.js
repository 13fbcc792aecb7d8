// The formation self-check (self-check page): ticks saved in this browser's localStorage only, progress
// per step and in all, and a reset. Without JavaScript the page stays a printable list of every item.
(function () {
  "use strict";

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save(key, ticks) {
    try {
      window.localStorage.setItem(key, JSON.stringify(ticks));
    } catch (error) {
      // Private browsing or storage turned off: the ticks last until the page is closed.
    }
  }

  function itemKey(box) {
    var step = box.closest("[data-step]");
    // The item's own words, without any furigana readings the page may carry.
    var item = box.closest("li").cloneNode(true);
    item.querySelectorAll("rt, rp").forEach(function (reading) { reading.remove(); });
    return step.getAttribute("data-step") + ":" + item.textContent.replace(/\s+/g, " ").trim();
  }

  function fill(template, done, total) {
    return template.replace("{done}", done).replace("{total}", total);
  }

  function setUp(root) {
    var key = root.getAttribute("data-storage-key");
    var ticks = load(key);
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox]"));

    function update() {
      var done = 0;
      root.querySelectorAll("[data-step]").forEach(function (step) {
        var stepBoxes = step.querySelectorAll("input[type=checkbox]");
        var stepDone = Array.prototype.filter.call(stepBoxes, function (box) { return box.checked; }).length;
        var progress = step.querySelector(".handbook-self-check__progress");
        progress.textContent = fill(root.getAttribute("data-progress"), stepDone, stepBoxes.length);
        progress.hidden = false;
        step.classList.toggle("handbook-self-check__step--done", stepDone === stepBoxes.length);
        done += stepDone;
      });
      var total = root.querySelector(".handbook-self-check__total");
      total.textContent = fill(root.getAttribute("data-total"), done, boxes.length);
      total.hidden = false;
    }

    boxes.forEach(function (box) {
      box.disabled = false;
      box.checked = ticks[itemKey(box)] === true;
      box.addEventListener("change", function () {
        if (box.checked) ticks[itemKey(box)] = true;
        else delete ticks[itemKey(box)];
        save(key, ticks);
        update();
      });
    });

    var actions = root.querySelector(".handbook-self-check__actions");
    actions.hidden = false;
    actions.querySelector("button").addEventListener("click", function () {
      if (!window.confirm(root.getAttribute("data-confirm"))) return;
      ticks = {};
      save(key, ticks);
      boxes.forEach(function (box) { box.checked = false; });
      update();
    });
    update();
  }

  function start() {
    document.querySelectorAll(".handbook-self-check").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
