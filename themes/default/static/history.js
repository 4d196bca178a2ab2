// prfaq default theme: the history page's "as of" view. The page holds each
// revision's diff, not its whole text, and in a data block (#as-of-data, JSON
// gzip-compressed in base64) the newest text and, per revision, the patch
// back to the one before; opening "Read the whole document as of …" rebuilds
// that revision's text exactly from them.
(function () {
  "use strict";

  var list = document.querySelector("ol.revisions[data-as-of]");
  if (!list) return;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve) {
        resolve(inflate(document.getElementById("as-of-data").textContent.trim()));
      }).then(JSON.parse);
      // A failed load is tried again when a revision is opened again.
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // The text of base64 gzip bytes.
  function inflate(base64) {
    if (typeof DecompressionStream === "undefined") {
      throw new Error("this browser is too old to read the page's data (no DecompressionStream); the diffs above are all there");
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  // The lines of a text, each with its line end, as the build's patches count them.
  function lines(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) || [];
  }

  // A positive number keeps that many lines, a negative one skips them, a string is inserted.
  function apply(text, ops) {
    var from = lines(text), out = [], at = 0;
    ops.forEach(function (op) {
      if (typeof op === "string") {
        out.push(op);
      } else if (op > 0) {
        out.push(from.slice(at, at + op).join(""));
        at += op;
      } else {
        at -= op;
      }
    });
    return out.join("");
  }

  // The text as of revision `id`: the newest text, patched back one revision at a time.
  function textAsOf(data, id) {
    var text = data.text;
    for (var i = 0; i < data.revisions.length; i++) {
      var revision = data.revisions[i];
      if (revision.id === id) return text;
      if (!revision.back) break;
      text = apply(text, revision.back);
    }
    throw new Error("revision " + id + " is not in the page's data");
  }

  function show(details) {
    var pre = details.querySelector(".as-of-text");
    if (!pre || details.hasAttribute("data-loaded")) return;
    details.setAttribute("data-loaded", "");
    pre.textContent = "Loading…";
    load().then(function (data) {
      pre.textContent = textAsOf(data, details.getAttribute("data-rev"));
      var fallback = details.querySelector(".as-of-fallback");
      if (fallback && !fallback.querySelector("a")) fallback.hidden = true;
    }).catch(function (error) {
      details.removeAttribute("data-loaded");
      pre.textContent = "Could not load this revision: " + error.message;
    });
  }

  Array.prototype.forEach.call(list.querySelectorAll("details.as-of[data-rev]"), function (details) {
    details.addEventListener("toggle", function () {
      if (details.open) show(details);
    });
    if (details.open) show(details);
  });
})();
