/* Small things every page needs after Material has laid it out (and again after each instant navigation). */
(function () {
  "use strict";

  /* A table wider than the column scrolls sideways in Material's wrapper: make that box reachable and scrollable
   * by keyboard, and name it, as axe's scrollable-region-focusable asks. */
  function focusableScrollers(root) {
    root.querySelectorAll(".md-typeset__scrollwrap, .rb-mermaid-diagram").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth + 1 || box.hasAttribute("tabindex")) return;
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", "Table; scroll sideways to see all of it");
    });
  }

  function run() { focusableScrollers(document); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else {
    document.addEventListener("DOMContentLoaded", run);
  }
  window.addEventListener("resize", run);
})();
