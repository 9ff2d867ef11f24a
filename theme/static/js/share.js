// The share panel: the QR code to scan with WeChat and the copy button, both for the link in
// the panel's box (the published URL, or the page's own address in a local preview; the
// Traditional copy's box holds the copy's URL). Without script the link is still there to
// select; the QR code needs script.
//
// The code is drawn here, in the reader's browser, the first time the panel opens: the
// encoder (qrcode-generator, MIT, vendored at js/vendor/qrcode-generator.js, same origin) is
// fetched only then, so an article page costs no byte of it until someone shares. Drawing
// it at build time took 200,000 codes at 100,000 articles (an article and its Traditional
// copy), the largest part of a build that was not the page itself (README, issue 16).
(function () {
  "use strict";
  var panel = document.querySelector(".share");
  if (!panel) return;
  var input = panel.querySelector(".share__url");
  var button = panel.querySelector(".share__copy");
  var status = panel.querySelector(".share__status");
  var figure = panel.querySelector(".share__qr");
  if (!input.value) input.value = window.location.href.split("#")[0];
  button.hidden = false;
  function done(ok) {
    // the page's words (繁體 in a Traditional copy), as the figure's label below
    status.textContent = status.getAttribute(ok ? "data-done" : "data-fail");
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

  var SVG = "http://www.w3.org/2000/svg";
  var BORDER = 4; // quiet zone, in modules: the four the QR standard asks for (dark mode puts a dark page around it)
  var SCALE = 4; // pixels per module

  // The code as an SVG element: one path, a run of dark modules per subpath (no markup
  // parsed, no inline style: the site's CSP allows neither).
  function svgFor(text) {
    var qr = window.qrcode(0, "M"); // the smallest version that holds it; 15% may be damaged
    qr.addData(text, "Byte");
    qr.make();
    var n = qr.getModuleCount();
    var size = n + 2 * BORDER;
    var d = [];
    for (var r = 0; r < n; r += 1) {
      for (var c = 0; c < n; c += 1) {
        if (!qr.isDark(r, c)) continue;
        var start = c;
        while (c + 1 < n && qr.isDark(r, c + 1)) c += 1;
        d.push("M" + (start + BORDER) + " " + (r + BORDER) + "h" + (c - start + 1) + "v1h-" + (c - start + 1) + "z");
      }
    }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "share__qr-code");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("width", String(size * SCALE));
    svg.setAttribute("height", String(size * SCALE));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", figure.getAttribute("data-label")); // the page's: 繁體 in a copy
    svg.setAttribute("shape-rendering", "crispEdges");
    var back = document.createElementNS(SVG, "rect");
    back.setAttribute("width", String(size));
    back.setAttribute("height", String(size));
    back.setAttribute("fill", "#fff");
    var dark = document.createElementNS(SVG, "path");
    dark.setAttribute("d", d.join(""));
    dark.setAttribute("fill", "#000");
    svg.appendChild(back);
    svg.appendChild(dark);
    return svg;
  }

  function draw() {
    if (figure.querySelector("svg")) return;
    window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
    figure.insertBefore(svgFor(input.value), figure.firstChild);
    figure.hidden = false;
  }

  // A browser without <details> (no `open` property) shows the panel's body all the time.
  var native = "open" in panel;
  var loading = false;
  function show() {
    if (!figure || (native && !panel.open)) return;
    if (window.qrcode) { draw(); return; }
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = figure.getAttribute("data-encoder");
    script.onload = draw;
    script.onerror = function () { loading = false; }; // offline: the link box still works
    document.head.appendChild(script);
  }
  if (figure) {
    panel.addEventListener("toggle", show);
    // Browsers with <details> but no `toggle` event (Chrome < 36, Safari < 10.1: old Android
    // WebViews and in-app browsers): the summary's click, which Enter and Space fire too,
    // opens the panel right after its listeners run. show() is idempotent.
    var summary = panel.querySelector("summary");
    if (summary) summary.addEventListener("click", function () { window.setTimeout(show, 0); });
    show();
  }
})();
