// Wide tables scroll sideways on phones. Material wraps them in a scrolling box when a page loads;
// a keyboard user must be able to focus that box to scroll it (WCAG 2.1.1).
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    if (!box.hasAttribute("tabindex")) box.tabIndex = 0;
  });
});
