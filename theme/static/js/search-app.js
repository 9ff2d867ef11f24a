// Search page: Pagefind's JS API with our own small UI (results as you type, facet counts,
// sort by date, state in the URL, Traditional queries folded to Simplified).
//
// Why not Pagefind's bundled UI: it alone is ~135 KB of script and CSS, which would break
// the 300 KB first-query budget, and it keeps no filters in the URL. This file is ~13 KB (5 KB gzipped).
// Everything is loaded from this site (CSP default-src 'self').
(() => {
  "use strict";

  const root = document.getElementById("search-app");
  if (!root) return;

  const FACETS = [
    ["category", "分类"], ["region", "地区"], ["city", "城市"],
    ["source", "来源"], ["year", "年份"], ["tag", "标签"],
  ];
  const SORTS = { date: "最新发布", oldest: "最早发布", relevance: "相关度" };
  const PAGE = 10;
  const FACET_SHOWN = 8;

  const $ = (sel) => root.querySelector(sel);
  const form = $("form");
  const input = $("input[type=search]");
  const sortSelect = $("select[name=sort]");
  const status = $(".search-status");
  const list = $(".search-results");
  const facetsBox = $(".search-facets");
  const more = $(".search-more");
  const bundle = new URL(root.dataset.bundle || "../pagefind/", document.baseURI).href;
  // Pagefind's result URLs are root-relative ("/articles/…/"); under a sub-path they need it.
  const base = new URL(root.dataset.base || "../", document.baseURI).pathname;
  const foldUrl = new URL(root.dataset.fold || "t2s.json", document.baseURI).href;

  let pagefind = null;
  let fold = null; // Map Traditional → Simplified
  let shown = PAGE;
  let lastResults = [];
  let runId = 0;
  let totals = null;

  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);

  // ---- state <-> URL ------------------------------------------------------------------
  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [key] of FACETS) {
      const values = params.getAll(key).filter(Boolean);
      if (values.length) filters[key] = values;
    }
    const sort = params.get("sort");
    return { q: params.get("q") || "", sort: SORTS[sort] ? sort : "date", filters };
  }

  function currentState() {
    const filters = {};
    for (const box of facetsBox.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.name] ||= []).push(box.value);
    }
    return { q: input.value.trim(), sort: sortSelect.value, filters };
  }

  function writeState(state, push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const [key, values] of Object.entries(state.filters)) {
      for (const v of values) params.append(key, v);
    }
    if (state.sort !== "date") params.set("sort", state.sort);
    const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
    if (url === `${location.pathname}${location.search}`) return;
    history[push ? "pushState" : "replaceState"](state, "", url);
  }

  // ---- script folding -----------------------------------------------------------------
  // Which characters the table changes: a bitmap over the CJK ranges, inline in the page,
  // so the table itself (~19 KB gzipped) is fetched only for a query that needs it.
  let keyBits = null;
  const ranges = (root.dataset.foldRanges || "").split(",").filter(Boolean)
    .map((r) => r.split("-").map((h) => parseInt(h, 16)));

  function needsFold(text) {
    if (!root.dataset.foldKeys) return /[\u3400-\u9fff]/.test(text); // no bitmap: fetch to be safe
    keyBits ||= Uint8Array.from(atob(root.dataset.foldKeys), (c) => c.charCodeAt(0));
    for (const ch of text) {
      const code = ch.codePointAt(0);
      let offset = 0;
      for (const [lo, hi] of ranges) {
        if (code >= lo && code <= hi) {
          const bit = offset + code - lo;
          if (keyBits[bit >> 3] & (1 << (bit & 7))) return true;
          break;
        }
        offset += hi - lo + 1;
      }
    }
    return false;
  }

  let foldLoading = null;
  async function loadFold() {
    try {
      const res = await fetch(foldUrl);
      const table = await res.json();
      const t = Array.from(table.t), s = Array.from(table.s);
      fold = new Map(t.map((ch, i) => [ch, s[i]]));
    } catch {
      fold = new Map();
    }
  }

  const toSimplified = (text) => (fold ? Array.from(text, (ch) => fold.get(ch) || ch).join("") : text);

  // ---- rendering ----------------------------------------------------------------------
  function renderFacets(counts, state) {
    const parts = [];
    for (const [key, label] of FACETS) {
      const values = Object.entries(counts[key] || {});
      const selected = new Set(state.filters[key] || []);
      for (const v of selected) if (!values.some(([name]) => name === v)) values.push([v, 0]);
      if (!values.length) continue;
      values.sort((a, b) => (key === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
      const items = values.map(([name, n], i) => {
        const id = `f-${key}-${i}`;
        const hidden = i >= FACET_SHOWN && !selected.has(name) ? " hidden" : "";
        const empty = n === 0 && !selected.has(name) ? ' class="is-empty"' : "";
        return `<li${hidden}${empty}><input type="checkbox" id="${id}" name="${key}" value="${esc(name)}"` +
          `${selected.has(name) ? " checked" : ""}><label for="${id}">${esc(name)}` +
          ` <span class="count">${n}</span></label></li>`;
      }).join("");
      const toggle = values.length > FACET_SHOWN
        ? `<button type="button" class="facet-toggle" aria-expanded="false">全部 ${values.length} 项</button>` : "";
      parts.push(`<fieldset class="facet"><legend>${label}</legend><ul>${items}</ul>${toggle}</fieldset>`);
    }
    // On phones the facets sit above the results, folded into one panel the reader opens;
    // on wide screens they are a sidebar, always open.
    const chosen = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
    const open = wide.matches || facetsOpen ? " open" : "";
    facetsBox.innerHTML = parts.length
      ? `<details class="facets-panel"${open}><summary>按条件筛选${chosen ? `（已选 ${chosen} 项）` : ""}</summary>` +
        `${parts.join("")}</details>`
      : "";
  }

  function resultHtml(r) {
    const m = r.meta || {};
    const f = r.filters || {};
    const bits = [m.date, (f.category || [])[0], (f.region || [])[0], m.source].filter(Boolean).map(esc);
    return `<li class="search-result"><h3><a href="${esc(r.url)}">${esc(m.title || r.url)}</a></h3>` +
      `<p class="meta">${bits.join(" · ")}</p><p class="excerpt">${r.excerpt || ""}</p></li>`;
  }

  async function renderResults(token) {
    const slice = lastResults.slice(0, shown);
    const data = await Promise.all(slice.map((r) => r.data()));
    if (token !== runId) return;
    list.innerHTML = data.map(resultHtml).join("");
    more.hidden = lastResults.length <= shown;
  }

  function noResults(state, folded) {
    const tips = ["换一个更短或更常用的关键词，例如机构简称或地名"];
    if (Object.keys(state.filters).length) tips.unshift("去掉部分筛选条件");
    tips.push(`按分类浏览：<a href="${esc(root.dataset.categories || "../category/")}">全部分类</a>`);
    return `<div class="search-empty"><p>没有找到与“${esc(state.q || "所选条件")}”相关的文章` +
      `${folded && folded !== state.q ? `（已按简体“${esc(folded)}”搜索）` : ""}。</p>` +
      `<p>建议：</p><ul>${tips.map((t) => `<li>${t}</li>`).join("")}</ul></div>`;
  }

  // ---- searching ----------------------------------------------------------------------
  async function run(state, { push = false, fromUrl = false } = {}) {
    const token = ++runId;
    if (!fromUrl) writeState(state, push);
    if (!pagefind) return;
    const filtersOn = Object.keys(state.filters).length > 0;
    if (!state.q && !filtersOn) {
      list.innerHTML = "";
      more.hidden = true;
      status.textContent = "输入关键词开始搜索，或在左侧按分类、地区、年份筛选。";
      renderFacets(totals || {}, state);
      return;
    }
    if (!fold && needsFold(state.q)) await (foldLoading ||= loadFold());
    if (token !== runId) return;
    const folded = toSimplified(state.q);
    const options = { filters: state.filters };
    if (state.sort === "date") options.sort = { date: "desc" };
    if (state.sort === "oldest") options.sort = { date: "asc" };
    const started = performance.now();
    const search = await pagefind.search(folded || null, options);
    if (token !== runId || !search) return;
    lastResults = search.results;
    shown = PAGE;
    renderFacets(search.filters || {}, state);
    if (!lastResults.length) {
      list.innerHTML = "";
      more.hidden = true;
      status.innerHTML = noResults(state, folded);
      rendered(started);
      return;
    }
    const scope = state.q ? `与“${esc(state.q)}”相关的` : "符合条件的";
    const note = folded !== state.q ? `（已按简体“${esc(folded)}”搜索）` : "";
    status.innerHTML = `找到 ${lastResults.length} 篇${scope}文章${note}`;
    await renderResults(token);
    if (token === runId) rendered(started);
  }

  // For bench/search.py and the tests: when the last search finished rendering, and how long it took.
  function rendered(started) {
    const now = performance.now();
    root.dataset.renderMs = String(Math.round(now - started));
    root.dataset.renderedAt = String(now);
  }

  const wide = window.matchMedia("(min-width: 960px)");
  let facetsOpen = false;
  facetsBox.addEventListener("toggle", (e) => {
    if (!wide.matches) facetsOpen = e.target.open;
  }, true);
  wide.addEventListener("change", () => {
    const panel = facetsBox.querySelector(".facets-panel");
    if (panel) panel.open = wide.matches || facetsOpen;
  });

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(currentState()), 80);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run(currentState(), { push: true });
  });
  input.addEventListener("change", () => run(currentState(), { push: true }));
  sortSelect.addEventListener("change", () => run(currentState(), { push: true }));
  facetsBox.addEventListener("change", () => run(currentState(), { push: true }));
  facetsBox.addEventListener("click", (e) => {
    const btn = e.target.closest(".facet-toggle");
    if (!btn) return;
    const open = btn.getAttribute("aria-expanded") !== "true";
    btn.setAttribute("aria-expanded", String(open));
    btn.closest("fieldset").querySelectorAll("li").forEach((li, i) => {
      if (i >= FACET_SHOWN && !li.querySelector("input").checked) li.hidden = !open;
    });
  });
  more.addEventListener("click", () => {
    shown += PAGE;
    renderResults(runId);
  });
  window.addEventListener("popstate", () => applyState(readState()));

  function applyState(state) {
    input.value = state.q;
    sortSelect.value = state.sort;
    renderFacets(totals || {}, state);
    return run(state, { fromUrl: true });
  }

  async function start() {
    for (const [value, label] of Object.entries(SORTS)) {
      sortSelect.insertAdjacentHTML("beforeend", `<option value="${value}">${label}</option>`);
    }
    const state = readState();
    input.value = state.q;
    sortSelect.value = state.sort;
    root.hidden = false;
    status.textContent = "正在加载搜索索引…";
    try {
      const pf = await import(`${bundle}pagefind.js`);
      await pf.options({ bundlePath: bundle, baseUrl: base, excerptLength: 60 });
      await pf.init();
      pagefind = pf;
    } catch (err) {
      status.textContent = location.protocol === "file:"
        ? "搜索需要通过网站服务器访问（本地预览请运行 make serve）。"
        : "搜索索引加载失败，请稍后重试。";
      root.dataset.error = String(err);
      return;
    }
    await applyState(state);
    root.dataset.ready = "1";
    // Facet counts need every filter chunk (~170 KB at 10,000 articles): fetched after the
    // first results are on screen, then the current search runs again to count them.
    totals = await pagefind.filters();
    const now = currentState();
    if (now.q || Object.keys(now.filters).length) await run(now, { fromUrl: true });
    else renderFacets(totals, now);
    root.dataset.facets = "1";
  }

  start();
})();
