/*
 * Search page: mounts Pagefind's bundled UI (served from this site's own /pagefind/),
 * runs the query from ?q= and keeps ?q= in the address bar in step with what is typed,
 * so a search can be bookmarked or shared. No third-party code, no network beyond this site.
 */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root) {
    return;
  }

  function showProblem(text) {
    var p = document.createElement("p");
    p.className = "notice notice--error";
    p.textContent = text;
    root.textContent = "";
    root.appendChild(p);
  }

  if (window.location.protocol === "file:") {
    showProblem("直接打开本地文件时无法使用搜索。请先运行 make serve（或 invoke serve），再通过 http://127.0.0.1:8000/ 访问。");
    return;
  }
  if (typeof window.PagefindUI !== "function") {
    showProblem("搜索索引尚未生成或加载失败。请使用 make site（或 invoke build）构建网站，它会在 Pelican 之后运行 Pagefind。");
    return;
  }

  // SITEURL is relative ("..") on local builds: resolve it against this page, keep the path.
  var bundlePath = new URL(root.getAttribute("data-bundle-path") || "/pagefind/", window.location.href).pathname;
  var baseUrl = new URL(root.getAttribute("data-base-url") || "/", window.location.href).pathname;

  function syncAddress(term) {
    var url = new URL(window.location.href);
    if (term) {
      url.searchParams.set("q", term);
    } else {
      url.searchParams.delete("q");
    }
    if (url.href !== window.location.href) {
      window.history.replaceState(null, "", url.href);
    }
  }

  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: bundlePath,
    baseUrl: baseUrl,
    showSubResults: false,
    showImages: false,
    excerptLength: 40,
    autofocus: true,
    processTerm: function (term) {
      syncAddress(term.trim());
      return term;
    },
    translations: {
      placeholder: "搜索新闻、机构、地区…",
      clear_search: "清除",
      load_more: "加载更多结果",
      search_label: "搜索本站",
      filters_label: "筛选",
      zero_results: "没有找到与“[SEARCH_TERM]”相关的文章",
      many_results: "找到 [COUNT] 篇与“[SEARCH_TERM]”相关的文章",
      one_result: "找到 1 篇与“[SEARCH_TERM]”相关的文章",
      alt_search: "没有找到与“[SEARCH_TERM]”相关的文章，以下是“[DIFFERENT_TERM]”的结果",
      search_suggestion: "没有找到与“[SEARCH_TERM]”相关的文章，请尝试其他关键词：",
      searching: "正在搜索“[SEARCH_TERM]”…"
    }
  });

  // Tie the visible label above the box to Pagefind's input (axe: a visible label, not
  // only a placeholder or title).
  var input = root.querySelector(".pagefind-ui__search-input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-label");
  }

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial && initial.trim()) {
    ui.triggerSearch(initial.trim());
  }
})();
