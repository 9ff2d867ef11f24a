// Sorts a table[data-sortable] by the column whose header button is pressed (plugins/documents'
// /policy/ page): by the row's data-<key> value, text in Chinese order; a second press reverses.
// Same-origin file: the site's CSP allows no inline script.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-Hans-CN");
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("button[data-sort-key]").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-sort-key");
        var th = button.closest("th");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.getAttribute("data-" + key) || "", y = b.getAttribute("data-" + key) || "";
          if (!x !== !y) { return x ? -1 : 1; } // empty values last either way
          var order = collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
