/* Mermaid, served from this site and loaded only when a diagram is drawn.
 *
 * Material for MkDocs draws `pre.mermaid` blocks through the global `mermaid`, and fetches it from a CDN when there
 * is none. This file (included on every page, 3 KB) defines that global as a stand-in: its first `render`
 * loads the vendored bundle (assets/vendor/mermaid.min.js, copied from the pinned npm package by `make vendor`),
 * so no page ever asks the CDN, and a page without a diagram never downloads the 3.5 MB bundle. The stand-in lives
 * for the whole visit, so it also works after Material's instant navigation.
 *
 * Runbook pages and the triage page keep their diagram in a closed block (`pre.rb-mermaid`, which Material does not
 * touch): it is drawn when the block is opened, at its natural size in a box that scrolls, so labels stay readable
 * on a phone and a page stays light until a reader asks for the diagram.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;

  var bundle = new URL("../vendor/mermaid.min.js", document.currentScript.src).href;
  var config = null;
  var loading = null;
  var drawn = 0;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.onload = function () {
          var real = window.mermaid; // the bundle replaced the stand-in
          real.initialize(config || ownConfig());
          resolve(real);
        };
        script.onerror = function () { reject(new Error("could not load " + bundle)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function ownConfig() {
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    // Natural size (no shrinking to the column): labels stay at the font size; the box around it scrolls.
    return { startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default",
             flowchart: { useMaxWidth: false } };
  }

  window.mermaid = {
    initialize: function (c) { config = c; },
    render: function (id, text) { return load().then(function (m) { return m.render(id, text); }); }
  };

  function drawLazy(root) {
    root.querySelectorAll("pre.rb-mermaid").forEach(function (pre) {
      pre.classList.remove("rb-mermaid");
      load().then(function (m) {
        return m.render("rb-mermaid-" + drawn++, pre.textContent);
      }).then(function (result) {
        var div = document.createElement("div");
        div.className = "rb-mermaid-diagram";
        // A box that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable).
        div.tabIndex = 0;
        div.setAttribute("role", "region");
        div.setAttribute("aria-label", "Diagram; scroll to see all of it");
        div.innerHTML = result.svg;
        pre.replaceWith(div);
        if (result.bindFunctions) result.bindFunctions(div);
        // Start with the first box (the symptom or the question) in view, wherever the layout put it.
        var first = div.querySelector("g.node");
        if (first) {
          var box = div.getBoundingClientRect(), node = first.getBoundingClientRect();
          div.scrollLeft += node.left - box.left - Math.max(0, (box.width - node.width) / 2);
        }
      }).catch(function (err) {
        pre.classList.add("rb-mermaid-failed");
        console.error(err);
      });
    });
  }

  // `toggle` does not bubble, but a capturing listener on the document still sees it, on every page.
  document.addEventListener("toggle", function (event) {
    if (event.target.open) drawLazy(event.target);
  }, true);
})();
