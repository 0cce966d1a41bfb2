/* Search costs nothing until it is used, and a pasted error is searched for as text.
 *
 * Loaded before Material's bundle (overrides/main.html). Material fetches search/search_index.json and starts its
 * search worker on every page load; here both wait until the reader opens search (the search box gets focus, the
 * search icon is clicked, a search key is pressed, or the page was opened from a search link with ?q= or ?h=).
 * A cold page then loads neither the index nor the worker.
 *
 * Material hands the query to lunr's query parser, where pasted output means something else: `"..."` makes every
 * word required, `msg:` or `error:` names a field that does not exist (an error, no results), `+`, `-`, `~`, `^`
 * and `*` are operators. The query is reduced to the words the index holds, split on the same characters as the
 * index (mkdocs.yml `search.separator`), before it reaches the worker.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(?:$|\?)/;
  var WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var wanted = /[?&][qh]=/.test(location.search);
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }

  function whenWanted(run) {
    if (wanted) run(); else waiting.push(run);
  }

  // Material requests the index with XMLHttpRequest: its send() waits.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.rbkbIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.rbkbIndex || wanted) return send.apply(xhr, args);
    whenWanted(function () { send.apply(xhr, args); });
  };

  /* Pasted output as the words the index holds: the keys of `key=value` log fields go, separators and lunr's
   * operators become spaces; one- and
   * two-character pieces (`0/1`, `x5`) and bare numbers of up to two digits match too much with Material's trailing
   * wildcard and are left out. */
  function words(query) {
    return query
      .replace(/\b[A-Za-z_][\w.]*=/g, " ") // log fields: `level=`, `msg=`, `event_reason=` name the value after them
      .replace(/[\s\-,:!=\[\]()"\/'`~^*+{}<>|\\;?@#$%&]+|\.(?!\d)/g, " ")
      .split(" ")
      .filter(function (w) { return w.length > 2 || /^\d{3,}$/.test(w); })
      .join(" ");
  }
  window.rbkbSearchWords = words;

  // The worker starts when Material sends it the index (after the reader asked for search); queries are cleaned.
  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    if (!WORKER.test(String(url))) return new RealWorker(url, options);
    var target = document.createDocumentFragment();
    var real = null;
    var proxy = {
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
      dispatchEvent: target.dispatchEvent.bind(target),
      terminate: function () { if (real) real.terminate(); },
      postMessage: function (message) {
        if (!real) {
          real = new RealWorker(url, options);
          real.addEventListener("message", function (event) {
            target.dispatchEvent(new MessageEvent("message", { data: event.data }));
          });
        }
        if (message && message.type === 2 && typeof message.data === "string") {
          message = { type: 2, data: words(message.data) };
        }
        real.postMessage(message);
      }
    };
    return proxy;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;

  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) want();
  }, true);
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest ? event.target.closest('label[for="__search"]') : null;
    if (el) want();
  }, true);
  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA") return;
    if (event.key === "/" || event.key === "s" || event.key === "f") want();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) want();
  }, true);
})();
