// adr site: filters, search, sorting and pages for the records table. Without this script
// the table shows its rows as rendered: every row of a log of one page, the first page of a
// longer one. A longer log's rows all live in row shards (assets/rows/r<k>.js, each a script
// assigning ADR_ROWS[k], loaded by <script> elements because browsers refuse fetch() from
// file://), loaded the first time the reader filters, sorts or turns a page. No framework,
// no network.
(function () {
  "use strict";

  var script = document.currentScript;
  var table = document.getElementById("records");
  var form = document.getElementById("filters");
  if (!table || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.map.call(body.rows, itemOf);
  var paged = !!(form && form.hasAttribute("data-shards"));
  var shardCount = paged ? Number(form.getAttribute("data-shards")) : 0;
  var total = paged ? Number(form.getAttribute("data-rows")) : rows.length;
  var pageRows = paged ? Number(form.getAttribute("data-page-rows")) : Infinity;
  // Whether `rows` holds every row of the log (always, for a log of one page).
  var complete = !paged;
  var loading = null;
  var page = 0;
  var sorted = null;
  var pager = document.getElementById("pager");
  // The rows the filters let through, in order, and how many (the log's count until every
  // row is loaded).
  var lastMatched = [];
  var lastShown = 0;

  setUpSorting();
  if (!form) {
    return;
  }

  // The rows the ranked search (search.js) finds for the query, by row; null until known.
  var found = null;
  var asked = 0;
  var query = document.getElementById("filter-q");
  var status = document.getElementById("filter-status");
  // A log without tags has no Tag filter: a detached select stands in, always "all".
  var tag = document.getElementById("filter-tag") || document.createElement("select");
  var count = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var clear = document.getElementById("clear-filters");
  var note = document.getElementById("paged-note");

  form.hidden = false;
  if (note) {
    note.hidden = true;
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  var params = new URLSearchParams(window.location.search);
  query.value = params.get("q") || "";
  selectValue(status, params.get("status"));
  selectValue(tag, params.get("tag"));

  var timer = 0;
  query.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { apply(true); }, total > 2000 ? 150 : 40);
  });
  status.addEventListener("change", function () { apply(true); });
  tag.addEventListener("change", function () { apply(true); });
  if (clear) {
    clear.addEventListener("click", function () {
      query.value = "";
      status.value = "";
      tag.value = "";
      apply(true);
      query.focus();
    });
  }
  setUpStatusChips();
  setUpPager();
  apply(false);

  function itemOf(row) {
    var tags = [];
    try {
      tags = JSON.parse(row.getAttribute("data-tags") || "[]");
    } catch (error) {
      tags = [];
    }
    return {
      row: row,
      doc: Number(row.getAttribute("data-doc")),
      status: row.getAttribute("data-status") || "",
      tags: tags
    };
  }

  // Every row, from the shards; resolves once `rows` holds them all, in log order.
  function loadAll() {
    if (complete) {
      return Promise.resolve();
    }
    if (!loading) {
      var base = script && script.src ? new URL("rows/", script.src).href : "assets/rows/";
      var store = self.ADR_ROWS = self.ADR_ROWS || {};
      var shards = [];
      for (var k = 0; k < shardCount; k++) {
        shards.push(loadShard(base, store, k));
      }
      loading = Promise.all(shards).then(function (parts) {
        var all = [];
        parts.forEach(function (html) {
          var holder = document.createElement("tbody");
          // The rows were escaped when rendered, as on any page; parsing them runs nothing.
          holder.innerHTML = html;
          Array.prototype.forEach.call(holder.rows, function (row) { all.push(itemOf(row)); });
        });
        rows = all;
        complete = true;
        if (sorted) {
          sortRows();
        }
      }, function (error) {
        loading = null;
        throw error;
      });
    }
    return loading;
  }

  function loadShard(base, store, k) {
    if (store[k] !== undefined) {
      return Promise.resolve(store[k]);
    }
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = base + "r" + k + ".js";
      element.onload = function () {
        element.remove();
        if (typeof store[k] === "string") {
          resolve(store[k]);
        } else {
          reject(new Error("the row file r" + k + ".js is not valid"));
        }
      };
      element.onerror = function () {
        element.remove();
        reject(new Error("could not load the row file r" + k + ".js"));
      };
      document.head.appendChild(element);
    });
  }

  function selectValue(select, value) {
    if (!value) {
      return;
    }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.value = value;
        return;
      }
    }
  }

  // Filters by the query once the search has answered; until then by the other filters.
  // A paged log's rows are all loaded first, unless nothing filters them.
  function apply(remember) {
    var ticket = ++asked;
    page = 0;
    var text = query.value.trim();
    if (!complete && (text || status.value || tag.value)) {
      loadAll().then(function () {
        if (ticket === asked) {
          apply(remember);
        }
      }, function (error) {
        count.textContent = error.message;
      });
      return;
    }
    if (text && window.ADRSearch) {
      window.ADRSearch.search(text).then(function (result) {
        if (ticket === asked) {
          found = new Set(result.hits.map(function (hit) { return hit.row; }));
          filter(remember, text);
        }
      }, function () {
        if (ticket === asked) {
          found = null;
          filter(remember, text);
        }
      });
      return;
    }
    found = null;
    filter(remember, text);
  }

  function filter(remember, wanted) {
    var wantedStatus = status.value;
    var wantedTag = tag.value;
    var matched = [];
    rows.forEach(function (item) {
      var match = (!wantedStatus || item.status === wantedStatus) &&
        (!wantedTag || item.tags.indexOf(wantedTag) !== -1);
      if (match && wanted) {
        match = found
          ? found.has(item.doc)
          : item.row.textContent.toLowerCase().indexOf(wanted.toLowerCase()) !== -1;
      }
      if (!paged) {
        item.row.hidden = !match;
      }
      if (match) {
        matched.push(item);
      }
    });
    var shown = complete ? matched.length : total;
    var filtered = wanted || wantedStatus || wantedTag;
    count.textContent = filtered
      ? "Showing " + shown + " of " + total + " decisions"
      : total + (total === 1 ? " decision" : " decisions");
    if (empty) {
      empty.hidden = shown !== 0;
    }
    showPage(matched, shown);
    document.querySelectorAll(".status-chip").forEach(function (chip) {
      chip.setAttribute("aria-pressed", String(chip.getAttribute("data-status") === wantedStatus));
    });
    if (remember) {
      var next = new URLSearchParams();
      if (query.value) { next.set("q", query.value); }
      if (wantedStatus) { next.set("status", wantedStatus); }
      if (wantedTag) { next.set("tag", wantedTag); }
      var search = next.toString();
      try {
        window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      } catch (error) {
        // Some browsers refuse to change the address of a file:// page; filtering still works.
      }
    }
  }

  // Puts page `page` of the matching rows in the table, and says where the reader is.
  function showPage(matched, shown) {
    lastMatched = matched;
    lastShown = shown;
    if (!paged) {
      return;
    }
    var pages = Math.max(1, Math.ceil(shown / pageRows));
    page = Math.min(page, pages - 1);
    if (complete) {
      var fragment = document.createDocumentFragment();
      matched.slice(page * pageRows, (page + 1) * pageRows).forEach(function (item) {
        item.row.hidden = false;
        fragment.appendChild(item.row);
      });
      body.textContent = "";
      body.appendChild(fragment);
    }
    pager.hidden = pages < 2;
    pager.querySelector(".table-pager-status").textContent = "Page " + (page + 1) + " of " + pages;
    pager.querySelectorAll("button").forEach(function (button) {
      var to = target(button.getAttribute("data-to"), pages);
      button.disabled = to === page;
    });
  }

  function target(to, pages) {
    if (to === "first") { return 0; }
    if (to === "previous") { return Math.max(0, page - 1); }
    if (to === "next") { return Math.min(pages - 1, page + 1); }
    return pages - 1;
  }

  function setUpPager() {
    if (!pager) {
      return;
    }
    [["first", "First"], ["previous", "Previous"], null, ["next", "Next"], ["last", "Last"]]
      .forEach(function (spec) {
        if (!spec) {
          var where = document.createElement("span");
          where.className = "table-pager-status";
          where.setAttribute("aria-live", "polite");
          pager.appendChild(where);
          return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "table-pager-button";
        button.setAttribute("data-to", spec[0]);
        button.textContent = spec[1];
        button.setAttribute("aria-label", spec[1] + " page");
        button.addEventListener("click", function () {
          var ticket = asked;
          loadAll().then(function () {
            if (ticket !== asked) {
              return;
            }
            if (lastMatched.length !== lastShown) {
              // The first load: the matching rows are now known.
              filter(false, query.value.trim());
            }
            page = target(spec[0], Math.max(1, Math.ceil(lastShown / pageRows)));
            showPage(lastMatched, lastShown);
            table.scrollIntoView({ block: "start" });
          }, function (error) {
            count.textContent = error.message;
          });
        });
        pager.appendChild(button);
      });
  }

  function setUpStatusChips() {
    document.querySelectorAll(".status-summary li[data-status]").forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "status-chip";
      button.setAttribute("data-status", item.getAttribute("data-status"));
      button.setAttribute("aria-pressed", "false");
      while (item.firstChild) {
        button.appendChild(item.firstChild);
      }
      item.appendChild(button);
      button.addEventListener("click", function () {
        var value = button.getAttribute("data-status");
        status.value = status.value === value ? "" : value;
        apply(true);
      });
    });
  }

  function setUpSorting() {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sorted = { column: column, ascending: ascending };
        if (!paged) {
          sortRows();
          var fragment = document.createDocumentFragment();
          rows.forEach(function (item) { fragment.appendChild(item.row); });
          body.appendChild(fragment);
          return;
        }
        var ticket = asked;
        loadAll().then(function () {
          sortRows();
          if (ticket === asked) {
            page = 0;
            filter(false, query.value.trim());
          }
        }, function (error) {
          if (form) {
            document.getElementById("result-count").textContent = error.message;
          }
        });
      });
    });
  }

  function sortKey(row, column) {
    var cell = row.cells[column];
    if (!cell) {
      return "";
    }
    var key = cell.getAttribute("data-sort");
    return key !== null ? key : cell.textContent.trim().toLowerCase();
  }

  function sortRows() {
    var column = sorted.column;
    var ascending = sorted.ascending;
    rows = rows.slice().sort(function (a, b) {
      var x = sortKey(a.row, column);
      var y = sortKey(b.row, column);
      var numeric = x !== "" && y !== "" && !isNaN(x) && !isNaN(y);
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      if (order === 0) {
        order = a.doc - b.doc;
      }
      return ascending ? order : -order;
    });
  }
})();
