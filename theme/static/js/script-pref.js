/*
 * Simplified / Traditional reading switch: remembers the reader's choice.
 *
 * Every article has a Traditional copy (built with OpenCC, linked with hreflang="zh-Hant").
 * Choosing 繁體 or 简体 on an article stores the choice in localStorage; a reader who chose
 * 繁體 and then opens a Simplified article (from a list, a feed or search) is sent to its
 * Traditional copy before the page paints. Loaded in <head> on article pages only.
 */
(function () {
  "use strict";
  var KEY = "tic-script";

  function read() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (e) {
      return null; // storage disabled: the switch still works as plain links
    }
  }

  function write(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (e) {
      /* ignore */
    }
  }

  var lang = document.documentElement.getAttribute("lang") || "";
  if (read() === "hant" && lang.toLowerCase() === "zh-cn") {
    var alt = document.querySelector('link[rel="alternate"][hreflang="zh-Hant"]');
    if (alt && alt.href) {
      window.location.replace(alt.href);
      return;
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-script]") : null;
    if (link) {
      write(link.getAttribute("data-script"));
    }
  });
})();
