// The review page's selection: checkboxes choose which documents the reading
// pack prints, and the URL (?docs=a,b) keeps the choice, so a link restores
// it. Without JavaScript every document in review is printed.
(function () {
  "use strict";
  var panel = document.querySelector("[data-review]");
  if (!panel) return;
  var boxes = Array.prototype.slice.call(panel.querySelectorAll('input[name="docs"]'));
  var total = panel.querySelector("[data-review-total]");
  var print = panel.querySelector("[data-review-print]");

  // ?docs=a,b (and ?docs=a&docs=b).
  function chosen() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("docs")) return null;
    var slugs = [];
    params.getAll("docs").forEach(function (value) {
      value.split(",").forEach(function (slug) { if (slug) slugs.push(slug); });
    });
    return slugs;
  }

  function apply() {
    var minutes = 0;
    var slugs = [];
    boxes.forEach(function (box) {
      document.querySelectorAll(".pack-doc").forEach(function (doc) {
        if (doc.getAttribute("data-slug") === box.value) doc.hidden = !box.checked;
      });
      if (box.checked) {
        minutes += Number(box.getAttribute("data-minutes")) || 0;
        slugs.push(box.value);
      }
    });
    if (total) total.textContent = "~" + minutes + " min";
    return slugs;
  }

  function remember(slugs) {
    var url = new URL(window.location.href);
    url.search = "";
    var query = "?docs=" + slugs.map(encodeURIComponent).join(",").replace(/%2F/g, decodeURIComponent);
    window.history.replaceState(null, "", url.pathname + query + url.hash);
  }

  var initial = chosen();
  if (initial) {
    boxes.forEach(function (box) { box.checked = initial.indexOf(box.value) !== -1; });
  }
  apply();
  boxes.forEach(function (box) {
    box.addEventListener("change", function () { remember(apply()); });
  });
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
