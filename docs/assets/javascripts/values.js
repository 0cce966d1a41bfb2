/* The values form of a runbook page: the reader types the namespace, rollout, application... once, and every
 * command on the page, its copy button and the printout show the real values.
 *
 * Each value is checked by the same parameter kinds as `runbook run` (src/rbkb/execute/params.py; the browser test
 * tests/site/test_values.py gives both the same values and compares the verdicts). A value must also be one plain
 * shell word (what Python's shlex.quote leaves unquoted), so that what is copied runs as the command it shows; any
 * other value is shown as an error and never written into a command. Values are kept in this browser's local
 * storage, by parameter name, so they carry over to the next runbook of the same incident; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var STORE = "rbkb.values";
  var LABEL = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";
  var HOST_LABEL = "[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?";
  var DNS_LABEL = new RegExp("^" + LABEL + "$");
  var DNS_SUBDOMAIN = new RegExp("^" + LABEL + "(?:\\." + LABEL + ")*$");
  var HOSTNAME = new RegExp("^(?:\\*\\.)?" + HOST_LABEL + "(?:\\." + HOST_LABEL + ")*\\.?$");
  var DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
  var INTEGER = /^-?\d+$/;
  var LABEL_KEY = "(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?";
  var LABEL_VALUE = "(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
  var REQUIREMENT = new RegExp(
    "^\\s*(?:!?" + LABEL_KEY + "|" + LABEL_KEY + "\\s*(?:==?|!=)\\s*" + LABEL_VALUE +
    "|" + LABEL_KEY + "\\s+(?:in|notin)\\s+\\(\\s*" + LABEL_VALUE + "(?:\\s*,\\s*" + LABEL_VALUE + ")*\\s*\\))\\s*$");
  var IMAGE = new RegExp(
    "^(?:[A-Za-z0-9.-]+(?::\\d+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*" +
    "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
  var IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
  var PLAIN_WORD = /^[A-Za-z0-9_@%+=:,.\/-]+$/;

  function isIp(v) {
    if (IPV4.test(v)) return true;
    if (v.indexOf(":") < 0 || !/^[0-9A-Fa-f:.]+$/.test(v)) return false;
    try { return new URL("http://[" + v + "]/").hostname.length > 2; } catch (e) { return false; }
  }

  var KINDS = {
    "namespace": function (v) {
      return v.length > 63 || !DNS_LABEL.test(v) ?
        "must be a DNS-1123 label: lower-case letters, digits and '-', at most 63, e.g. payments" : null;
    },
    "name": function (v) {
      return v.length > 253 || !DNS_SUBDOMAIN.test(v) ?
        "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', e.g. checkout-web" : null;
    },
    "url": function (v) {
      var u = null;
      try { u = new URL(v); } catch (e) { u = null; }
      var ok = u && (u.protocol === "http:" || u.protocol === "https:") && u.hostname && !/[\s\x00-\x1f]/.test(v) &&
        /^https?:\/\/[^\/?#\s]/i.test(v);
      return ok ? null : "must be an http(s) URL without spaces, e.g. http://prometheus.monitoring.svc:9090";
    },
    "host": function (v) {
      if (isIp(v)) return null;
      return v.length > 253 || !HOSTNAME.test(v) ? "must be a host name or IP address, e.g. shop.example.com" : null;
    },
    "port": function (v) {
      return /^\d+$/.test(v) && +v >= 1 && +v <= 65535 ? null : "must be a port number from 1 to 65535";
    },
    "integer": function (v) { return INTEGER.test(v) ? null : "must be a whole number, e.g. 3"; },
    "duration": function (v) { return DURATION.test(v) ? null : "must be a duration such as 30s, 5m or 1h30m"; },
    "label-selector": function (v) {
      var parts = v.split(/,(?![^()]*\))/);
      var ok = v.trim() !== "" && parts.every(function (r) { return REQUIREMENT.test(r); });
      return ok ? null : "must be a label selector, e.g. app.kubernetes.io/name=checkout,tier!=cache";
    },
    "image": function (v) {
      return v.length <= 512 && IMAGE.test(v) ? null : "must be an image reference, e.g. registry/app:1.2.3";
    },
    "text": function (v) { return v.indexOf("\x00") >= 0 ? "must not contain a NUL character" : null; }
  };

  /* Why `value` is not a valid `kind` (the messages of `runbook run`), or null. */
  function checkValue(kind, value) {
    if (value === "") return "must not be empty";
    return KINDS[kind](value);
  }

  /* Why `value` cannot be written into a command on the page, or null. */
  function problem(kind, value) {
    var why = checkValue(kind, value);
    if (why) return why;
    if (!PLAIN_WORD.test(value)) return "holds characters a shell reads (spaces, quotes, !, $, ...): type it into " +
      "the command yourself, quoted";
    return null;
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }

  function save(values) {
    try { localStorage.setItem(STORE, JSON.stringify(values)); } catch (e) { /* private mode: this page only */ }
  }

  function show(root, name, value) {
    root.querySelectorAll('.rb-ph[data-rb-param="' + name + '"]').forEach(function (ph) {
      ph.textContent = value === null ? "<" + name + ">" : value;
      ph.classList.toggle("rb-ph--filled", value !== null);
    });
  }

  function setUp(root) {
    var form = root.querySelector("[data-rb-values]");
    if (!form) return;
    var values = load();
    var inputs = form.querySelectorAll("input[data-rb-param]");

    function update(input, remember) {
      var name = input.getAttribute("data-rb-param");
      var value = input.value.trim();
      var error = form.querySelector("#" + input.id + "-error");
      var why = value === "" ? null : problem(input.getAttribute("data-rb-kind"), value);
      error.textContent = why ? "<" + name + "> " + why : "";
      input.setAttribute("aria-invalid", why ? "true" : "false");
      show(root, name, value !== "" && !why ? value : null);
      if (!remember) return;
      if (value !== "" && !why) values[name] = value; else delete values[name];
      save(values);
    }

    inputs.forEach(function (input) {
      var name = input.getAttribute("data-rb-param");
      if (typeof values[name] === "string") input.value = values[name];
      update(input, false);
      input.addEventListener("input", function () { update(input, true); });
    });
    form.querySelector("[data-rb-clear]").addEventListener("click", function () {
      inputs.forEach(function (input) { input.value = ""; update(input, true); });
    });
    form.hidden = false;
  }

  window.rbkbValues = { checkValue: checkValue, problem: problem };
  // Material's instant navigation swaps the page without reloading scripts: document$ emits for every page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setUp(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  }
})();
