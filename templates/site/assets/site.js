// adr site: filters, search and sorting for the records table. The table is complete
// without this script; it only hides and orders rows. No framework, no network.
(function () {
  "use strict";

  var table = document.getElementById("records");
  var form = document.getElementById("filters");
  if (!table || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.map.call(body.rows, function (row) {
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
  });

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

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  var params = new URLSearchParams(window.location.search);
  query.value = params.get("q") || "";
  selectValue(status, params.get("status"));
  selectValue(tag, params.get("tag"));

  var timer = 0;
  query.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { apply(true); }, rows.length > 2000 ? 150 : 40);
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
  apply(false);

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
  function apply(remember) {
    var ticket = ++asked;
    var text = query.value.trim();
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
    var shown = 0;
    rows.forEach(function (item) {
      var match = (!wantedStatus || item.status === wantedStatus) &&
        (!wantedTag || item.tags.indexOf(wantedTag) !== -1);
      if (match && wanted) {
        match = found
          ? found.has(item.doc)
          : item.row.textContent.toLowerCase().indexOf(wanted.toLowerCase()) !== -1;
      }
      item.row.hidden = !match;
      if (match) {
        shown++;
      }
    });
    var filtered = wanted || wantedStatus || wantedTag;
    count.textContent = filtered
      ? "Showing " + shown + " of " + rows.length + " decisions"
      : rows.length + (rows.length === 1 ? " decision" : " decisions");
    if (empty) {
      empty.hidden = shown !== 0;
    }
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
        sortBy(column, ascending);
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

  function sortBy(column, ascending) {
    var sorted = rows.slice().sort(function (a, b) {
      var x = sortKey(a.row, column);
      var y = sortKey(b.row, column);
      var numeric = x !== "" && y !== "" && !isNaN(x) && !isNaN(y);
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      if (order === 0) {
        order = a.doc - b.doc;
      }
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
  }
})();
