// prfaq default theme: progressive enhancement only. Every page works without
// this script; it adds sorting and filtering to the document table.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-value") || cell.textContent).trim() : "";
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      if (!th.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-sort") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // Filters live in the URL (?q=…&status=…&stage=…), so a filtered view can
  // be bookmarked, shared, and survives going back to the page.
  function makeFilterable(tools, table) {
    var text = tools.querySelector("[data-filter-text]");
    var selects = tools.querySelectorAll("select[data-filter]");
    var count = tools.querySelector("[data-filter-count]");
    var empty = table.parentNode.querySelector("[data-filter-empty]");
    var params = new URLSearchParams(location.search);
    text.value = params.get("q") || "";
    Array.prototype.forEach.call(selects, function (select) {
      select.value = params.get(select.getAttribute("data-filter")) || "";
      if (select.selectedIndex < 0) select.value = "";
    });
    function remember(query) {
      var next = new URLSearchParams();
      if (query) next.set("q", text.value.trim());
      Array.prototype.forEach.call(selects, function (s) {
        if (s.value) next.set(s.getAttribute("data-filter"), s.value);
      });
      var search = next.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    function apply() {
      var query = text.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var visible = !query || row.getAttribute("data-text").indexOf(query) !== -1;
        Array.prototype.forEach.call(selects, function (select) {
          var key = select.getAttribute("data-filter");
          if (select.value && row.getAttribute("data-" + key) !== select.value) visible = false;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) count.textContent = shown + " shown";
      if (empty) empty.hidden = shown !== 0;
      table.hidden = shown === 0;
      remember(query);
    }
    // A link such as the board's "All 812 Draft PR/FAQs" opens the table filtered: ?status=draft.
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(selects, function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    });
    text.addEventListener("input", apply);
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener("change", apply); });
    tools.hidden = false;
    apply();
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    makeSortable(table);
    var tools = table.closest(".table-scroll") && table.closest(".table-scroll").previousElementSibling;
    if (tools && tools.classList.contains("table-tools")) makeFilterable(tools, table);
  });
})();
