// prfaq default theme: progressive enhancement only. Every page works without
// this script; it adds sorting and filtering to the documents table.
//
// The table's HTML holds one page of rows (site.toml `page_size`), with plain
// links to the other pages. The script fetches documents/rows.json, every row
// in a compact form, and then sorts and filters the whole library, showing one
// page of the result and a pager of its own. Opened from a file (browsers
// refuse fetch there) or when rows.json cannot be read, it sorts and filters
// the rows of the page it is on, and its count says so.
(function () {
  "use strict";

  var COLLATOR = new Intl.Collator(undefined, { numeric: true });
  // The order the pages are built in: most recently updated first.
  var DEFAULT_SORT = "-updated";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---------- Rows: from rows.json, or from the page itself ----------

  // A record per document: its sort keys, its filter values, and its <tr> (built when first shown).
  function recordsFromData(data) {
    return data.rows.map(function (r, pos) {
      var owner = r[3] >= 0 ? data.owners[r[3]] : null;
      var stage = r[4] >= 0 ? data.stages[r[4]] : data.unknown;
      var status = r[5] >= 0 ? data.statuses[r[5]] : data.unknown;
      var tags = r[7].map(function (t) { return data.tags[t]; });
      var title = r[1].toLowerCase(), leader = owner ? owner[0].toLowerCase() : "";
      return {
        pos: pos, row: null,
        keys: { title: title, leader: leader, stage: r[4], status: r[5], updated: r[6] || "" },
        text: [title, leader].concat(tags.map(function (t) { return t.toLowerCase(); })).join(" "),
        status: status.id, stage: stage.id,
        build: function () { return buildRow(r, owner, stage, status, tags); }
      };
    });
  }

  function recordsFromPage(body, headers) {
    return Array.prototype.map.call(body.rows, function (row, pos) {
      var keys = {};
      Array.prototype.forEach.call(headers, function (th, index) {
        var cell = row.cells[index];
        var value = cell ? (cell.getAttribute("data-value") || cell.textContent).trim() : "";
        keys[th.getAttribute("data-key")] = th.getAttribute("data-sort") === "number" ? Number(value) : value;
      });
      return {
        pos: pos, row: row, keys: keys, text: row.getAttribute("data-text") || "",
        status: row.getAttribute("data-status"), stage: row.getAttribute("data-stage")
      };
    });
  }

  // The same markup as the theme's row.html.
  function buildRow(r, owner, stage, status, tags) {
    var tr = el("tr");
    tr.setAttribute("data-status", status.id);
    tr.setAttribute("data-stage", stage.id);
    var title = cell(tr, "Title");
    var link = title.appendChild(el("a", "", r[1]));
    link.href = r[0];
    if (r[2]) title.appendChild(el("div", "muted small", r[2]));
    var leader = cell(tr, "Leader");
    if (owner) {
      var ownerLink = leader.appendChild(el("a", "", owner[0]));
      ownerLink.href = owner[1];
    } else {
      leader.appendChild(el("span", "muted", "No owner"));
    }
    cell(tr, "Stage").appendChild(badge(stage, "stage", r[4] >= 0));
    cell(tr, "Status").appendChild(badge(status, "status", r[5] >= 0));
    var updated = cell(tr, "Last updated");
    if (r[6]) {
      updated.appendChild(el("time", "", r[6])).setAttribute("datetime", r[6]);
    } else {
      updated.appendChild(el("span", "muted", "—"));
    }
    return tr;
  }

  function cell(tr, label) {
    var td = tr.appendChild(el("td"));
    td.setAttribute("data-label", label);
    return td;
  }

  function badge(term, kind, known) {
    var span = el("span", "badge badge-" + kind + (known ? "" : " badge-unknown"), term.label);
    span.style.setProperty("--badge", term.colour);
    span.title = kind.charAt(0).toUpperCase() + kind.slice(1) + ": " + term.label;
    return span;
  }

  // ---------- The table ----------

  function Table(table, tools) {
    this.table = table;
    this.body = table.tBodies[0];
    this.headers = table.tHead.rows[0].querySelectorAll("th[data-sort]");
    this.text = tools.querySelector("[data-filter-text]");
    this.selects = tools.querySelectorAll("select[data-filter]");
    this.count = tools.querySelector("[data-filter-count]");
    this.region = table.closest(".table-scroll");
    this.empty = this.region.querySelector("[data-filter-empty]");
    this.pager = this.region.parentNode.querySelector("[data-pager]");
    this.listUrl = table.getAttribute("data-list-url");
    this.pageSize = Number(table.getAttribute("data-page-size")) || 100;
    this.sorted = {};
    this.all = false;
    this.records = recordsFromPage(this.body, this.headers);
    this.read(location.search, Number(table.getAttribute("data-page")) || 1);
  }

  // The state lives in the URL (?q=…&status=…&stage=…&sort=…&page=…), so a
  // filtered view can be bookmarked, shared, and survives going back.
  Table.prototype.read = function (search, page) {
    var params = new URLSearchParams(search);
    this.text.value = params.get("q") || "";
    Array.prototype.forEach.call(this.selects, function (select) {
      select.value = params.get(select.getAttribute("data-filter")) || "";
      if (select.selectedIndex < 0) select.value = "";
    });
    this.sort = params.get("sort") || DEFAULT_SORT;
    if (!this.sortKey()) this.sort = DEFAULT_SORT;
    this.page = Number(params.get("page")) || page;
  };

  Table.prototype.search = function (page) {
    var next = new URLSearchParams();
    var query = this.text.value.trim();
    if (query) next.set("q", query);
    Array.prototype.forEach.call(this.selects, function (s) {
      if (s.value) next.set(s.getAttribute("data-filter"), s.value);
    });
    if (this.sort !== DEFAULT_SORT) next.set("sort", this.sort);
    if (page > 1) next.set("page", String(page));
    var search = next.toString();
    return search ? "?" + search : "";
  };

  Table.prototype.remember = function (push) {
    // Only with every row can a page number stand for the same rows on any page's address.
    var url = this.all ? this.listUrl + this.search(this.page) : location.pathname + this.search(1);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  };

  Table.prototype.sortKey = function () {
    var key = this.sort.replace(/^-/, "");
    return Array.prototype.some.call(this.headers, function (th) { return th.getAttribute("data-key") === key; }) ? key : null;
  };

  // Positions of the records in this sort, computed once per sort.
  Table.prototype.order = function () {
    var sort = this.sort;
    if (!this.sorted[sort]) {
      var key = this.sortKey(), sign = sort.charAt(0) === "-" ? -1 : 1;
      var records = this.records.slice();
      if (sort !== DEFAULT_SORT) {
        records.sort(function (a, b) {
          var x = a.keys[key], y = b.keys[key];
          var order = typeof x === "number" ? x - y : COLLATOR.compare(x, y);
          return sign * order || a.pos - b.pos;
        });
      }
      this.sorted[sort] = records;
    }
    return this.sorted[sort];
  };

  Table.prototype.matching = function () {
    var query = this.text.value.trim().toLowerCase();
    var wanted = Array.prototype.map.call(this.selects, function (s) {
      return { key: s.getAttribute("data-filter"), value: s.value };
    }).filter(function (w) { return w.value; });
    return this.order().filter(function (record) {
      if (query && record.text.indexOf(query) === -1) return false;
      for (var i = 0; i < wanted.length; i++) {
        if (record[wanted[i].key] !== wanted[i].value) return false;
      }
      return true;
    });
  };

  Table.prototype.apply = function () {
    var matched = this.matching();
    var size = this.all ? this.pageSize : Infinity;
    var pages = Math.max(1, Math.ceil(matched.length / size));
    this.page = Math.min(Math.max(1, this.page), pages);
    var start = this.all ? (this.page - 1) * size : 0;
    var shown = matched.slice(start, start + size);
    var rows = document.createDocumentFragment();
    shown.forEach(function (record) {
      if (!record.row) record.row = record.build();
      rows.appendChild(record.row);
    });
    this.body.replaceChildren(rows);
    var self = this;
    Array.prototype.forEach.call(this.headers, function (th) {
      var key = th.getAttribute("data-key");
      if (self.sortKey() === key) th.setAttribute("aria-sort", self.sort.charAt(0) === "-" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    this.say(matched.length, start, shown.length);
    if (this.empty) this.empty.hidden = matched.length !== 0;
    this.table.hidden = matched.length === 0;
    if (this.all) this.paginate(pages);
  };

  Table.prototype.say = function (total, start, shown) {
    if (!this.count) return;
    var text = total + " shown";
    if (!this.all) text += " of this page's " + this.records.length + " (open the site from a web server to filter all)";
    else if (shown < total) text += ", " + (start + 1) + "–" + (start + shown) + " on this page";
    this.count.textContent = text;
  };

  // The pager of the filtered list: links to ?page=N, handled here without a reload.
  Table.prototype.paginate = function (pages) {
    if (!this.pager) {
      this.pager = el("nav", "pager");
      this.pager.setAttribute("aria-label", "Pages of the table");
      this.pager.setAttribute("data-pager", "");
      this.region.parentNode.insertBefore(this.pager, this.region.nextSibling);
    }
    this.pager.hidden = pages <= 1;
    var list = el("ul");
    var self = this;
    function add(number, label, rel) {
      var link = list.appendChild(el("li")).appendChild(el("a", "", label));
      link.href = self.listUrl + self.search(number);
      link.setAttribute("data-page", String(number));
      if (rel) link.rel = rel; else link.setAttribute("aria-label", "Page " + number);
      if (number === self.page && !rel) link.setAttribute("aria-current", "page");
    }
    if (this.page > 1) add(this.page - 1, "← Previous", "prev");
    var previous = 0;
    for (var n = 1; n <= pages; n++) {
      if (n !== 1 && n !== pages && Math.abs(n - this.page) > 2) continue;
      if (n > previous + 1) list.appendChild(el("li", "pager-gap", "…")).setAttribute("aria-hidden", "true");
      add(n, String(n));
      previous = n;
    }
    if (this.page < pages) add(this.page + 1, "Next →", "next");
    this.pager.replaceChildren(list);
  };

  Table.prototype.listen = function () {
    var self = this;
    function changed() { self.page = 1; self.apply(); self.remember(false); }
    this.text.addEventListener("input", changed);
    Array.prototype.forEach.call(this.selects, function (s) { s.addEventListener("change", changed); });
    Array.prototype.forEach.call(this.headers, function (th) {
      var button = el("button", "sort-button", th.textContent);
      button.type = "button";
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        self.sort = self.sort === key ? "-" + key : key;
        changed();
      });
    });
    var reset = this.empty && this.empty.querySelector("[data-filter-reset]");
    if (reset) reset.addEventListener("click", function (event) {
      event.preventDefault();
      self.read("", 1);
      changed();
    });
    this.region.parentNode.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-pager] a[data-page]");
      if (!link || !self.all || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      self.page = Number(link.getAttribute("data-page"));
      self.apply();
      self.remember(true);
      self.region.focus();
    });
    window.addEventListener("popstate", function () {
      self.read(location.search, 1);
      self.apply();
    });
  };

  // Fetches every row; until then, and if that fails, the page's own rows.
  // The table is aria-busy until its rows are in and drawn.
  Table.prototype.load = function (tools) {
    var self = this;
    function start() {
      self.listen();
      tools.hidden = false;
      self.apply();
      self.table.setAttribute("data-rows-loaded", self.all ? "all" : "page");
      self.table.setAttribute("aria-busy", "false");
    }
    this.table.setAttribute("aria-busy", "true");
    var url = this.table.getAttribute("data-rows");
    if (!url || location.protocol === "file:") return start();
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      self.records = recordsFromData(data);
      self.sorted = {};
      self.all = true;
    }, function () {}).then(start);
  };

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var region = table.closest(".table-scroll");
    var tools = region && region.previousElementSibling;
    if (tools && tools.classList.contains("table-tools")) new Table(table, tools).load(tools);
  });
})();
