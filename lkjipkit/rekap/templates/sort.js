// Sort a recap table by a column: click its header (again: the other way). Empty cells stay last.
(function () {
  "use strict";
  function value(cell, numeric) {
    var text = cell ? cell.textContent.trim() : "";
    if (!numeric) return text === "" ? null : text.toLowerCase();
    var v = parseFloat(text.replace(/\u2212/g, "-").replace(/[^0-9,\-]/g, "").replace(",", "."));
    return isNaN(v) ? null : v;
  }
  document.querySelectorAll("div.urut table").forEach(function (table) {
    var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.some(function (r) { return r.cells[col] && r.cells[col].classList.contains("num"); });
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        rows.sort(function (a, b) {
          var x = value(a.cells[col], numeric), y = value(b.cells[col], numeric);
          if (x === y) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          return (numeric ? x - y : x.localeCompare(y, "id")) * dir;
        });
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
