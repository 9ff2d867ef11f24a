// The "跳到第 N 页" box of a long list: page 1 is the list's own URL, page N follows the
// pattern of page 2 (".../page/N/"). Hidden until this script runs (it needs script).
(function () {
  "use strict";
  var form = document.querySelector(".pagination__jump");
  if (!form) return;
  var input = form.querySelector("input");
  var last = parseInt(form.getAttribute("data-last"), 10);
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var n = parseInt(input.value, 10);
    if (!(n >= 1 && n <= last)) {
      // The message comes from the page, so the Traditional copy shows it converted.
      input.setCustomValidity(form.getAttribute("data-invalid") || "1–" + last);
      input.reportValidity();
      return;
    }
    input.setCustomValidity("");
    var first = form.getAttribute("data-first");
    var pattern = form.getAttribute("data-pattern");
    window.location.href = n === 1 ? first : pattern.replace("{n}", String(n));
  });
  input.addEventListener("input", function () { input.setCustomValidity(""); });
})();
