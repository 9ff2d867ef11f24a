// The share panel's copy button: copies this article's link (the published URL, or the page's
// own address in a local preview). Without script the link is still there to select.
(function () {
  "use strict";
  var panel = document.querySelector(".share");
  if (!panel) return;
  var input = panel.querySelector(".share__url");
  var button = panel.querySelector(".share__copy");
  var status = panel.querySelector(".share__status");
  if (!input.value) input.value = window.location.href.split("#")[0];
  button.hidden = false;
  function done(ok) {
    status.textContent = ok ? "已复制" : "请长按或选中链接复制";
    window.setTimeout(function () { status.textContent = ""; }, 3000);
  }
  button.addEventListener("click", function () {
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () { done(true); }, function () { done(false); });
    } else {
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok);
    }
  });
})();
