// adr site: ranked search. The index is made at render time by the same code as
// `adr search` (src/search); this script only tokenises the query by the same rules (the
// character classes come from Rust, in search/tokenizer.js) and applies the same BM25F
// formula to the counts in the index's shards, loaded on first use by <script> elements
// (browsers refuse fetch() from file://). Record text is only ever put in text nodes.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var assets = new URL(".", script.src).href;
  var root = new URL("..", script.src).href;
  var store = self.ADR_SEARCH = self.ADR_SEARCH || {};
  var pending = {};
  var tables = null;
  var manifest = null;

  // One shard, by name ("manifest", "3/b17"): a script assigning ADR_SEARCH[name].
  function load(name) {
    if (store[name] !== undefined) {
      return Promise.resolve(store[name]);
    }
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = assets + "search/" + name + ".js";
        element.onload = function () {
          element.remove();
          if (store[name] === undefined) {
            reject(new Error("the search index file " + name + ".js is not valid"));
          } else {
            resolve(store[name]);
          }
        };
        element.onerror = function () {
          element.remove();
          delete pending[name];
          reject(new Error("could not load the search index file " + name + ".js"));
        };
        document.head.appendChild(element);
      });
    }
    return pending[name];
  }

  function setUp() {
    return Promise.all([load("tokenizer"), load("manifest")]).then(function (loaded) {
      tables = loaded[0];
      manifest = loaded[1];
      if (manifest.version !== 2) {
        throw new Error("this page does not read search index version " + manifest.version);
      }
    });
  }

  // --- The tokeniser: src/search/tokenize.rs, rule for rule. ---

  function inRanges(ranges, code) {
    var low = 0;
    var high = ranges.length / 2 - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (code < ranges[2 * middle]) {
        high = middle - 1;
      } else if (code > ranges[2 * middle + 1]) {
        low = middle + 1;
      } else {
        return true;
      }
    }
    return false;
  }
  function isWord(code) { return inRanges(tables.word, code); }
  function isCjk(code) { return inRanges(tables.cjk, code); }
  function isSpace(code) { return inRanges(tables.space, code); }
  function isJoiner(code) { return code === 45 || code === 95 || code === 46; }

  function normalize(word) {
    if (/^[0-9]+$/.test(word)) {
      var trimmed = word.replace(/^0+/, "");
      return trimmed === "" ? "0" : trimmed;
    }
    return word.toLowerCase();
  }

  // Each character as [offset in UTF-16 units, code point].
  function charsOf(text) {
    var chars = [];
    for (var at = 0; at < text.length;) {
      var code = text.codePointAt(at);
      chars.push([at, code]);
      at += code > 0xffff ? 2 : 1;
    }
    return chars;
  }

  // Tokens as {term, start, end}; start and end are UTF-16 offsets into text.
  function tokenize(text) {
    var chars = charsOf(text);
    var count = chars.length;
    var tokens = [];
    function endOf(index) { return index < count ? chars[index][0] : text.length; }
    function push(start, end) {
      tokens.push({ term: normalize(text.slice(start, end)), start: start, end: end });
    }
    var index = 0;
    while (index < count) {
      var start = chars[index][0];
      var code = chars[index][1];
      if (isCjk(code)) {
        var first = index;
        while (index < count && isCjk(chars[index][1])) {
          index++;
        }
        if (index - first === 1) {
          push(endOf(first), endOf(index));
        } else {
          for (var at = first; at < index - 1; at++) {
            push(endOf(at), endOf(at + 2));
          }
        }
        continue;
      }
      if (!isWord(code)) {
        index++;
        continue;
      }
      var parts = [];
      for (;;) {
        var partStart = index;
        while (index < count && isWord(chars[index][1])) {
          index++;
        }
        parts.push([endOf(partStart), endOf(index)]);
        var joined = index < count && isJoiner(chars[index][1]) &&
          index + 1 < count && isWord(chars[index + 1][1]);
        if (!joined) {
          break;
        }
        index++;
      }
      var end = endOf(index);
      while (index < count && (chars[index][1] === 43 || chars[index][1] === 35)) {
        index++;
        end = endOf(index);
      }
      push(start, end);
      if (parts.length > 1 || parts[0][0] !== start || parts[0][1] !== end) {
        parts.forEach(function (part) {
          if (part[0] !== start || part[1] !== end) {
            push(part[0], part[1]);
          }
        });
      }
    }
    return tokens;
  }

  function queryTerms(query) {
    var terms = [];
    tokenize(query).forEach(function (token) {
      if (terms.indexOf(token.term) === -1) {
        terms.push(token.term);
      }
    });
    return terms;
  }

  // src/search/rank.rs: matches_by_prefix.
  function matchesByPrefix(term) {
    var chars = Array.from(term);
    var isNumber = /^[0-9]*$/.test(term);
    return (chars.length >= manifest.prefixMinChars && !isNumber) ||
      (chars.length === 1 && isCjk(chars[0].codePointAt(0)));
  }

  // src/site/search.rs: bucket_of.
  function bucketOf(term) {
    var chars = Array.from(term);
    var key = chars.length && isCjk(chars[0].codePointAt(0)) ? chars.slice(0, 1) : chars.slice(0, 2);
    var hash = 2166136261;
    key.forEach(function (c) {
      hash = Math.imul(hash ^ c.codePointAt(0), 16777619) >>> 0;
    });
    return hash % manifest.buckets;
  }

  // --- Ranking: src/search/rank.rs, Index::search. ---

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // The index terms `term` matches in one bucket, with their weights.
  function expand(bucket, term) {
    var matches = [];
    if (has(bucket, term)) {
      matches.push([term, 1]);
    }
    if (matchesByPrefix(term)) {
      Object.keys(bucket).forEach(function (key) {
        if (key !== term && key.lastIndexOf(term, 0) === 0) {
          matches.push([key, manifest.prefixWeight]);
        }
      });
    }
    return matches;
  }

  function idfOf(documents, frequency) {
    return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
  }

  // Ranks every record for `query`: {terms, hits: [{doc, row, range, local, score}]},
  // best first (ties: first record first).
  function search(query) {
    return setUp().then(function () {
      var terms = queryTerms(query);
      var ranges = manifest.ranges;
      var documents = 0;
      var totals = [0, 0, 0];
      var starts = [];
      ranges.forEach(function (range) {
        starts.push(documents);
        documents += range[0];
        for (var field = 0; field < 3; field++) {
          totals[field] += range[field + 1];
        }
      });
      var averages = totals.map(function (total) {
        return Math.max(total / Math.max(documents, 1), 1);
      });
      var names = [];
      ranges.forEach(function (range, at) {
        if (!range[0] || !terms.length) {
          return;
        }
        names.push(at + "/lengths");
        terms.forEach(function (term) {
          var name = at + "/b" + bucketOf(term);
          if (names.indexOf(name) === -1) {
            names.push(name);
          }
        });
      });
      return Promise.all(names.map(load)).then(function () {
        return rank(terms, ranges, starts, documents, averages);
      });
    });
  }

  function rank(terms, ranges, starts, documents, averages) {
    var weights = manifest.fieldWeights;
    var k1 = manifest.k1;
    var b = manifest.b;
    var scores = new Map();
    var expansions = {};
    terms.forEach(function (term) {
      var perRange = ranges.map(function (range, at) {
        return range[0] ? expand(store[at + "/b" + bucketOf(term)], term) : [];
      });
      expansions[term] = perRange;
      var frequency = 0;
      perRange.forEach(function (matches, at) {
        var seen = new Set();
        var bucket = store[at + "/b" + bucketOf(term)];
        matches.forEach(function (match) {
          var postings = bucket[match[0]];
          for (var i = 0; i < postings.length; i += 4) {
            seen.add(postings[i]);
          }
        });
        frequency += seen.size;
      });
      var idf = idfOf(documents, frequency);
      var best = new Map();
      perRange.forEach(function (matches, at) {
        var bucket = store[at + "/b" + bucketOf(term)];
        var lengths = store[at + "/lengths"];
        matches.forEach(function (match) {
          var postings = bucket[match[0]];
          for (var i = 0; i < postings.length; i += 4) {
            var local = postings[i];
            var weighted = 0;
            for (var field = 0; field < 3; field++) {
              var normalised = 1 - b + b * lengths[3 * local + field] / averages[field];
              weighted += weights[field] * postings[i + 1 + field] / normalised;
            }
            var score = match[1] * idf * (weighted * (k1 + 1) / (k1 + weighted));
            var doc = starts[at] + local;
            best.set(doc, Math.max(best.has(doc) ? best.get(doc) : 0, score));
          }
        });
      });
      best.forEach(function (score, doc) {
        scores.set(doc, (scores.has(doc) ? scores.get(doc) : 0) + score);
      });
    });
    var hits = [];
    scores.forEach(function (score, doc) {
      var range = 0;
      while (range + 1 < starts.length && starts[range + 1] <= doc) {
        range++;
      }
      hits.push({ doc: doc, row: rowOf(doc), range: range, local: doc - starts[range], score: score });
    });
    hits.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
    return { terms: terms, expansions: expansions, documents: documents, hits: hits };
  }

  // The index row of a document: files that could not be read have a row, no document.
  function rowOf(doc) {
    var row = doc;
    (manifest.failures || []).forEach(function (failure) {
      if (failure <= row) {
        row++;
      }
    });
    return row;
  }

  // --- Excerpts: src/search/mod.rs, excerpt. ---

  function excerpt(result, text) {
    var byTerm = new Map();
    result.terms.forEach(function (term) {
      result.expansions[term].forEach(function (matches) {
        matches.forEach(function (match) {
          var key = match[0];
          var bucket = "/b" + bucketOf(key);
          var frequency = 0;
          manifest.ranges.forEach(function (range, at) {
            var postings = range[0] ? store[at + bucket][key] : null;
            frequency += postings ? postings.length / 4 : 0;
          });
          var weight = match[1] * idfOf(result.documents, frequency);
          byTerm.set(key, Math.max(byTerm.has(key) ? byTerm.get(key) : 0, weight));
        });
      });
    });
    var best = null;
    tokenize(text).forEach(function (token) {
      var weight = byTerm.has(token.term) ? byTerm.get(token.term) : 0;
      if (weight > 0 && (best === null || weight > best[0])) {
        best = [weight, token.start];
      }
    });
    var line = oneLineAround(text, best ? best[1] : 0);
    var ranges = tokenize(line).filter(function (token) {
      return result.terms.some(function (term) {
        return token.term === term ||
          (matchesByPrefix(term) && token.term.lastIndexOf(term, 0) === 0);
      });
    }).map(function (token) { return [token.start, token.end]; });
    ranges.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.push(range.slice());
      }
    });
    return { text: line, matches: merged };
  }

  function oneLineAround(source, at) {
    var chars = charsOf(source);
    var position = 0;
    while (position < chars.length && chars[position][0] < at) {
      position++;
    }
    var first = Math.max(position - 40, 0);
    if (first > 0) {
      for (var index = first; index < position; index++) {
        if (isSpace(chars[index][1])) {
          first = index + 1;
          break;
        }
      }
    }
    var last = Math.min(first + 140, chars.length);
    var text = first > 0 ? "\u2026" : "";
    var inSpace = false;
    for (var i = first; i < last; i++) {
      var code = chars[i][1];
      if (isSpace(code)) {
        if (!inSpace && text !== "" && text.slice(-1) !== "\u2026") {
          text += " ";
        }
        inSpace = true;
      } else {
        text += String.fromCodePoint(code);
        inSpace = false;
      }
    }
    var end = text.length;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) {
      end--;
    }
    text = text.slice(0, end);
    if (last < chars.length) {
      text += "\u2026";
    }
    return text;
  }

  // The shown facts and excerpt of a hit.
  function describe(result, hit) {
    var perFile = manifest.docsPerFile;
    var file = Math.floor(hit.local / perFile);
    return load(hit.range + "/d" + file).then(function (docs) {
      var doc = docs[hit.local % perFile];
      return {
        url: new URL(doc.u, root).href,
        number: doc.n,
        title: doc.t,
        status: doc.s,
        statusClass: doc.c,
        excerpt: excerpt(result, doc.x)
      };
    });
  }

  self.ADRSearch = {
    search: search,
    describe: describe,
    tokenize: function (text) {
      return setUp().then(function () { return tokenize(text); });
    }
  };

  // --- The search box in every page's header. ---

  var box = document.getElementById("site-search");
  var input = document.getElementById("site-search-q");
  var panel = document.getElementById("site-search-results");
  if (!box || !input || !panel) {
    return;
  }
  var status = panel.querySelector(".site-search-status");
  var list = panel.querySelector(".site-search-list");
  var shown = 8;
  var latest = 0;
  var timer = 0;
  box.hidden = false;

  box.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) {
      first.click();
    }
  });
  input.addEventListener("focus", function () { setUp().catch(function () {}); });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 60);
  });
  box.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && links.length) {
      event.preventDefault();
      if (at <= 0) {
        input.focus();
      } else {
        links[at - 1].focus();
      }
    }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) {
      close();
    }
  });

  function close() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function run() {
    var query = input.value;
    var ticket = ++latest;
    if (!query.trim()) {
      list.textContent = "";
      status.textContent = "";
      close();
      return;
    }
    search(query).then(function (result) {
      return Promise.all(result.hits.slice(0, shown).map(function (hit) {
        return describe(result, hit);
      })).then(function (described) {
        if (ticket === latest) {
          show(query, result.hits.length, described);
        }
      });
    }).catch(function (error) {
      if (ticket === latest) {
        list.textContent = "";
        status.textContent = "Search is unavailable: " + error.message;
        panel.hidden = false;
      }
    });
  }

  function show(query, total, described) {
    list.textContent = "";
    status.textContent = total === 0
      ? "No decision matches \u201c" + query + "\u201d."
      : total + (total === 1 ? " decision matches" : " decisions match") +
        (total > described.length ? ", the best " + described.length + " shown." : ".");
    described.forEach(function (found) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = found.url;
      link.className = "site-search-hit";
      var head = document.createElement("span");
      head.className = "site-search-head";
      var number = document.createElement("span");
      number.className = "site-search-number";
      number.textContent = found.number;
      var title = document.createElement("span");
      title.className = "site-search-title";
      title.textContent = found.title;
      var badge = document.createElement("span");
      badge.className = "badge status-" + found.statusClass;
      badge.textContent = found.status;
      head.append(number, " ", title, " ", badge);
      var text = document.createElement("span");
      text.className = "site-search-excerpt";
      var at = 0;
      found.excerpt.matches.forEach(function (range) {
        text.append(found.excerpt.text.slice(at, range[0]));
        var mark = document.createElement("mark");
        mark.textContent = found.excerpt.text.slice(range[0], range[1]);
        text.append(mark);
        at = range[1];
      });
      text.append(found.excerpt.text.slice(at));
      link.append(head, text);
      item.append(link);
      list.append(item);
    });
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
})();
