// The 「ふりがな」 switch: shows or hides the readings over kanji.
// The readings come from the build (hooks/handbook/typeset.py): each paragraph, list item or cell keeps
// its readings in data-furigana ("gap:base:reading ..."), and they become <ruby> here only when the
// reader switches furigana on, so a page read without them has no hidden ruby to lay out.
// The choice is kept in localStorage, so it holds on every page, after a reload and in the offline
// copy opened from the file system. The class on <html> is set before the content is drawn by the
// script next to the button (overrides/partials/palette.html); this file handles presses and copying.
(function () {
  "use strict";

  var KEY = "handbook.furigana";
  var CLASS = "handbook-furigana";
  var ATTRIBUTE = "data-furigana";
  var PHRASE_BREAK = "\u200b";
  var WORD_JOINER = "\u2060";
  // The same elements as in typeset.py: a block's own text stops at a nested block, and code, readings,
  // form controls and the ¶ of permalinks are never read.
  var BLOCK = /^(P|LI|DT|DD|TD|TH|CAPTION|FIGCAPTION|SUMMARY|BLOCKQUOTE|LABEL|H[1-6]|DIV|SECTION|ARTICLE|DETAILS|FIGURE|ASIDE|UL|OL|DL|TABLE|THEAD|TBODY|TR|FORM|NAV|HEADER|FOOTER|MAIN|BODY)$/;
  var SKIPPED = /^(CODE|PRE|KBD|SAMP|SCRIPT|STYLE|SVG|MATH|RT|RP|RUBY|TEXTAREA|SELECT|OPTION|TITLE|BUTTON)$/;

  function ownText(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        var name = node.nodeName.toUpperCase();
        var left = BLOCK.test(name) || SKIPPED.test(name) ||
          node.classList.contains("headerlink") || node.classList.contains("no-furigana");
        return left ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function rubyOf(base, reading) {
    var ruby = document.createElement("ruby");
    var open = document.createElement("rp");
    var text = document.createElement("rt");
    var close = document.createElement("rp");
    open.textContent = "(";
    text.textContent = reading;
    close.textContent = ")";
    ruby.append(base, open, text, close);
    return ruby;
  }

  // Turn one block's readings into ruby. A word is annotated only where the page still has it as the
  // build saw it (another script may have changed the text): a reading is never put over the wrong word.
  function annotate(block) {
    var entries = block.getAttribute(ATTRIBUTE).split(" ");
    block.removeAttribute(ATTRIBUTE);
    var nodes = ownText(block);
    var starts = [];
    var total = 0;
    nodes.forEach(function (node) { starts.push(total); total += node.data.length; });
    var wanted = [];
    var end = 0;
    entries.forEach(function (entry) {
      var parts = entry.split(":");
      if (parts.length !== 3) return;
      var at = end + Number(parts[0]);
      wanted.push([at, parts[1], parts[2]]);
      end = at + parts[1].length;
    });
    var index = nodes.length - 1;
    for (var k = wanted.length - 1; k >= 0; k--) {  // from the end, so splitting a text keeps earlier offsets
      var at = wanted[k][0], base = wanted[k][1];
      while (index >= 0 && starts[index] > at) index--;
      if (index < 0) break;
      var node = nodes[index];
      var local = at - starts[index];
      if (node.data.substr(local, base.length) !== base) continue;
      var word = node.splitText(local);
      var after = word.splitText(base.length);
      word.replaceWith(rubyOf(base, wanted[k][2]));
      // A browser breaks a line beside a ruby whatever word-break says: a word joiner holds the ruby to
      // the text next to it, except where the build marked a phrase break (typeset.py does the same).
      if (node.data.slice(-1) !== PHRASE_BREAK) node.appendData(WORD_JOINER);
      if (after.data.charAt(0) !== PHRASE_BREAK) after.insertData(0, WORD_JOINER);
    }
  }

  function annotateAll() {
    document.querySelectorAll("[" + ATTRIBUTE + "]").forEach(annotate);
  }

  function isOn() {
    return document.documentElement.classList.contains(CLASS);
  }

  function show(on) {
    if (on) annotateAll();
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

  // Copied text is the text as written: no readings, whether they are shown or not, and none of the
  // zero-width spaces and word joiners that say where a line may break (hooks/handbook/typeset.py).
  var LINE_BREAK_MARK = /[\u200b\u2060]/;
  var LINE_BREAK_MARKS = new RegExp(LINE_BREAK_MARK.source, "g");
  document.addEventListener("copy", function (event) {
    var selection = document.getSelection();
    if (!selection || selection.isCollapsed || !event.clipboardData) return;
    var holder = document.createElement("div");
    for (var index = 0; index < selection.rangeCount; index++) {
      holder.appendChild(selection.getRangeAt(index).cloneContents());
    }
    if (!holder.querySelector("rt, rp") && !LINE_BREAK_MARK.test(holder.textContent)) return;
    holder.querySelectorAll("rt, rp").forEach(function (element) { element.remove(); });
    // innerText keeps the line breaks between paragraphs, which needs the copy laid out, off screen.
    holder.style.cssText = "position:fixed;left:-10000px;top:0;white-space:normal";
    document.body.appendChild(holder);
    var text = holder.innerText.replace(LINE_BREAK_MARKS, "");
    holder.remove();
    event.clipboardData.setData("text/plain", text);
    event.clipboardData.setData("text/html", holder.innerHTML.replace(LINE_BREAK_MARKS, ""));
    event.preventDefault();
  });
})();
