// The review page's selection: checkboxes choose which documents the reading
// pack prints, and the URL (?docs=a,b) keeps the choice, so a link restores
// it. When the pack is in the page, this shows and hides its documents
// (without JavaScript every document in review is printed). When it is not
// (data-pack-url: too much is in review), the list may span pages, the
// choice follows the pager's links, and each chosen document's part of the
// pack is loaded from <pack-url><slug>.html as it is ticked; the print
// button waits for them all.
(function () {
  "use strict";
  var panel = document.querySelector("[data-review]");
  if (!panel) return;
  var boxes = Array.prototype.slice.call(panel.querySelectorAll('input[name="docs"]'));
  var total = panel.querySelector("[data-review-total]");
  var print = panel.querySelector("[data-review-print]");
  var status = panel.querySelector("[data-review-status]");
  var pack = document.querySelector("[data-reading-pack]");
  var packUrl = panel.getAttribute("data-pack-url");
  var screen = document.querySelector(".review-screen");
  // Slug -> a promise of its <article> (on demand only).
  var loads = {};

  // ?docs=a,b (and ?docs=a&docs=b).
  function chosen() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("docs")) return null;
    var slugs = [];
    params.getAll("docs").forEach(function (value) {
      value.split(",").forEach(function (slug) {
        if (slug && slugs.indexOf(slug) === -1) slugs.push(slug);
      });
    });
    return slugs;
  }

  function onPage(slug) {
    return boxes.some(function (box) { return box.value === slug; });
  }

  // The selection: the ticked boxes of this page, and (on demand) those chosen on other pages.
  var selection = chosen();
  if (!selection) selection = packUrl ? [] : boxes.map(function (box) { return box.value; });
  boxes.forEach(function (box) { box.checked = selection.indexOf(box.value) !== -1; });

  function docs() {
    return Array.prototype.slice.call(pack.querySelectorAll(".pack-doc"));
  }

  function minutesOf(slug) {
    var box = boxes.filter(function (b) { return b.value === slug; })[0];
    if (box) return Number(box.getAttribute("data-minutes")) || 0;
    var doc = docs().filter(function (d) { return d.getAttribute("data-slug") === slug; })[0];
    return doc ? Number(doc.getAttribute("data-minutes")) || 0 : 0;
  }

  // A slug as a path under the pack's folder: no empty, "." or ".." segment.
  function packFile(slug) {
    var parts = slug.split("/");
    if (parts.some(function (p) { return !p || p === "." || p === ".."; })) return null;
    return packUrl + parts.map(encodeURIComponent).join("/") + ".html";
  }

  // Places a loaded document in the pack, in the pack's order.
  function place(article) {
    var position = Number(article.getAttribute("data-position"));
    var after = docs().filter(function (d) { return Number(d.getAttribute("data-position")) > position; })[0];
    pack.insertBefore(article, after || null);
  }

  function load(slug) {
    if (loads[slug]) return loads[slug];
    var file = packFile(slug);
    loads[slug] = !file ? Promise.resolve(null) : fetch(file).then(function (response) {
      if (!response.ok) return null;
      return response.text();
    }).then(function (html) {
      if (html === null) return null;
      // The build wrote and sanitised this HTML; it is parsed inert and only its article kept.
      var parsed = new DOMParser().parseFromString(html, "text/html");
      var article = parsed.querySelector("article.pack-doc");
      if (!article || article.getAttribute("data-slug") !== slug) return null;
      article = document.importNode(article, true);
      place(article);
      apply();
      return article;
    }).catch(function () { return null; });
    return loads[slug];
  }

  function report(loaded, failed) {
    if (!status) return;
    var message = "";
    if (packUrl) {
      var elsewhere = selection.filter(function (slug) { return !onPage(slug); }).length;
      message = selection.length + (selection.length === 1 ? " document" : " documents") + " chosen";
      if (elsewhere) message += " (" + elsewhere + " on other pages of the list)";
      if (loaded < selection.length) message += ", " + loaded + " loaded";
      message += ".";
    }
    if (failed.length) message += " Could not load: " + failed.join(", ") + ".";
    status.textContent = message;
  }

  function apply() {
    var minutes = 0;
    var loaded = 0;
    docs().forEach(function (doc) {
      var slug = doc.getAttribute("data-slug");
      doc.hidden = selection.indexOf(slug) === -1;
      if (!doc.hidden) loaded += 1;
    });
    selection.forEach(function (slug) { minutes += minutesOf(slug); });
    if (total) total.textContent = "~" + minutes + " min";
    if (screen && packUrl) {
      // Printing shows the list until some of the pack is here.
      if (loaded) screen.setAttribute("data-pack-loaded", ""); else screen.removeAttribute("data-pack-loaded");
    }
    var failed = [];
    report(loaded, failed);
  }

  function loadAll() {
    if (!packUrl) return Promise.resolve([]);
    var slugs = selection.slice();
    return Promise.all(slugs.map(load)).then(function (articles) {
      var failed = slugs.filter(function (slug, i) { return !articles[i]; });
      apply();
      var loaded = articles.filter(Boolean).length;
      report(loaded, failed);
      return failed;
    });
  }

  function query() {
    var sorted = selection.slice().sort();
    return "?docs=" + sorted.map(encodeURIComponent).join(",").replace(/%2F/g, decodeURIComponent);
  }

  function remember() {
    var url = new URL(window.location.href);
    window.history.replaceState(null, "", url.pathname + query() + url.hash);
    // The pager's links keep the choice.
    panel.querySelectorAll("[data-pager] a[href]").forEach(function (link) {
      var target = new URL(link.getAttribute("href"), window.location.href);
      link.setAttribute("href", target.pathname + query());
    });
  }

  apply();
  loadAll();
  if (packUrl && chosen()) remember();
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      var at = selection.indexOf(box.value);
      if (box.checked && at === -1) selection.push(box.value);
      if (!box.checked && at !== -1) selection.splice(at, 1);
      apply();
      loadAll();
      remember();
    });
  });
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      print.disabled = true;
      loadAll().then(function () {
        print.disabled = false;
        window.print();
      });
    });
  }
})();
