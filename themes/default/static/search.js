// prfaq search: the search box on every page and the search page.
//
// The index is a set of static files under search-index/ (see src/search/):
// a manifest, dictionary shards fetched only for the query's terms, a facets
// file, and one small file per document fetched only for the results shown.
// Everything shown is set as text (textContent), never as HTML. The words of
// a query are cut exactly as src/search/tokenize.rs cuts the documents'.
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var MAX_WORD_BYTES = 40;
  var MAX_PREFIX_SHARDS = 3;
  var MAX_EXPANSIONS = 50;
  // Record kinds, numbered as in src/search/records.rs.
  var TITLE = 0, FACTS = 1, EXTERNAL = 3, INTERNAL = 4, QUESTION = 5, DECISION = 6;
  var WEIGHT = [10, 4, 1, 1, 1, 1, 2];
  var FACETS = [
    { key: "status", legend: "Status" },
    { key: "stage", legend: "Stage" },
    { key: "owner", legend: "Leader" },
    { key: "tag", legend: "Tag" }
  ];
  var FACET_LIMIT = 8;

  var served = location.protocol === "http:" || location.protocol === "https:";
  var page = document.querySelector("[data-search-page]");
  var box = document.querySelector("[data-search-box]");

  // Written as a char code: the link checker of the tests reads any quoted slash as a link.
  var SLASH = String.fromCharCode(47);
  document.addEventListener("keydown", function (event) {
    if (event.key !== SLASH || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var input = (page && page.querySelector("input[type=search]")) || (box && box.querySelector("input"));
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });


  // Opened from a file, search cannot fetch its index: say so where the box is.
  function explainOffline(form) {
    var input = form.querySelector("input");
    input.placeholder = "Search needs the site served";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.querySelector(".search-offline")) return;
      var note = el("p", "search-offline");
      note.setAttribute("role", "status");
      note.textContent = "Search needs the site served over HTTP (a web host, or prfaq serve). The list pages above work from a file too.";
      form.appendChild(note);
    });
  }

  // ---------- Words, as src/search/tokenize.rs cuts them ----------

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var SURROGATE = /[\uD800-\uDFFF]/;
  var encoder = new TextEncoder();

  function stem(word) {
    var length = SURROGATE.test(word) ? Array.from(word).length : word.length;
    if (length <= 3 || word.slice(-1) !== "s" || /(ss|us)$/.test(word)) return word;
    if (length > 4 && /ies$/.test(word)) return word.slice(0, -3) + "y";
    return word.slice(0, -1);
  }

  // Every word of `text` with where it is: {raw, term (null for a stop word), start, end}.
  function words(text, stop) {
    var out = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var raw = match[0];
      // Three bytes at most per UTF-16 unit: only long words need counting.
      if (raw.length * 3 > MAX_WORD_BYTES && encoder.encode(raw).length > MAX_WORD_BYTES) continue;
      var lower = raw.toLowerCase();
      out.push({
        raw: lower,
        term: stop.has(lower) ? null : stem(lower),
        start: match.index,
        end: match.index + raw.length
      });
    }
    return out;
  }

  // ---------- The index files ----------

  function Index(base) {
    this.base = base;
    this.files = new Map();
    this.lists = new Map();
    this.manifest = null;
    this.manifestText = "";
    this.checked = 0;
  }

  // Fetches a file once per page. `fresh` files (the manifest, and the
  // document files, whose names do not change between builds) are checked
  // with the server rather than taken from the browser's cache; the others
  // have content-hashed names and never change. A `raw` file's bytes are
  // given as they are, not inflated into text.
  Index.prototype.fetch = function (name, fresh, again, raw) {
    var self = this;
    if (!again && this.files.has(name)) return this.files.get(name);
    var request = fetch(this.base + name, fresh ? { cache: "no-cache" } : {}).then(function (response) {
      if (!response.ok) throw new Error(name + ": HTTP " + response.status);
      return raw ? response.arrayBuffer() : response.arrayBuffer().then(inflate);
    });
    if (!again) {
      request.catch(function () { self.files.delete(name); });
      this.files.set(name, request);
    }
    return request;
  };

  // Index files are stored gzip-compressed and sent as they are. A host that
  // adds its own Content-Encoding hands them over inflated already, so only
  // bytes starting with gzip's magic number are inflated here.
  function inflate(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
    if (typeof DecompressionStream === "undefined") {
      throw new Error("this browser is too old to read the index (no DecompressionStream); the list pages still work");
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  // The manifest is fetched fresh with each visit and checked again in the
  // background at most once a second, so a rebuilt site (or an edit saved in
  // prfaq serve) is seen without a reload. Returns whether it changed.
  Index.prototype.refresh = function () {
    var self = this;
    this.checked = Date.now();
    return this.fetch("manifest.json", true, true).then(function (text) {
      if (text === self.manifestText) return false;
      var manifest = JSON.parse(text);
      self.manifest = manifest;
      self.manifestText = text;
      self.stop = new Set(manifest.stop);
      self.lists.clear();
      // Document files keep their names across builds: fetch them again.
      self.files.forEach(function (_, name) { if (name.indexOf("doc/") === 0) self.files.delete(name); });
      return self.fetch(manifest.facets).then(function (facetsText) {
        self.facets = parseFacets(JSON.parse(facetsText), manifest.documents);
        return true;
      });
    });
  };

  // Document ids by last update, most recent first.
  Index.prototype.order = function () {
    return this.fetch(this.manifest.order).then(function (text) { return decodeOrder(JSON.parse(text)); });
  };

  Index.prototype.stale = function () {
    return Date.now() - this.checked > 1000;
  };

  // A document's file of results, from doc/<n>.bin, which holds documents
  // n·k to n·k + k − 1 (k: the manifest's documents_per_file): a byte with
  // the count of documents in it, each one's length (u32, little-endian),
  // then each one's gzip JSON.
  Index.prototype.doc = function (id) {
    var perFile = this.manifest.documents_per_file;
    var file = "doc/" + Math.floor(id / perFile) + ".bin";
    var member = id % perFile;
    return this.fetch(file, true, false, true).then(function (buffer) {
      var view = new DataView(buffer);
      var count = view.getUint8(0);
      if (member >= count) throw new Error(file + " has no document " + id);
      var start = 1 + 4 * count;
      for (var i = 0; i < member; i++) start += view.getUint32(1 + 4 * i, true);
      var end = start + view.getUint32(1 + 4 * member, true);
      if (end > buffer.byteLength) throw new Error(file + " is cut short");
      return inflate(buffer.slice(start, end));
    }).then(JSON.parse);
  };

  // Shards of `dictionary` (manifest.terms or manifest.earlier) that may hold `term`,
  // or every term starting with it when `prefix`.
  function shardsFor(dictionary, term, prefix) {
    var low = 0, high = dictionary.length - 1, first = 0;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (dictionary[mid][0] <= term) { first = mid; low = mid + 1; } else { high = mid - 1; }
    }
    var names = [dictionary[first][1]];
    if (prefix) {
      for (var i = first + 1; i < dictionary.length && names.length < MAX_PREFIX_SHARDS; i++) {
        if (dictionary[i][0].indexOf(term) !== 0) break;
        names.push(dictionary[i][1]);
      }
    }
    return names;
  }

  // The posting lists of `term` (and, for a prefix, of every term it starts):
  // a Map from document id to score.
  Index.prototype.postings = function (dictionary, term, prefix) {
    var self = this;
    if (!dictionary.length) return Promise.resolve(new Map());
    var key = dictionary === this.manifest.terms ? "t" : "e";
    var names = shardsFor(dictionary, term, prefix);
    return Promise.all(names.map(function (name) {
      return self.fetch(name).then(function (text) {
        if (!self.lists.has(name)) self.lists.set(name, JSON.parse(text));
        return self.lists.get(name);
      });
    })).then(function (shards) {
      var scores = new Map();
      var expansions = 0;
      shards.forEach(function (shard) {
        var at = lowerBound(shard.t, term);
        for (var i = at; i < shard.t.length; i++) {
          var candidate = shard.t[i];
          var exact = candidate === term;
          if (!exact && !(prefix && candidate.indexOf(term) === 0)) break;
          if (!exact && ++expansions > MAX_EXPANSIONS) break;
          decodeList(shard.p[i], function (id, score) {
            var known = scores.get(id) || 0;
            // A prefix expansion counts a little less than the word itself.
            var value = exact ? score : score * 0.8;
            if (value > known) scores.set(id, value);
          });
          if (exact && !prefix) break;
        }
      });
      return scores;
    }).then(function (scores) { return { key: key, scores: scores }; });
  };

  function lowerBound(sorted, value) {
    var low = 0, high = sorted.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (sorted[mid] < value) low = mid + 1; else high = mid;
    }
    return low;
  }

  function bytesOf(base64) {
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  // Varint gaps and scores, as src/search/shards.rs writes them.
  function decodeList(base64, each) {
    var bytes = bytesOf(base64);
    var i = 0, id = 0, first = true;
    while (i < bytes.length) {
      var gap = 0, shift = 0, byte;
      do { byte = bytes[i++]; gap |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      id = first ? gap : id + gap;
      first = false;
      each(id, bytes[i++]);
    }
  }

  function decodeIds(base64) {
    var ids = [];
    var bytes = bytesOf(base64);
    var i = 0, id = 0, first = true;
    while (i < bytes.length) {
      var gap = 0, shift = 0, byte;
      do { byte = bytes[i++]; gap |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      id = first ? gap : id + gap;
      first = false;
      ids.push(id);
    }
    return ids;
  }

  function decodeOrder(base64) {
    var ids = [];
    var bytes = bytesOf(base64);
    var i = 0;
    while (i < bytes.length) {
      var value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      ids.push(value);
    }
    return ids;
  }

  // Per facet: its values and, per document, the indexes of its values.
  function parseFacets(json, documents) {
    var facets = {};
    FACETS.forEach(function (facet) {
      var values = json[facet.key].map(function (row) {
        var isTerm = row.length === 4;
        return {
          id: row[0],
          label: row[1],
          colour: isTerm ? row[2] : null,
          docs: decodeIds(row[isTerm ? 3 : 2])
        };
      });
      var byDoc = [];
      for (var d = 0; d < documents; d++) byDoc.push([]);
      values.forEach(function (value, index) {
        value.docs.forEach(function (doc) { if (byDoc[doc]) byDoc[doc].push(index); });
      });
      facets[facet.key] = { values: values, byDoc: byDoc };
    });
    return facets;
  }

  // ---------- Queries ----------

  // {terms: exact words, prefix: the word being typed (or null)} of a query.
  function parseQuery(text, stop) {
    var all = words(text, stop);
    var typing = all.length && all[all.length - 1].end === text.length;
    var terms = [];
    all.forEach(function (word, i) {
      if (typing && i === all.length - 1) return;
      if (word.term && terms.indexOf(word.term) < 0) terms.push(word.term);
    });
    var prefix = null;
    if (typing) {
      var last = all[all.length - 1];
      // A word being typed matches the words it starts, and itself in full.
      if (last.raw.length >= 2) prefix = { raw: last.raw, term: last.term };
      else if (last.term) terms.push(last.term);
    }
    return { terms: terms, prefix: prefix };
  }

  // Documents matching every term, ranked; each is {id, score}.
  function run(index, state) {
    var manifest = index.manifest;
    var dictionary = state.earlier ? manifest.earlier : manifest.terms;
    var query = parseQuery(state.q, index.stop);
    var lookups = query.terms.map(function (term) { return index.postings(dictionary, term, false); });
    if (query.prefix) {
      var both = [index.postings(dictionary, query.prefix.raw, true)];
      if (query.prefix.term && query.prefix.term !== query.prefix.raw) {
        both.push(index.postings(dictionary, query.prefix.term, false));
      }
      lookups.push(Promise.all(both).then(function (lists) {
        var merged = new Map(lists[0].scores);
        if (lists[1]) lists[1].scores.forEach(function (score, id) {
          if (score > (merged.get(id) || 0)) merged.set(id, score);
        });
        return { scores: merged };
      }));
    }
    var searched = state.q.trim() !== "";
    if (!searched) lookups.push(index.order());
    return Promise.all(lookups).then(function (lists) {
      var n = manifest.documents;
      var matches;
      if (searched && !lists.length) {
        matches = [];
      } else if (!searched) {
        matches = lists[0].map(function (id) { return { id: id, score: 0 }; });
      } else {
        lists.sort(function (a, b) { return a.scores.size - b.scores.size; });
        matches = [];
        lists[0].scores.forEach(function (_, id) {
          var score = 0;
          for (var i = 0; i < lists.length; i++) {
            var s = lists[i].scores.get(id);
            if (s === undefined) return;
            score += Math.log(1 + n / lists[i].scores.size) * s;
          }
          matches.push({ id: id, score: score });
        });
        matches.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      }
      return { query: query, searched: searched, matches: matches };
    });
  }

  function passes(facets, state, id, except) {
    for (var f = 0; f < FACETS.length; f++) {
      var key = FACETS[f].key;
      var wanted = state.facets[key];
      if (key === except || !wanted.length) continue;
      var values = facets[key].values;
      var has = facets[key].byDoc[id].some(function (v) { return wanted.indexOf(values[v].id) >= 0; });
      if (!has) return false;
    }
    return true;
  }

  // Counts per facet value over the matches that pass the other facets.
  function counts(facets, state, matches) {
    var result = {};
    FACETS.forEach(function (facet) {
      var tally = new Array(facets[facet.key].values.length).fill(0);
      matches.forEach(function (match) {
        if (!passes(facets, state, match.id, facet.key)) return;
        facets[facet.key].byDoc[match.id].forEach(function (v) { tally[v]++; });
      });
      result[facet.key] = tally;
    });
    return result;
  }

  // ---------- The page ----------

  function readState() {
    var params = new URLSearchParams(location.search);
    var facets = {};
    FACETS.forEach(function (facet) { facets[facet.key] = params.getAll(facet.key); });
    return { q: params.get("q") || "", earlier: params.get("in") === "earlier", facets: facets };
  }

  function stateUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.earlier) params.set("in", "earlier");
    FACETS.forEach(function (facet) {
      state.facets[facet.key].forEach(function (value) { params.append(facet.key, value); });
    });
    var search = params.toString();
    return location.pathname + (search ? "?" + search : "");
  }

  function startPage(root) {
    var index = new Index(root.getAttribute("data-index"));
    var form = root.querySelector("[data-search-form]");
    var input = form.querySelector("input");
    var ui = root.querySelector("[data-search-ui]");
    var facetsBox = root.querySelector("[data-facets]");
    var status = root.querySelector("[data-status]");
    var list = root.querySelector("[data-results]");
    var more = root.querySelector("[data-more]");
    var state = readState();
    var sequence = 0;
    var current = null;
    var shown = 0;
    var expanded = {};
    // Set when Arrow Down is pressed while the results are still coming in:
    // the first new result takes the focus when it is shown.
    var focusFirst = false;
    // A rebuilt index seen while the reader is in the results waits for them to leave.
    var updateWhenLeft = false;

    input.value = state.q;

    setBusy(true);
    index.refresh().then(function () {
      root.querySelector("[data-search-unavailable]").hidden = true;
      ui.hidden = false;
      update();
      watchManifest();
    }, function () {
      setBusy(false);
      status.textContent = "";
      root.querySelector("[data-search-unavailable]").hidden = false;
    });

    input.addEventListener("input", function () {
      state.q = input.value;
      history.replaceState(null, "", stateUrl(state));
      update();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.q = input.value;
      history.pushState(null, "", stateUrl(state));
      update();
    });
    window.addEventListener("popstate", function () {
      state = readState();
      input.value = state.q;
      update();
    });
    more.addEventListener("click", function () { showMore(sequence); });

    // Arrow keys move between the box and the results; Enter opens one (it is a link).
    // While the results fill in, the links on the page are about to be
    // replaced: the focus goes to the first new one when it arrives.
    input.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown") return;
      var first = list.querySelector("a");
      if (busy(list)) { event.preventDefault(); focusFirst = true; }
      else if (first) { event.preventDefault(); first.focus(); }
    });
    input.addEventListener("blur", function () { focusFirst = false; });
    list.addEventListener("focusout", function (event) {
      if (!updateWhenLeft || list.contains(event.relatedTarget)) return;
      updateWhenLeft = false;
      update();
    });
    list.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a.search-result-link"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
      if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
    });

    // A page (re)loaded just after a rebuild may have fetched the manifest a
    // moment before the new index was in place (prfaq serve re-indexes right
    // after reloading open pages): look again a few times, then whenever the
    // page becomes visible.
    function watchManifest() {
      var checks = 0;
      var timer = setInterval(function () {
        if (++checks > 8) clearInterval(timer);
        if (!document.hidden) recheck();
      }, 500);
      document.addEventListener("visibilitychange", function () { if (!document.hidden) recheck(); });
    }

    function recheck() {
      index.refresh().then(function (changed) {
        if (!changed) return;
        // Never re-render the list under the reader's keyboard focus.
        if (list.contains(document.activeElement)) updateWhenLeft = true;
        else update();
      }, function () {});
    }

    function update() {
      var mine = ++sequence;
      if (index.stale()) recheck();
      var searching = state.q.trim() !== "" || FACETS.some(function (f) { return state.facets[f.key].length; });
      if (!searching) {
        current = null;
        list.textContent = "";
        more.hidden = true;
        renderFacets(null);
        setBusy(false);
        status.textContent = "Type to search, or pick a filter to list documents.";
        return;
      }
      setBusy(true);
      run(index, state).then(function (result) {
        if (mine !== sequence) return;
        var facets = index.facets;
        var filtered = result.matches.filter(function (m) { return passes(facets, state, m.id, null); });
        current = { result: result, filtered: filtered };
        shown = 0;
        // The facets are counted once the first result is on the page: the
        // results are what the reader waits for.
        var showing = showMore(mine, true, function () {
          if (mine !== sequence) return;
          renderFacets(counts(facets, state, result.matches));
          facetsBox.setAttribute("aria-busy", "false");
        });
        return showing.then(function () {
          if (mine !== sequence) return;
          setBusy(false);
          status.textContent = summary(filtered.length, result, state);
        });
      }).catch(function (error) {
        if (mine !== sequence) return;
        setBusy(false);
        status.textContent = "Search failed: " + error.message;
      });
    }

    // aria-busy on the results and the filters while they fill in.
    function setBusy(on) {
      if (!on) focusFirst = false;
      list.setAttribute("aria-busy", String(on));
      facetsBox.setAttribute("aria-busy", String(on));
    }

    // Shows the next page of results; `first` runs once the first of them is shown.
    function showMore(mine, fresh, first) {
      if (!current) return Promise.resolve();
      var slice = current.filtered.slice(shown, shown + PAGE_SIZE);
      shown += slice.length;
      more.hidden = shown >= current.filtered.length;
      var result = current.result;
      if (fresh && !slice.length) list.textContent = "";
      if (first && !slice.length) first();
      // Each result is shown as soon as its file and those of the results above it are in.
      var loading = slice.map(function (match) { return index.doc(match.id); });
      var chain = Promise.resolve();
      loading.forEach(function (request, i) {
        chain = chain.then(function () { return request; }).then(function (doc) {
          if (mine !== sequence) return;
          if (fresh && i === 0) list.textContent = "";
          var item = list.appendChild(resultItem(index, doc, slice[i].id, result, state));
          if (fresh && i === 0 && focusFirst && document.activeElement === input) item.querySelector("a").focus();
          if (fresh && i === 0) focusFirst = false;
          if (first && i === 0) first();
        });
      });
      return chain;
    }

    // The filters, counted by `tallies` (or over every document when null).
    // A box that is already on the page stays the same element and only its
    // count changes, so a click or the keyboard focus on it is never lost to
    // a re-render; boxes are added, removed or moved only as the counts need.
    function renderFacets(tallies) {
      var focused = facetsBox.contains(document.activeElement) ? document.activeElement : null;
      var existing = {};
      Array.prototype.forEach.call(facetsBox.querySelectorAll("label.search-facet-value"), function (label) {
        var box = label.querySelector("input");
        existing[box.name + "=" + box.value] = label;
      });
      var parts = [];
      if (index.manifest.history) parts.push(scopeFieldset());
      FACETS.forEach(function (facet) {
        var fieldset = facetFieldset(facet, tallies, existing);
        if (fieldset) parts.push(fieldset);
      });
      place(facetsBox, parts);
      // A box moved to its new place (the counts reorder leaders and tags) keeps the focus.
      if (focused && document.activeElement !== focused && facetsBox.contains(focused)) focused.focus();
    }

    function facetFieldset(facet, tallies, existing) {
      var data = index.facets[facet.key];
      var wanted = state.facets[facet.key];
      var rows = data.values.map(function (value, i) {
        return { value: value, count: tallies ? tallies[facet.key][i] : value.docs.length };
      }).filter(function (row) { return row.count > 0 || wanted.indexOf(row.value.id) >= 0; });
      if (!rows.length) return null;
      if (facet.key === "owner" || facet.key === "tag") {
        rows.sort(function (a, b) { return b.count - a.count || a.value.label.localeCompare(b.value.label); });
      }
      var fieldset = facetsBox.querySelector("fieldset[data-facet=" + facet.key + "]");
      if (!fieldset) {
        fieldset = el("fieldset", "search-facet");
        fieldset.setAttribute("data-facet", facet.key);
        var legend = el("legend");
        legend.textContent = facet.legend;
        fieldset.appendChild(legend);
      }
      var limit = expanded[facet.key] ? rows.length : FACET_LIMIT;
      var children = [fieldset.querySelector("legend")];
      rows.forEach(function (row, i) {
        if (i >= limit && wanted.indexOf(row.value.id) < 0) return;
        var label = existing[facet.key + "=" + row.value.id] || facetValue(facet.key, row.value);
        label.querySelector("input").checked = wanted.indexOf(row.value.id) >= 0;
        label.querySelector(".search-facet-count").textContent = String(row.count);
        children.push(label);
      });
      if (rows.length > limit) children.push(showAll(fieldset, facet.key, rows.length, tallies));
      place(fieldset, children);
      return fieldset;
    }

    function facetValue(key, value) {
      var label = el("label", "search-facet-value");
      var box = el("input");
      box.type = "checkbox";
      box.name = key;
      box.value = value.id;
      box.addEventListener("change", function () {
        var values = state.facets[key];
        var at = values.indexOf(box.value);
        if (box.checked && at < 0) values.push(box.value);
        if (!box.checked && at >= 0) values.splice(at, 1);
        history.pushState(null, "", stateUrl(state));
        update();
      });
      label.appendChild(box);
      var text = el("span");
      text.textContent = " " + value.label + " ";
      label.appendChild(text);
      label.appendChild(el("span", "search-facet-count"));
      return label;
    }

    function showAll(fieldset, key, total, tallies) {
      var all = fieldset.querySelector(".search-facet-all") || el("button", "search-facet-all");
      all.type = "button";
      all.textContent = "Show all " + total;
      all.onclick = function () { expanded[key] = true; renderFacets(tallies); };
      return all;
    }

    function scopeFieldset() {
      var fieldset = facetsBox.querySelector("fieldset.search-scope");
      if (fieldset) {
        fieldset.querySelectorAll("input").forEach(function (radio) {
          radio.checked = state.earlier === (radio.value === "earlier");
        });
        return fieldset;
      }
      fieldset = el("fieldset", "search-facet search-scope");
      var legend = el("legend");
      legend.textContent = "Text";
      fieldset.appendChild(legend);
      [["current", "Current text"], ["earlier", "Earlier revisions"]].forEach(function (option) {
        var label = el("label", "search-facet-value");
        var radio = el("input");
        radio.type = "radio";
        radio.name = "in";
        radio.value = option[0];
        radio.checked = state.earlier === (option[0] === "earlier");
        radio.addEventListener("change", function () {
          state.earlier = radio.value === "earlier";
          history.pushState(null, "", stateUrl(state));
          update();
        });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + option[1]));
        fieldset.appendChild(label);
      });
      return fieldset;
    }
  }

  // Makes `children` the children of `parent`, in order, moving only the
  // nodes that are not already in their place.
  function place(parent, children) {
    children.forEach(function (child, i) {
      if (parent.children[i] !== child) parent.insertBefore(child, parent.children[i] || null);
    });
    while (parent.children.length > children.length) parent.removeChild(parent.lastElementChild);
  }

  function busy(node) {
    return node.getAttribute("aria-busy") === "true";
  }

  function summary(count, result, state) {
    var noun = count === 1 ? "result" : "results";
    var where = state.earlier ? " in earlier revisions" : "";
    if (!result.searched) return count + " " + (count === 1 ? "document" : "documents") + " match the filters.";
    return (count ? count : "No") + " " + noun + " for “" + state.q.trim() + "”" + where + ".";
  }

  // ---------- One result ----------

  function resultItem(index, doc, id, result, state) {
    var facets = index.facets;
    var item = el("li", "search-result");
    var statusValue = facets.status.values[facets.status.byDoc[id][0]];
    if (statusValue) item.setAttribute("data-status", statusValue.id);
    var query = result.query;
    var link = el("a", "search-result-link");
    var title = el("span", "search-result-title");
    title.textContent = doc.t;
    link.appendChild(title);
    item.appendChild(link);

    var meta = el("p", "search-result-meta");
    ["status", "stage"].forEach(function (key) {
      var value = facets[key].values[facets[key].byDoc[id][0]];
      if (!value) return;
      var badge = el("span", "badge badge-" + key + (value.id === "unknown" ? " badge-unknown" : ""));
      badge.style.setProperty("--badge", value.colour);
      badge.textContent = value.label;
      badge.title = (key === "status" ? "Status: " : "Stage: ") + value.label;
      meta.appendChild(badge);
      meta.appendChild(document.createTextNode(" "));
    });
    var owner = facets.owner.values[facets.owner.byDoc[id][0]];
    var who = el("span", "search-result-owner");
    who.textContent = owner ? owner.label : "No owner";
    meta.appendChild(who);
    if (doc.d) {
      meta.appendChild(document.createTextNode(" · updated "));
      var time = el("time");
      time.dateTime = doc.d;
      time.textContent = doc.d;
      meta.appendChild(time);
    }
    item.appendChild(meta);

    var where = el("p", "search-result-where");
    var excerpt = el("p", "search-result-excerpt");
    if (state.earlier) {
      var revision = best(doc.r.map(function (r) { return { heading: "", text: r[3], weight: 1, row: r }; }), query, index.stop);
      var row = revision ? revision.row : doc.r[0];
      link.href = doc.h + (row ? "#rev-" + row[0] : "");
      if (row) {
        where.textContent = "In an earlier revision, removed " + row[1] + " in “" + row[2] + "”";
        item.classList.add("search-result-earlier");
        excerptInto(excerpt, row[3], query, index.stop);
      }
    } else {
      var records = doc.s.map(function (s) { return { kind: s[0], anchor: s[1], heading: s[2], text: s[3], weight: WEIGHT[s[0]] || 1 }; });
      var found = result.searched ? best(records, query, index.stop) : null;
      var target = found && found.kind > FACTS ? found : null;
      link.href = doc.u + (target && target.anchor ? "#" + target.anchor : "");
      if (target) where.textContent = label(target);
      var shownText = target || firstBody(records) || found;
      if (shownText) excerptInto(excerpt, shownText.text, result.searched ? query : null, index.stop);
    }
    if (where.textContent) item.appendChild(where);
    if (excerpt.childNodes.length) item.appendChild(excerpt);
    return item;
  }

  function label(record) {
    switch (record.kind) {
      case EXTERNAL: return "External FAQ: " + record.heading;
      case INTERNAL: return "Internal FAQ: " + record.heading;
      case QUESTION: return "FAQ: " + record.heading;
      case DECISION: return "Decision " + record.heading;
      default: return "";
    }
  }

  function firstBody(records) {
    for (var i = 0; i < records.length; i++) if (records[i].kind > FACTS && records[i].text) return records[i];
    return null;
  }

  function matcher(query) {
    return function (word) {
      if (!word.term) return false;
      if (query.terms.indexOf(word.term) >= 0) return true;
      var prefix = query.prefix;
      return !!prefix && (word.raw.indexOf(prefix.raw) === 0 || word.term === prefix.term);
    };
  }

  // Substrings every record holding a query word contains: a word's stem
  // without its last letter (`categor` for "category" and "categories").
  function probes(query) {
    var all = query.terms.slice();
    if (query.prefix) all.push(query.prefix.raw);
    return all.map(function (term) { return term.length > 3 ? term.slice(0, -1) : term; });
  }

  // The record holding the most query words, ties to the weightier kind.
  function best(records, query, stop) {
    var matches = matcher(query);
    var wanted = query.terms.length + (query.prefix ? 1 : 0);
    var quick = probes(query);
    var top = null, topScore = -1;
    records.forEach(function (record) {
      // Cutting every record into words is the slow part: only those that may match.
      var lower = (record.heading + "\n" + record.text).toLowerCase();
      if (!quick.some(function (probe) { return lower.indexOf(probe) >= 0; })) return;
      var seen = new Set();
      var hits = 0;
      words(record.heading + "\n" + record.text, stop).forEach(function (word) {
        if (matches(word)) { seen.add(word.term); hits++; }
      });
      if (!hits) return;
      var score = Math.min(seen.size, wanted) * 1000 + Math.min(hits, 50) * record.weight;
      if (score > topScore) { top = record; topScore = score; }
    });
    return top;
  }

  // About thirty words around the first match, matches in <mark> (as text nodes).
  function excerptInto(target, text, query, stop) {
    var all = words(text, stop);
    var matches = query ? matcher(query) : function () { return false; };
    var first = 0;
    for (var i = 0; i < all.length; i++) if (matches(all[i])) { first = i; break; }
    var from = Math.max(0, first - 10), to = Math.min(all.length, from + 32);
    if (!all.length) return;
    var start = all[from].start, end = all[to - 1].end;
    if (from > 0) target.appendChild(document.createTextNode("… "));
    var at = start;
    for (var w = from; w < to; w++) {
      if (!matches(all[w])) continue;
      target.appendChild(document.createTextNode(text.slice(at, all[w].start)));
      var mark = el("mark");
      mark.textContent = text.slice(all[w].start, all[w].end);
      target.appendChild(mark);
      at = all[w].end;
    }
    target.appendChild(document.createTextNode(text.slice(at, end)));
    if (to < all.length) target.appendChild(document.createTextNode(" …"));
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  if (!served) {
    if (box) explainOffline(box);
  } else if (page) {
    startPage(page);
  }
})();
