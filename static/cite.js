/* The Cite box's copy buttons: shown only where JavaScript runs; the citations stay selectable text. */
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copied(button, ok) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = ok ? "Copied" : "Selected: press Ctrl+C";
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  function copy(button) {
    var source = document.getElementById(button.dataset.copyFrom);
    if (!source) { return; }
    var text = source.dataset.copyText || source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button, true); },
        function () { selectText(source); copied(button, false); });
    } else {
      selectText(source);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      copied(button, ok);
    }
  }

  function init() {
    document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
