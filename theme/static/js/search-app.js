// Search page: exact "contains" search over our own index (plugins/searchindex), with facet
// counts, three sort orders, excerpts around the match, state in the URL and Traditional
// queries folded to Simplified.
//
// A query is split at spaces into parts; an article matches when its title or text
// contains every part (after folding both: Traditional→Simplified, full-width→ASCII, Latin
// lower case). A part of one character is looked up in the unigram postings; a longer part
// by the bigrams that cover it, whose positions must line up, so 量子纠缠咖啡 finds nothing
// even though each of its characters is everywhere, and 检测 finds 检验检测. Only the
// postings of the query's keys are downloaded (a shard of a few KB each, or a file of its
// own for a common key), plus meta.json once (facet columns) and one small JSON file per
// result shown. Nothing here puts text from the index or an article into innerHTML: the
// DOM is built with createElement and textContent, excerpts' <mark>s included.
(() => {
  "use strict";

  const root = document.getElementById("search-app");
  if (!root) return;

  // The words shown come from the page (a JSON block), so the Traditional copy of the page
  // (plugins.hant) shows them converted. On that copy, results come from the Traditional
  // result files (h/<id>.json: the copy's URL, title and text converted by phrase) and facet
  // values are labelled from h/names.json; the query is folded to Simplified as anywhere.
  const TEXT = {};
  const words = document.getElementById("search-text");
  if (words) for (const span of words.content.querySelectorAll("[data-k]")) TEXT[span.dataset.k] = span.textContent;
  const say = (key, vars = {}) => String(TEXT[key] || key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));
  const HANT = /^zh-hant/i.test(document.documentElement.lang || "");
  const FACETS = ["category", "region", "city", "source", "year", "tag"].map((key) => [key, say(`facet-${key}`)]);
  const SORTS = ["relevance", "date", "oldest"];
  const PAGE = 10;
  const FACET_SHOWN = 8;
  const DIGITS = Array.from({ length: 0x7f - 0x23 }, (_, i) => String.fromCharCode(0x23 + i))
    .filter((c) => c !== "\\").join("");
  // Whitespace as the index builder has it (JavaScript's \s and Python's isspace()).
  const SPACE = /[\s\x1c-\x1f\x85]+/u;
  const DROP = /[\x00-\x08\x0e-\x1b\x7f\u00ad\u200b\u200c\u200d\u2060\ufffe\uffff]/gu;

  const $ = (sel) => root.querySelector(sel);
  const form = $("form");
  const input = $("input[type=search]");
  const sortSelect = $("select[name=sort]");
  const status = $(".search-status");
  const list = $(".search-results");
  const facetsBox = $(".search-facets");
  const more = $(".search-more");
  const hint = $(".search-hint");
  const indexUrl = new URL(root.dataset.index || "index/", document.baseURI).href;
  const base = new URL(root.dataset.base || "../", document.baseURI).href;
  const foldUrl = new URL(root.dataset.fold || "t2s.json", document.baseURI).href;
  const wide = window.matchMedia("(min-width: 960px)");

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else if (k in node && typeof v !== "string") node[k] = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  };

  // ---- script folding -----------------------------------------------------------------
  // Which characters the T→S table changes: a bitmap over the CJK ranges, inline in the
  // page, so the table itself is fetched only for a query (or a result text) that needs it.
  let fold = null; // Map Traditional → Simplified
  let keyBits = null;
  const ranges = (root.dataset.foldRanges || "").split(",").filter(Boolean)
    .map((r) => r.split("-").map((h) => parseInt(h, 16)));

  function needsFold(text) {
    if (!root.dataset.foldKeys) return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
    keyBits ||= Uint8Array.from(atob(root.dataset.foldKeys), (c) => c.charCodeAt(0));
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x3400) continue;
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
  function loadFold() {
    foldLoading ||= fetch(foldUrl).then((res) => res.json()).then((table) => {
      const t = Array.from(table.t), s = Array.from(table.s);
      fold = new Map(t.map((ch, i) => [ch, s[i]]));
    }).catch(() => { fold = new Map(); });
    return foldLoading;
  }
  async function ensureFold(...texts) {
    if (!fold && texts.some(needsFold)) await loadFold();
  }

  // Traditional → Simplified only (what the status line reports).
  const toSimplified = (text) => (fold ? text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, (ch) => fold.get(ch) || ch) : text);
  // Brackets of every spelling fold to ASCII parentheses (plugins/searchindex BRACKETS), so
  // 国认实[2024]12号, (2024), （2024） and 【2024】 find 国认实〔2024〕12号.
  const BRACKETS = { "[": "(", "]": ")", "\u3014": "(", "\u3015": ")", "\u3010": "(", "\u3011": ")",
    "\u3016": "(", "\u3017": ")", "\ufe5d": "(", "\ufe5e": ")" };
  // The index's fold: one UTF-16 unit for one, so positions in the folded text are
  // positions in the text shown.
  const foldText = (text) => toSimplified(text).replace(/[A-Z\uff01-\uff5e[\]\u3010\u3011\u3014-\u3017\ufe5d\ufe5e]/g, (ch) => {
    let code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    if (code >= 65 && code <= 90) code += 32;
    const folded = String.fromCharCode(code);
    return BRACKETS[folded] || folded;
  });
  // Quotes around a word are how other search boxes ask for a phrase; every query is one here.
  const QUOTES = /^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/g;
  const queryParts = (q) => Array.from(new Set(foldText(q.replace(DROP, "")).split(SPACE)
    .map((part) => part.replace(QUOTES, "")).filter(Boolean)));

  // ---- the index ----------------------------------------------------------------------
  let meta = null;
  let heavy = null;
  const files = new Map(); // url -> Promise<{bytes, keys}>
  const postings = new Map(); // key -> Promise<posting | null>
  const fragments = new Map(); // id -> Promise<fragment>

  // Bounded caches (Map keeps insertion order): the tab's memory stays flat over a session.
  function remember(map, key, value, limit) {
    map.set(key, value);
    if (map.size > limit) map.delete(map.keys().next().value);
    return value;
  }

  async function loadBytes(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // the host inflated it already
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function shardOf(c1, c2) {
    let h = (Math.imul(c1, 0x9e3779b1) + c2) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    return h % meta.shards;
  }

  function fileOf(key) {
    const [c1, c2 = 0] = Array.from(key, (ch) => ch.codePointAt(0));
    const name = heavy.has(key) ? `k/${c1.toString(16)}${c2 ? "-" + c2.toString(16) : ""}` : `s/${shardOf(c1, c2)}`;
    return `${indexUrl}${name}.bin?v=${meta.version}`;
  }

  function parseFile(bytes) {
    let at = 0;
    const read = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    };
    const heads = [];
    for (let i = read(); i > 0; i--) heads.push([read(), read(), read()]);
    const keys = new Map();
    for (const [c1, c2, length] of heads) {
      keys.set(c2 ? String.fromCodePoint(c1, c2) : String.fromCodePoint(c1), [at, length]);
      at += length;
    }
    return { bytes, keys };
  }

  // One key's postings: docs (ascending ids); for a unigram per doc its count and whether the
  // title has it; for a bigram per doc its positions (pos[starts[i]] … pos[starts[i + 1]]).
  function decode(bytes, at, length, unigram) {
    const end = at + length;
    const docs = new Int32Array(length >> 1);
    const counts = unigram ? new Uint32Array(length >> 1) : null;
    const title = unigram ? new Uint8Array(length >> 1) : null;
    const starts = unigram ? null : new Int32Array((length >> 1) + 1);
    const pos = unigram ? null : new Uint32Array(length);
    let n = 0, p = 0, doc = -1;
    while (at < end) {
      let v = 0, shift = 0, byte;
      do { byte = bytes[at++]; v |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      doc += v;
      v = 0; shift = 0;
      do { byte = bytes[at++]; v |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      docs[n] = doc;
      if (unigram) {
        counts[n] = v >>> 1;
        title[n] = v & 1;
      } else {
        starts[n] = p;
        let x = 0;
        for (let k = v; k > 0; k--) {
          let d = 0; shift = 0;
          do { byte = bytes[at++]; d += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
          x += d;
          pos[p++] = x;
        }
      }
      n++;
    }
    // Copies at their exact size: the upper-bound buffers above are left to the collector.
    if (unigram) return { docs: docs.slice(0, n), counts: counts.slice(0, n), title: title.slice(0, n) };
    starts[n] = p;
    return { docs: docs.slice(0, n), starts: starts.slice(0, n + 1), pos: pos.slice(0, p) };
  }

  function posting(key) {
    if (postings.has(key)) return postings.get(key);
    const url = fileOf(key);
    let file = files.get(url);
    if (!file) file = remember(files, url, loadBytes(url).then(parseFile), 48);
    const unigram = Array.from(key).length === 1;
    const promise = file.then(({ bytes, keys }) => {
      const span = keys.get(key);
      return span ? decode(bytes, span[0], span[1], unigram) : null;
    });
    promise.catch(() => { postings.delete(key); files.delete(url); });
    return remember(postings, key, promise, 64);
  }

  const EMPTY = { docs: new Int32Array(0), counts: new Uint32Array(0), title: new Uint8Array(0) };

  // Offsets of the bigrams that cover a part of m ≥ 2 characters: 0, 2, 4 … and m - 2.
  function cover(m) {
    const offsets = [];
    for (let o = 0; o < m - 1; o += 2) offsets.push(o);
    if (offsets[offsets.length - 1] !== m - 2) offsets.push(m - 2);
    return offsets;
  }

  // Where the part occurs, per document: count and whether in the title.
  async function matchPart(part) {
    const chars = Array.from(part);
    if (chars.length === 1) return (await posting(part)) || EMPTY;
    const offsets = cover(chars.length);
    const lists = await Promise.all(offsets.map((o) => posting(chars[o] + chars[o + 1])));
    if (lists.some((l) => !l)) return EMPTY;
    const terms = offsets.map((o, i) => ({ o, l: lists[i], at: 0 })).sort((a, b) => a.l.docs.length - b.l.docs.length);
    const lead = terms[0];
    const out = { docs: [], counts: [], title: [] };
    const text = meta.offset;
    for (let i = 0; i < lead.l.docs.length; i++) {
      const doc = lead.l.docs[i];
      let all = true;
      for (let t = 1; t < terms.length; t++) {
        const term = terms[t], docs = term.l.docs;
        while (term.at < docs.length && docs[term.at] < doc) term.at++;
        if (term.at >= docs.length) { i = lead.l.docs.length; all = false; break; }
        if (docs[term.at] !== doc) { all = false; break; }
      }
      if (!all) continue;
      // Positions where every covering bigram sits at its offset from the start.
      // Starts only grow, so each term's cursor only moves forward: linear in the positions.
      const at = terms.map((term) => term.l.starts[term.at]);
      const stop = terms.map((term) => term.l.starts[term.at + 1]);
      at[0] = lead.l.starts[i];
      stop[0] = lead.l.starts[i + 1];
      let count = 0, inTitle = 0;
      const lp = lead.l.pos;
      for (let a = at[0]; a < stop[0]; a++) {
        const start = lp[a] - lead.o;
        if (start < 0) continue;
        let ok = true;
        for (let t = 1; t < terms.length && ok; t++) {
          const pos = terms[t].l.pos, want = start + terms[t].o;
          while (at[t] < stop[t] && pos[at[t]] < want) at[t]++;
          ok = at[t] < stop[t] && pos[at[t]] === want;
        }
        if (ok) {
          count++;
          if (start < text) inTitle = 1;
        }
      }
      if (count) {
        out.docs.push(doc);
        out.counts.push(count);
        out.title.push(inTitle);
      }
    }
    return { docs: Int32Array.from(out.docs), counts: Uint32Array.from(out.counts), title: Uint8Array.from(out.title) };
  }

  // Articles containing every part: ids ascending (oldest first), title hits and counts.
  async function match(parts) {
    const found = await Promise.all(parts.map(matchPart));
    found.sort((a, b) => a.docs.length - b.docs.length);
    let docs = Array.from(found[0].docs);
    let titles = Array.from(found[0].title);
    let counts = Array.from(found[0].counts);
    for (const other of found.slice(1)) {
      const keep = { docs: [], titles: [], counts: [] };
      let j = 0;
      for (let i = 0; i < docs.length; i++) {
        while (j < other.docs.length && other.docs[j] < docs[i]) j++;
        if (j < other.docs.length && other.docs[j] === docs[i]) {
          keep.docs.push(docs[i]);
          keep.titles.push(titles[i] + other.title[j]);
          keep.counts.push(counts[i] + other.counts[j]);
        }
      }
      ({ docs, titles, counts } = keep);
    }
    return { docs, titles, counts };
  }

  // ---- facets -------------------------------------------------------------------------
  let columns = null; // key -> {values, of: Uint16Array} or, for tags, {values, starts, of}

  function decodeColumns() {
    columns = {};
    const value = (s, at, width) => {
      let v = 0;
      for (let k = 0; k < width; k++) v = v * DIGITS.length + DIGITS.indexOf(s[at + k]);
      return v;
    };
    for (const [key] of FACETS) {
      const c = meta.facets[key];
      if (!c) continue;
      if (key === "tag") {
        const starts = new Uint32Array(meta.n + 1), of = [];
        let doc = 0;
        for (let at = 0; at < c.docs.length;) {
          if (c.docs[at] === " ") { starts[++doc] = of.length; at++; continue; }
          of.push(value(c.docs, at, c.width));
          at += c.width;
        }
        columns[key] = { values: c.values, starts, of: Uint16Array.from(of) };
      } else {
        const of = new Uint16Array(meta.n);
        for (let d = 0; d < meta.n; d++) of[d] = value(c.docs, d * c.width, c.width);
        columns[key] = { values: c.values, of };
      }
    }
  }

  // Values within a facet are OR, facets AND. A value's count is how many articles it would
  // give with the other facets' choices as they are (so choosing it never shows a count
  // that the results then contradict).
  function applyFilters(docs, filters) {
    const active = FACETS.map(([key]) => key).filter((key) => columns[key] && (filters[key] || []).length);
    const chosen = {};
    for (const key of active) {
      chosen[key] = new Set(filters[key].map((v) => columns[key].values.indexOf(v) + 1).filter((i) => i > 0));
    }
    const counts = {};
    for (const [key] of FACETS) if (columns[key]) counts[key] = new Uint32Array(columns[key].values.length + 1);
    const passes = (key, d) => {
      const c = columns[key], want = chosen[key];
      if (key !== "tag") return want.has(c.of[d]);
      for (let k = c.starts[d]; k < c.starts[d + 1]; k++) if (want.has(c.of[k])) return true;
      return false;
    };
    const tally = (key, d) => {
      const c = columns[key], n = counts[key];
      if (key !== "tag") { n[c.of[d]]++; return; }
      for (let k = c.starts[d]; k < c.starts[d + 1]; k++) n[c.of[k]]++;
    };
    const kept = [];
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      let failed = null, fails = 0;
      for (const key of active) {
        if (!passes(key, d)) { failed = key; if (++fails > 1) break; }
      }
      if (fails === 0) {
        kept.push(i);
        for (const key in counts) tally(key, d);
      } else if (fails === 1) {
        tally(failed, d);
      }
    }
    return { kept, counts };
  }

  let facetsOpen = false;
  function buildFacets() {
    const panel = el("details", { class: "facets-panel" }, el("summary", { text: say("filter") }));
    for (const [key, label] of FACETS) {
      const c = columns[key];
      if (!c || !c.values.length) continue;
      let order = c.values.map((_, i) => i);
      if (key === "year") order.sort((a, b) => c.values[b].localeCompare(c.values[a]));
      const ul = el("ul");
      for (const i of order) {
        const id = `f-${key}-${i}`;
        ul.append(el("li", { "data-value": String(i + 1) },
          el("input", { type: "checkbox", id, name: key, value: c.values[i] }),
          el("label", { for: id }, (c.names || c.values)[i], " ", el("span", { class: "count", text: "0" }))));
      }
      const toggle = el("button", { type: "button", class: "facet-toggle", "aria-expanded": "false" });
      panel.append(el("fieldset", { class: "facet", "data-facet": key }, el("legend", { text: label }), ul, toggle));
    }
    facetsBox.replaceChildren(panel);
    panel.open = wide.matches || facetsOpen;
    panel.addEventListener("toggle", () => { if (!wide.matches) facetsOpen = panel.open; });
  }

  let shownCounts = {};
  function renderFacets(counts, state) {
    shownCounts = counts;
    const panel = facetsBox.querySelector(".facets-panel");
    if (!panel) return;
    let chosen = 0;
    for (const fieldset of panel.querySelectorAll("fieldset")) {
      const key = fieldset.dataset.facet;
      const selected = new Set(state.filters[key] || []);
      const expanded = fieldset.querySelector(".facet-toggle").getAttribute("aria-expanded") === "true";
      let visible = 0;
      for (const li of fieldset.querySelectorAll("li")) {
        const box = li.firstChild;
        const n = counts[key] ? counts[key][Number(li.dataset.value)] : 0;
        box.checked = selected.has(box.value);
        if (box.checked) chosen++;
        li.querySelector(".count").textContent = String(n);
        li.classList.toggle("is-empty", n === 0);
        const listed = n > 0 || box.checked;
        if (listed) visible++;
        li.hidden = !listed || (!expanded && visible > FACET_SHOWN && !box.checked);
      }
      const toggle = fieldset.querySelector(".facet-toggle");
      toggle.hidden = visible <= FACET_SHOWN;
      toggle.textContent = expanded ? say("less") : say("all", { n: visible });
      fieldset.hidden = visible === 0;
    }
    panel.querySelector("summary").textContent = chosen ? say("filterChosen", { n: chosen }) : say("filter");
  }

  // ---- excerpts -----------------------------------------------------------------------
  const ENDS = "。！？!?…\n";
  const CLOSERS = "”’」』）)】》";
  const CLAUSES = "，、：；,;:";
  const EXCERPT = 130;

  function sentenceStart(text, i) {
    let s = i;
    while (s > 0 && !ENDS.includes(text[s - 1])) s--;
    while (s < i && (CLOSERS.includes(text[s]) || text[s] === " ")) s++;
    return s;
  }

  function sentenceEnd(text, i) {
    let e = i;
    while (e < text.length && !ENDS.includes(text[e])) e++;
    while (e < text.length && ENDS.includes(text[e]) && text[e] !== "\n") e++;
    while (e < text.length && CLOSERS.includes(text[e])) e++;
    return e;
  }

  // Every occurrence of every part in the folded text, merged where they overlap.
  function occurrences(folded, parts) {
    const spans = [];
    for (const part of parts) {
      for (let i = folded.indexOf(part); i >= 0 && spans.length < 500; i = folded.indexOf(part, i + 1)) {
        spans.push([i, i + part.length]);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    return merged;
  }

  // Cut points never fall inside a match.
  const outside = (spans, i, toEnd) => {
    for (const [a, b] of spans) if (i > a && i < b) return toEnd ? b : a;
    return i;
  };

  // The excerpt as pieces of the text ([start, end) ranges), each starting where a sentence
  // (or, after an ellipsis, a clause) starts, plus the spans to mark.
  function excerptPieces(text, spans) {
    if (!spans.length) {
      const end = outside(spans, Math.min(sentenceEnd(text, 0), EXCERPT), true);
      return { pieces: [[0, end]], more: end < text.length };
    }
    const [first, firstEnd] = spans[0];
    const start = sentenceStart(text, first);
    const pieces = [];
    let from = start;
    if (first - start > 60) {
      // A long sentence: its opening, then the clause where the match is.
      let head = start + 24;
      for (let k = start + 8; k < start + 30 && k < first; k++) if (CLAUSES.includes(text[k])) { head = k + 1; break; }
      head = outside(spans, Math.min(head, first), false);
      let resume = Math.max(head, first - 30);
      for (let k = first - 1; k > first - 40 && k > head; k--) if (CLAUSES.includes(text[k])) { resume = k + 1; break; }
      pieces.push([start, head]);
      from = resume;
    }
    let end = sentenceEnd(text, firstEnd);
    // A short sentence: the next one too, within the paragraph.
    if (end - from < 50 && end < text.length && text[end] !== "\n") end = sentenceEnd(text, end);
    if (end - from > EXCERPT) end = outside(spans, Math.max(firstEnd, from + EXCERPT), true);
    pieces.push([from, end]);
    return { pieces, more: end < text.length && !ENDS.includes(text[end - 1]) && !CLOSERS.includes(text[end - 1]) };
  }

  function excerptNode(text, parts) {
    const spans = parts.length ? occurrences(foldText(text), parts) : [];
    const { pieces, more: cut } = excerptPieces(text, spans);
    const p = el("p", { class: "excerpt" });
    pieces.forEach(([a, b], k) => {
      if (k > 0) p.append("…");
      let at = a;
      for (const [s, e] of spans) {
        if (e <= a || s >= b) continue;
        const ms = Math.max(s, a), me = Math.min(e, b);
        if (ms > at) p.append(text.slice(at, ms));
        p.append(el("mark", { text: text.slice(ms, me) }));
        at = me;
      }
      if (at < b) p.append(text.slice(at, b));
    });
    if (cut) p.append("…");
    return p;
  }

  // ---- state <-> URL ------------------------------------------------------------------
  let chosenSort = ""; // "" = the default: relevance with a query, newest first without

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [key] of FACETS) {
      const values = params.getAll(key).filter(Boolean);
      if (values.length) filters[key] = Array.from(new Set(values));
    }
    const sort = params.get("sort");
    return { q: params.get("q") || "", sort: SORTS.includes(sort) ? sort : "", filters };
  }

  function currentState() {
    const filters = {};
    for (const box of facetsBox.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.name] ||= []).push(box.value);
    }
    return { q: input.value.trim(), sort: chosenSort, filters };
  }

  const effectiveSort = (state) => {
    const sort = state.sort || (state.q.trim() ? "relevance" : "date");
    return sort === "relevance" && !state.q.trim() ? "date" : sort;
  };

  function writeState(state, push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const [key, values] of Object.entries(state.filters)) for (const v of values) params.append(key, v);
    if (state.sort) params.set("sort", state.sort);
    const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
    if (url === `${location.pathname}${location.search}`) return;
    history[push ? "pushState" : "replaceState"](state, "", url);
  }

  function showSort(state) {
    const hasQuery = Boolean(state.q.trim());
    sortSelect.querySelector("option[value=relevance]").disabled = !hasQuery;
    sortSelect.value = effectiveSort(state);
  }

  function showHint() {
    if (hint) {
      hint.textContent = wide.matches ? say("hintWide") : say("hintNarrow");
    }
  }

  // ---- searching and rendering -------------------------------------------------------
  let runId = 0;
  let results = []; // ids in display order
  let shown = PAGE;
  let lastParts = [];

  function fragment(id) {
    if (fragments.has(id)) return fragments.get(id);
    const promise = fetch(`${indexUrl}${HANT ? "h" : "d"}/${id}.json?v=${meta.version}`).then((res) => {
      if (!res.ok) throw new Error(`article ${id}: HTTP ${res.status}`);
      return res.json();
    });
    promise.catch(() => fragments.delete(id));
    return remember(fragments, id, promise, 200);
  }

  function resultNode(doc, parts) {
    const href = new URL(doc.u, base).pathname;
    const bits = [doc.d, doc.c, doc.r, doc.s].filter(Boolean).join(" · ");
    return el("li", { class: "search-result" },
      el("h3", {}, el("a", { href, text: doc.t || doc.u })),
      el("p", { class: "meta", text: bits }),
      excerptNode(doc.x || "", parts));
  }

  async function renderResults(token) {
    const ids = results.slice(0, shown);
    const docs = await Promise.all(ids.map(fragment));
    await ensureFold(...docs.map((d) => d.x || ""));
    if (token !== runId) return;
    list.replaceChildren(...docs.map((d) => resultNode(d, lastParts)));
    more.hidden = results.length <= shown;
  }

  function noResults(state, folded) {
    const tips = [];
    if (Object.keys(state.filters).length) tips.push(el("li", { text: say("tipFilters") }));
    tips.push(el("li", { text: say("tipShorter") }));
    if (state.q.trim().split(SPACE).length > 1) tips.push(el("li", { text: say("tipFewer") }));
    tips.push(el("li", {}, say("tipBrowse"), el("a", { href: root.dataset.categories || "../category/", text: say("allCategories") })));
    const note = folded !== state.q && !HANT ? say("folded", { q: folded }) : "";
    return el("div", { class: "search-empty" },
      el("p", { text: say("none", { q: state.q || say("chosen"), note }) }),
      el("p", { text: say("advice") }), el("ul", {}, ...tips));
  }

  async function run(state, { push = false, fromUrl = false } = {}) {
    const token = ++runId;
    if (!fromUrl) writeState(state, push);
    showSort(state);
    if (!meta) return;
    const started = performance.now();
    const filtersOn = Object.values(state.filters).some((v) => v.length);
    const q = state.q.trim();
    if (!q && !filtersOn) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = say("idle");
      renderFacets(applyFilters(allDocs(), {}).counts, state);
      rendered(started);
      return;
    }
    await ensureFold(q);
    if (token !== runId) return;
    const parts = q ? queryParts(q) : [];
    if (!parts.length && !filtersOn) {
      status.textContent = say("empty");
      results = [];
      list.replaceChildren();
      more.hidden = true;
      rendered(started);
      return;
    }
    let found;
    try {
      found = parts.length ? await match(parts) : null;
    } catch (err) {
      if (token !== runId) return;
      status.textContent = say("failed");
      root.dataset.error = String(err);
      return;
    }
    if (token !== runId) return;
    const docs = found ? found.docs : allDocs();
    const { kept, counts } = applyFilters(docs, state.filters);
    const sort = effectiveSort(state);
    if (sort === "relevance" && found) {
      kept.sort((a, b) => found.titles[b] - found.titles[a] || found.counts[b] - found.counts[a] || docs[b] - docs[a]);
    } else if (sort !== "oldest") {
      kept.reverse(); // ids run oldest first
    }
    results = kept.map((i) => docs[i]);
    lastParts = parts;
    shown = PAGE;
    renderFacets(counts, state);
    const folded = toSimplified(q);
    if (!results.length) {
      list.replaceChildren();
      more.hidden = true;
      status.replaceChildren(noResults(state, folded));
      rendered(started);
      return;
    }
    const scope = parts.length ? say("containing", { q }) : say("matching");
    // On the Traditional page every query is Traditional: saying so each time would be noise.
    const note = folded !== q && !HANT ? say("folded", { q: folded }) : "";
    status.textContent = say("found", { n: results.length, scope, note });
    await renderResults(token);
    if (token === runId) rendered(started);
  }

  let everyDoc = null;
  const allDocs = () => (everyDoc ||= Int32Array.from({ length: meta.n }, (_, i) => i));

  // For bench/search.py and the tests: when the last search finished rendering, how long it
  // took, and every result's URL (not only the page shown).
  function rendered(started) {
    const now = performance.now();
    root.dataset.renderMs = String(Math.round(now - started));
    root.dataset.renderedAt = String(now);
  }
  root.searchResultIds = () => results.slice();

  // ---- events -------------------------------------------------------------------------
  let timer = 0;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(currentState()), 30);
  };
  input.addEventListener("input", (e) => { if (!e.isComposing) soon(); });
  input.addEventListener("compositionend", soon);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run(currentState(), { push: true });
  });
  input.addEventListener("change", () => run(currentState(), { push: true }));
  sortSelect.addEventListener("change", () => {
    const state = currentState();
    chosenSort = sortSelect.value === (state.q ? "relevance" : "date") ? "" : sortSelect.value;
    run(currentState(), { push: true });
  });
  facetsBox.addEventListener("change", async () => {
    await run(currentState(), { push: true });
    if (!wide.matches) {
      // On a phone the panel covers the results: close it and show what the choice gave.
      const panel = facetsBox.querySelector(".facets-panel");
      if (panel) panel.open = facetsOpen = false;
      status.scrollIntoView({ block: "start", behavior: "instant" });
    }
  });
  facetsBox.addEventListener("click", (e) => {
    const btn = e.target.closest(".facet-toggle");
    if (!btn) return;
    btn.setAttribute("aria-expanded", String(btn.getAttribute("aria-expanded") !== "true"));
    renderFacets(shownCounts, currentState());
  });
  more.addEventListener("click", () => {
    shown += PAGE;
    renderResults(runId);
  });
  window.addEventListener("popstate", () => applyState(readState()));
  wide.addEventListener("change", () => {
    const panel = facetsBox.querySelector(".facets-panel");
    if (panel) panel.open = wide.matches || facetsOpen;
    showHint();
  });

  function applyState(state) {
    input.value = state.q;
    chosenSort = state.sort;
    for (const box of facetsBox.querySelectorAll("input[type=checkbox]")) {
      box.checked = (state.filters[box.name] || []).includes(box.value);
    }
    return run(state, { fromUrl: true });
  }

  async function start() {
    const state = readState();
    input.value = state.q;
    chosenSort = state.sort;
    showSort(state);
    showHint();
    root.hidden = false;
    status.textContent = say("loading");
    try {
      const res = await fetch(`${indexUrl}meta.json`, { cache: "no-cache" });
      if (!res.ok) throw new Error(`meta.json: HTTP ${res.status}`);
      meta = await res.json();
      heavy = new Set(Array.from(meta.heavy1));
      const pairs = Array.from(meta.heavy2);
      for (let i = 0; i + 1 < pairs.length; i += 2) heavy.add(pairs[i] + pairs[i + 1]);
      decodeColumns();
      if (HANT) {
        const res = await fetch(`${indexUrl}h/names.json?v=${meta.version}`);
        if (res.ok) {
          const names = await res.json();
          for (const [key, list] of Object.entries(names)) if (columns[key]) columns[key].names = list;
        }
      }
      buildFacets();
    } catch (err) {
      status.textContent = location.protocol === "file:" ? say("needServer") : say("failed");
      root.dataset.error = String(err);
      return;
    }
    await applyState(readState());
    root.dataset.ready = "1";
    root.dataset.facets = "1";
  }

  start();
})();
