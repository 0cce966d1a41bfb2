/* The "Paste an error" box: pasted command output matched against the runbooks' signatures, in this browser.
 *
 * The site build publishes assets/signatures.json (rbkb.analyze.table.browser_table): the line signatures of
 * `runbook diagnose` and its ranking rules. `diagnose` below mirrors rbkb.analyze.diagnose.analyze_lines, the CLI's
 * answer from line signatures alone; tests/analyze/test_paste_js.py runs both over every captured output and requires
 * the same causes, confidences and evidence. The table is fetched from this site when the box is first used; nothing
 * pasted leaves the page. Every string from the table or the paste reaches the page as text, never as HTML.
 *
 * A placeholder with `data-rb-paste` (rbkb.render.paste) becomes a labelled text area, a status line and a list of
 * causes. The key `e`, outside a text field, focuses the box of the page, or opens the paste page (the header button).
 */
(function (root) {
  "use strict";

  /* ---------------------------------------------------------------------------------------------------------------
   * Matching: rbkb.analyze.signatures.Matcher, rbkb.analyze.diagnose.hits_of and rbkb.analyze.causes.rank
   * ------------------------------------------------------------------------------------------------------------- */

  var LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/; // where Python's str.splitlines breaks

  function fold(text) { return text.toLowerCase(); } // Python casefolds: the same on ASCII, which every needle is

  function compile(table) {
    var byNeedle = new Map();
    var always = [];
    var signatures = table.signatures.map(function (s) {
      var flags = s.ignore_case ? "iu" : "u";
      var sig = {
        cause: s.cause, tool: s.tool, confidence: s.confidence, versions: s.versions || null,
        text: s.text, folded: s.text === undefined ? "" : fold(s.text), ignoreCase: !!s.ignore_case,
        main: s.pattern ? new RegExp(s.pattern, flags) : null,
        also: s.also ? new RegExp(s.also, flags) : null,
        unless: s.unless ? new RegExp(s.unless, flags) : null
      };
      sig.literal = !(sig.main || sig.also || sig.unless);
      s.needles.forEach(function (n) {
        if (!byNeedle.has(n)) byNeedle.set(n, []);
        byNeedle.get(n).push(sig);
      });
      if (!s.needles.length) always.push(sig);
      return sig;
    });
    // A line holding a needle holds every shorter needle inside it: the minimal needles decide whether to look further.
    var ordered = Array.from(byNeedle.keys()).sort(function (a, b) { return a.length - b.length; });
    var gate = ordered.filter(function (n, i) {
      return !ordered.slice(0, i).some(function (m) { return n.indexOf(m) >= 0; });
    });
    return {
      table: table, signatures: signatures, byNeedle: byNeedle, always: always, gate: gate, rules: table.rank,
      skip: new RegExp(table.skip, "u"),
      superseded: {
        cause: table.superseded.cause, kept: table.superseded.kept,
        when: table.superseded.when.map(function (p) { return new RegExp(p, "mu"); })
      }
    };
  }

  function matches(sig, line) {
    var found;
    if (sig.main) found = sig.main.test(line);
    else if (sig.ignoreCase) found = fold(line).indexOf(sig.folded) >= 0;
    else found = line.indexOf(sig.text) >= 0;
    return found && (!sig.also || sig.also.test(line)) && !(sig.unless && sig.unless.test(line));
  }

  function candidates(m, low) {
    if (!m.gate.some(function (g) { return low.indexOf(g) >= 0; })) return m.always.slice();
    var seen = new Set(m.always);
    var out = m.always.slice();
    m.byNeedle.forEach(function (sigs, needle) {
      if (low.indexOf(needle) < 0) return;
      sigs.forEach(function (sig) {
        if (!seen.has(sig)) { seen.add(sig); out.push(sig); }
      });
    });
    return out;
  }

  /* The signatures a line shows. A long line: literals are one search of the whole line, patterns run per window. */
  function matchLine(m, line) {
    var found = candidates(m, fold(line));
    var win = m.rules.window;
    var overlap = m.rules.overlap;
    if (line.length <= win) return found.filter(function (sig) { return matches(sig, line); });
    var hits = found.filter(function (sig) { return sig.literal && matches(sig, line); });
    var patterns = found.filter(function (sig) { return !sig.literal; });
    for (var start = 0; start < line.length - overlap && patterns.length; start += win - overlap) {
      var part = line.slice(start, start + win);
      var now = patterns.filter(function (sig) { return matches(sig, part); });
      hits = hits.concat(now);
      patterns = patterns.filter(function (sig) { return now.indexOf(sig) < 0; });
    }
    return hits;
  }

  function splitLines(text) {
    var lines = text.split(LINE_BREAK);
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    return lines;
  }

  /* Python's round(x, 2): the nearest hundredth, an exact tie (x = k/8, k odd) to the even one. toFixed is exact
   * too but takes a tie away from zero. */
  function round2(x) {
    var n = Math.round(Number(x.toFixed(2)) * 100);
    if (Number.isInteger(x * 8) && Math.abs(x * 8) % 2 === 1 && n % 2 !== 0) n -= Math.sign(n);
    return n / 100;
  }

  /* The ranked causes of a pasted text: [{id, title, path, fix, confidence, evidence: [{line, lineNo, tool,
   * versions}]}], best first; [] when no signature matches. */
  function diagnose(m, text) {
    var sup = m.superseded;
    var synced = sup.when.every(function (re) { return re.test(text); });
    var hits = [];
    splitLines(text).forEach(function (line, i) {
      if (m.skip.test(line) || line.trim() === "---") return; // a command line or a YAML separator, not output
      matchLine(m, line).forEach(function (sig) {
        if (sig.cause === sup.cause && synced && !line.trimStart().startsWith(sup.kept)) return;
        hits.push({ cause: sig.cause, confidence: sig.confidence, line: line, lineNo: i + 1, tool: sig.tool,
                    versions: sig.versions });
      });
    });
    return rank(m, hits);
  }

  function rank(m, hits) {
    var r = m.rules;
    var best = new Map();
    var evidence = new Map();
    hits.forEach(function (hit, order) {
      best.set(hit.cause, Math.max(best.has(hit.cause) ? best.get(hit.cause) : 0, hit.confidence));
      if (!evidence.has(hit.cause)) evidence.set(hit.cause, new Map());
      var seen = evidence.get(hit.cause);
      if (!seen.has(hit.line)) seen.set(hit.line, { order: order, hit: hit });
    });
    var scored = new Map();
    best.forEach(function (conf, cause) {
      var lines = evidence.get(cause).size;
      scored.set(cause, Math.min(r.ceiling, conf + r.per_line * Math.max(0, Math.min(lines, r.lines_counted) - 1)));
    });
    // A root cause outranks the symptom it explains; a chain settles after as many passes as it has links.
    var explains = m.table.explained_by;
    var symptoms = Object.keys(explains);
    for (var pass = 0; pass < symptoms.length; pass++) {
      var changed = false;
      symptoms.forEach(function (symptom) {
        var present = explains[symptom].filter(function (c) { return scored.has(c); })
          .map(function (c) { return scored.get(c); });
        if (!scored.has(symptom) || !present.length) return;
        var below = Math.max.apply(null, present) - r.below_root;
        if (scored.get(symptom) > below) { scored.set(symptom, below); changed = true; }
      });
      if (!changed) break;
    }
    var ranked = [];
    evidence.forEach(function (byLine, cause) {
      var info = m.table.causes[cause];
      if (!info) return; // no runbook section to link: not reported, as in the CLI
      var kept = Array.from(byLine.values())
        .sort(function (a, b) { return (b.hit.confidence - a.hit.confidence) || (a.order - b.order); })
        .slice(0, r.max_evidence)
        .sort(function (a, b) { return a.order - b.order; });
      ranked.push({ id: cause, title: info.title, path: info.path, fix: info.fix, confidence: round2(scored.get(cause)),
                    evidence: kept.map(function (e) { return e.hit; }) });
    });
    return ranked.sort(function (a, b) {
      return (b.confidence - a.confidence) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
  }

  /* At most `limit` characters, ending on a whole line when there is one; null when the text fits. */
  function cut(text, limit) {
    if (text.length <= limit) return null;
    var kept = text.slice(0, limit);
    var end = kept.lastIndexOf("\n");
    return end >= 0 ? kept.slice(0, end + 1) : kept;
  }

  root.rbkbPaste = { compile: compile, diagnose: diagnose, cut: cut, round2: round2 };
  if (typeof document === "undefined") return; // loaded by the Node tests: the matcher only

  /* ---------------------------------------------------------------------------------------------------------------
   * The box
   * ------------------------------------------------------------------------------------------------------------- */

  var KEY = "e";
  var SHOWN = 300; // characters of an evidence line shown, as `runbook diagnose` prints them
  var PATH = /^[a-z0-9][a-z0-9/._-]*(#[a-z0-9_-]+)?$/; // a site-relative section link, nothing else
  var loaded = new Map(); // table URL -> Promise of the compiled matcher (kept across instant navigation)

  function load(url) {
    if (!loaded.has(url)) {
      loaded.set(url, fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      }).then(compile).catch(function (err) {
        loaded.delete(url); // try again on the next paste
        throw err;
      }));
    }
    return loaded.get(url);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setup(box) {
    if (box.querySelector("textarea")) return;
    var input = el("textarea", {
      id: "rb-paste-input", rows: "8", spellcheck: "false", autocomplete: "off", autocapitalize: "off",
      "aria-describedby": "rb-paste-status"
    });
    var label = el("label", { for: "rb-paste-input", "class": "rb-paste__label" },
                   "Paste an error, a log or a whole kubectl describe");
    var status = el("p", { id: "rb-paste-status", "class": "rb-paste__status", role: "status" });
    var list = el("ol", { "class": "rb-paste__causes", "aria-label": "Likely causes, best first" });
    var nojs = box.querySelector(".rb-paste__nojs");
    if (nojs) nojs.hidden = true;
    box.insertBefore(list, box.firstChild);
    box.insertBefore(status, list);
    box.insertBefore(input, status);
    box.insertBefore(label, input);
    list.hidden = true;
    box.dataset.rbState = "idle";

    var tableUrl = box.getAttribute("data-rb-table");
    var timer = null;
    var pasted = false;
    input.addEventListener("focus", function () { load(tableUrl).catch(function () {}); });
    input.addEventListener("paste", function () { pasted = true; });
    input.addEventListener("input", function () { // a paste answers at once; typing waits for a pause
      clearTimeout(timer);
      box.dataset.rbState = "pending";
      timer = setTimeout(function () { run(box, input, status, list, tableUrl); }, pasted ? 0 : 150);
      pasted = false;
    });
  }

  function run(box, input, status, list, tableUrl) {
    var text = input.value;
    box.dataset.rbState = "loading";
    load(tableUrl).then(function (m) {
      if (input.value !== text) return; // a newer paste is scheduled
      var kept = cut(text, m.table.limit);
      var found = diagnose(m, kept === null ? text : kept);
      show(box, list, found);
      status.textContent = summary(found, text, kept, m.table.limit);
      box.rbPasted = text; // what the list answers (the browser test waits for this)
      box.dataset.rbState = "done";
    }, function (err) {
      status.textContent = "Could not load the signatures from this site (" + err.message + "); " +
        "run runbook diagnose on a saved copy of the output instead.";
      box.dataset.rbState = "error";
    });
  }

  function summary(found, text, kept, limit) {
    var note = kept === null ? "" : " Read the first " + kept.length.toLocaleString("en") + " of " +
      text.length.toLocaleString("en") + " characters (whole lines): the box reads at most " +
      limit.toLocaleString("en") + ". Save the output and run runbook diagnose on it for the rest.";
    if (!text.trim()) return "";
    if (!found.length) return "No known cause in this text." + note;
    var n = found.length;
    return n + (n === 1 ? " likely cause" : " likely causes, best first") + "." + note;
  }

  function show(box, list, found) {
    var level = Math.min(6, Math.max(2, parseInt(box.getAttribute("data-rb-level"), 10) || 3));
    var rootUrl = box.getAttribute("data-rb-root") || "./";
    list.replaceChildren();
    list.hidden = !found.length;
    found.forEach(function (cause) {
      var item = el("li", { "data-rb-cause": cause.id });
      var heading = el("h" + level, { "class": "rb-paste__title" });
      if (PATH.test(cause.path)) heading.appendChild(el("a", { href: rootUrl + cause.path }, cause.title));
      else heading.textContent = cause.title;
      item.appendChild(heading);
      item.appendChild(el("p", { "class": "rb-paste__meta" },
                          "Confidence " + cause.confidence.toFixed(2) + " · cause " + cause.id));
      item.appendChild(el("p", {}, cause.evidence.length === 1 ? "The line that shows it:" : "The lines that show it:"));
      var lines = el("ul", { "class": "rb-paste__evidence" });
      cause.evidence.forEach(function (hit) {
        var shown = hit.line.trim();
        if (shown.length > SHOWN) shown = shown.slice(0, SHOWN) + "…";
        var li = el("li");
        li.appendChild(el("code", {}, shown));
        li.appendChild(el("span", { "class": "rb-paste__where" },
                          " line " + hit.lineNo + ", " + hit.tool + (hit.versions ? ", " + hit.versions : "")));
        lines.appendChild(li);
      });
      item.appendChild(lines);
      if (cause.fix.length) item.appendChild(el("p", {}, "Fix: " + cause.fix.slice(0, 3).join("; ")));
      list.appendChild(item);
    });
  }

  function focusBox(box) {
    var input = box.querySelector("textarea");
    if (!input) return false;
    input.focus();
    input.scrollIntoView({ block: "center" });
    return true;
  }

  // The paste page's box takes the focus: the page is there for nothing else. (Links to it carry no fragment: after
  // scrolling to a fragment that cannot take the focus, Chromium takes the focus away from whatever holds it.)
  function init() {
    document.querySelectorAll("[data-rb-paste]").forEach(function (box) {
      setup(box);
      if (box.hasAttribute("data-rb-autofocus")) box.querySelector("textarea").focus({ preventScroll: true });
    });
  }

  function editable(node) {
    return !!node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  // Material binds f, s and / (search), p and , (previous page), n and . (next page): `e` is free.
  document.addEventListener("keydown", function (event) {
    if (event.key !== KEY || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (editable(event.target) || editable(document.activeElement)) return;
    var search = document.querySelector("[data-md-toggle=search]");
    if (search && search.checked) return;
    var box = document.querySelector("[data-rb-paste]");
    if (box && focusBox(box)) {
      event.preventDefault();
      return;
    }
    var link = document.querySelector("a[data-rb-paste-link]");
    if (link) {
      event.preventDefault();
      link.click(); // Material's instant navigation takes it from here when it is on
    }
  });

  if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof globalThis !== "undefined" ? globalThis : this);
