// The 「ふりがな」 switch: shows or hides the readings over kanji (the ruby is in the page from the build).
// The choice is kept in localStorage, so it holds on every page, after a reload and in the offline
// copy opened from the file system. The class on <html> is set before the content is drawn by the
// script next to the button (overrides/partials/palette.html); this file handles presses and copying.
(function () {
  "use strict";

  var KEY = "handbook.furigana";
  var CLASS = "handbook-furigana";

  function isOn() {
    return document.documentElement.classList.contains(CLASS);
  }

  function show(on) {
    document.documentElement.classList.toggle(CLASS, on);
    document.querySelectorAll(".handbook-furigana-toggle").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function remember(on) {
    try {
      localStorage.setItem(KEY, on ? "on" : "off");
    } catch (error) {
      // Storage may be blocked (private mode): the switch still works on this page.
    }
  }

  // One listener on the document: it keeps working when Material's instant navigation swaps the header.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".handbook-furigana-toggle");
    if (!button) return;
    var on = !isOn();
    show(on);
    remember(on);
  });

  // After an instant navigation the new header's button must show the state again.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { show(isOn()); });
  } else {
    show(isOn());
  }

  // Copied text is the text as written: no readings, whether they are shown or not.
  document.addEventListener("copy", function (event) {
    var selection = document.getSelection();
    if (!selection || selection.isCollapsed || !event.clipboardData) return;
    var holder = document.createElement("div");
    for (var index = 0; index < selection.rangeCount; index++) {
      holder.appendChild(selection.getRangeAt(index).cloneContents());
    }
    if (!holder.querySelector("rt, rp")) return;
    holder.querySelectorAll("rt, rp").forEach(function (element) { element.remove(); });
    // innerText keeps the line breaks between paragraphs, which needs the copy laid out, off screen.
    holder.style.cssText = "position:fixed;left:-10000px;top:0;white-space:normal";
    document.body.appendChild(holder);
    var text = holder.innerText;
    holder.remove();
    event.clipboardData.setData("text/plain", text);
    event.clipboardData.setData("text/html", holder.innerHTML);
    event.preventDefault();
  });
})();
