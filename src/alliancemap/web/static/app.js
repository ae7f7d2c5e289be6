// alliancemap desk: one page, views chosen by the URL hash (#/view/arg?filters), so every view can be
// bookmarked. Every piece of data (names, titles, article text) enters the DOM through textContent or
// attributes set by code — never as HTML — because articles are untrusted input.
import { STRINGS, TYPES, DOMAINS_AR, STATUS, CONFLICT_KEYS, REASONS_AR } from "./i18n.js";

const FILTER_KEYS = ["from", "to", "type", "domain", "min_sources", "q", "country"];
const state = { meta: null, world: null };

// ---------------------------------------------------------------------------------------------- DOM
// Append children to a view, skipping the null / false of conditional parts (Element.append would
// print them as the text "null").
function put(root, ...children) {
  root.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const svgNS = "http://www.w3.org/2000/svg";
function s(tag, attrs = {}) {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  return el;
}
const bdi = (text) => h("bdi", {}, text ?? "");  // isolates a name of the other script inside a sentence

// ----------------------------------------------------------------------------------------- routing
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = (path || "map").split("/").map(decodeURIComponent);
  return { view: parts[0] || "map", args: parts.slice(1), params: new URLSearchParams(query || "") };
}
function lang() { return parseHash().params.get("lang") === "ar" ? "ar" : "en"; }
const t = (key) => STRINGS[lang()][key] ?? key;
const typeName = (ty) => TYPES[lang()][ty] || ty;
const domainName = (d) => (lang() === "ar" ? DOMAINS_AR[d] : null) || d.replaceAll("_", " ");
const statusName = (st) => (st ? STATUS[lang()][st] || st : null);
const conflictName = (key) => CONFLICT_KEYS[lang()][key] || key.replace(/^attributes\./, "").replaceAll("_", " ");

function link(view, args = [], extra = {}) {
  const { params } = parseHash();
  const keep = new URLSearchParams();
  for (const k of [...FILTER_KEYS, "lang"]) if (params.get(k)) keep.set(k, params.get(k));
  for (const [k, v] of Object.entries(extra)) if (v === null) keep.delete(k); else keep.set(k, v);
  const path = [view, ...args.map(encodeURIComponent)].join("/");
  const q = keep.toString();
  return "#/" + path + (q ? "?" + q : "");
}
function filters() {
  const { params } = parseHash();
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) if (params.get(k)) out.set(k === "from" || k === "to" ? k : k, params.get(k));
  return out;
}

// --------------------------------------------------------------------------------------------- API
async function api(path, params) {
  const url = "/api/" + path + (params && params.toString() ? "?" + params : "");
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error((body.error && body.error.message) || res.statusText), { code: body.error?.code });
  return body;
}

// ------------------------------------------------------------------------------------------- names
function sideName(key) {
  const p = (state.meta?.parties || []).find((x) => x.key === key);
  if (p) return p.names[lang()] || key;
  const [country, faction] = key.split(":");
  const c = state.meta?.countries?.[country];
  const base = c ? c[lang()] : country;
  return faction ? `${base} (${faction})` : base;
}
// A source without a known outlet (a text file, a feed without its site) is named as an article, with
// the start of its id to tell two apart, rather than by a bare hexadecimal id.
function outletLabel(outlet, articleId) {
  return outlet ? bdi(outlet) : h("span", { title: articleId }, t("article"), " ", ltr(String(articleId).slice(0, 6)));
}
function sideLink(key) { return h("a", { href: link("party", [key]), class: "side" }, bdi(sideName(key))); }
// Dates and other digit-and-hyphen runs stay left to right inside Arabic text ("2025-07-18", not "18-07-2025").
const ltr = (text) => (text ? h("bdi", { dir: "ltr" }, text) : "");
function fmtDate(d) { return d ? ltr(d) : t("undated"); }
const comma = () => (lang() === "ar" ? "، " : ", ");  // the Arabic comma and semicolon in an Arabic interface
const semi = () => (lang() === "ar" ? "؛ " : "; ");
const nSources = (n) => `${n} ${n === 1 ? t("oneSource") : t("nSources")}`;  // "1 source", not "1 Sources"

// ----------------------------------------------------------------------------------------- chrome
function renderChrome() {
  const l = lang();
  document.documentElement.lang = l;
  document.documentElement.dir = l === "ar" ? "rtl" : "ltr";
  const { view } = parseHash();
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t("views"));
  nav.replaceChildren(...[["map", t("map")], ["network", t("network")], ["events", t("events")]].map(([v, label]) =>
    h("a", { href: link(v), "aria-current": view === v ? "page" : null }, label)));
  const btn = document.getElementById("lang");
  btn.textContent = t("switchLang");
  btn.setAttribute("lang", l === "ar" ? "en" : "ar");
  btn.onclick = () => { location.hash = link(parseHash().view, parseHash().args, { lang: l === "ar" ? "en" : "ar" }); };
  renderFilters();
}

function renderFilters() {
  const form = document.getElementById("filters");
  const { params } = parseHash();
  const meta = state.meta || { types: [], domains: [] };
  const field = (label, input) => h("label", {}, h("span", {}, label), input);
  const select = (name, options, render) => {
    const el = h("select", { name }, h("option", { value: "" }, t("any")),
      options.map((o) => h("option", { value: o, selected: params.get(name) === o }, render(o))));
    return el;
  };
  form.replaceChildren(
    field(t("search"), h("input", { type: "search", name: "q", value: params.get("q") || "",
      placeholder: t("searchPlaceholder"), dir: "auto", maxlength: 200 })),
    field(t("from"), h("input", { name: "from", value: params.get("from") || "", placeholder: t("datePlaceholder"), dir: "ltr",
      pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10, inputmode: "numeric" })),
    field(t("to"), h("input", { name: "to", value: params.get("to") || "", placeholder: t("datePlaceholder"), dir: "ltr",
      pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10, inputmode: "numeric" })),
    field(t("type"), select("type", meta.types, typeName)),
    field(t("domain"), select("domain", meta.domains, domainName)),
    field(t("minSources"), h("input", { type: "number", name: "min_sources", min: 1, max: 50,
      value: params.get("min_sources") || "", size: 3 })),
    h("button", { type: "submit" }, t("apply")),
    h("button", { type: "button", class: "secondary", onclick: () => {
      location.hash = link(parseHash().view, parseHash().args, Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
    } }, t("clear")),
  );
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const extra = {};
    for (const k of FILTER_KEYS) if (form.elements.namedItem(k)) extra[k] = (fd.get(k) || "").toString().trim() || null;
    let { view, args } = parseHash();
    if (extra.q && (view === "map" || view === "network")) { view = "events"; args = []; }
    location.hash = link(view, args, extra);
  };
}

// ------------------------------------------------------------------------------------------- views
function tieTitle(e) {
  return `${sideName(e.a)} — ${sideName(e.b)}: ${e.n_events} ${t("nEvents")}, ${e.n_sources} ${t("nSources")}`;
}
function activate(el, go) {  // a focusable SVG element that behaves like a link for keyboard users
  el.setAttribute("tabindex", "0");
  el.setAttribute("role", "link");
  el.addEventListener("click", go);
  el.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
}

function factionOffset(faction) {
  return { east: [5, 0], west: [-5, 0], north: [0, 3], south: [0, -3] }[faction] || [0, 0];
}

// The map and the network draw ties, not their outlets: asked without them, a period's graph is a
// fraction of its size on a large store (each tie's n_outlets still comes).
function graphParams() {
  const params = filters();
  params.set("outlets", "0");
  return params;
}

async function viewMap(root) {
  const graph = await api("graph", graphParams());
  if (!state.world) state.world = await (await fetch("/static/vendor/countries-110m.json")).json();
  const byNumeric = {};
  for (const [a3, c] of Object.entries(state.meta.countries)) byNumeric[c.numeric] = a3;
  const width = 960, height = 500;
  const countries = topojson.feature(state.world, state.world.objects.countries).features;
  const activeCodes = new Set(graph.nodes.map((n) => n.country));
  const focus = countries.filter((f) => activeCodes.has(byNumeric[f.id]));
  // Zoom to the countries that have ties (the whole world when there are none).
  const projection = d3.geoNaturalEarth1().fitExtent([[30, 30], [width - 30, height - 30]],
    focus.length ? { type: "FeatureCollection", features: focus } : { type: "Sphere" });
  const path = d3.geoPath(projection);
  const centroid = {};
  for (const f of countries) { const a3 = byNumeric[f.id]; if (a3) centroid[a3] = d3.geoCentroid(f); }
  const active = new Set(graph.nodes.map((n) => n.country));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "img", "aria-label": t("map") });
  svg.append(s("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  const gCountries = s("g");
  for (const f of countries) {
    const a3 = byNumeric[f.id];
    const el = s("path", { d: path(f), class: active.has(a3) ? "country active" : "country", "data-country": a3 || "" });
    const title = s("title"); title.textContent = a3 ? sideName(a3) : (f.properties?.name || ""); el.append(title);
    if (active.has(a3)) activate(el, () => { location.hash = link("party", [a3]); });
    gCountries.append(el);
  }
  svg.append(gCountries);
  const pos = (key) => {
    const [country, faction] = key.split(":");
    const c = centroid[country];
    if (!c) return null;
    const [dx, dy] = factionOffset(faction);
    return projection([c[0] + dx, c[1] + dy]);
  };
  const maxSources = Math.max(1, ...graph.ties.map((e) => e.n_sources));
  const gArcs = s("g", { class: "arcs" });
  for (const e of graph.ties) {
    const a = pos(e.a), b = pos(e.b);
    if (!a || !b) continue;
    const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2 - Math.hypot(b[0] - a[0], b[1] - a[1]) * 0.25;
    const el = s("path", { d: `M${a[0]},${a[1]} Q${mx},${my} ${b[0]},${b[1]}`, class: "arc",
      "stroke-width": 1 + 7 * (e.n_sources / maxSources), "data-tie": `${e.a}|${e.b}` });
    const title = s("title"); title.textContent = tieTitle(e); el.append(title);
    activate(el, () => { location.hash = link("dyad", [e.a, e.b]); });
    gArcs.append(el);
  }
  svg.append(gArcs);
  const gNodes = s("g", { class: "nodes" });
  const dotScale = window.innerWidth < 600 ? 2.5 : 1;  // the map shrinks to a third on a phone: dots stay tappable
  for (const n of graph.nodes) {
    const p = pos(n.id);
    if (!p) continue;
    const el = s("circle", { cx: p[0], cy: p[1], r: (n.faction ? 6 : 4) * dotScale, class: n.faction ? "dot faction" : "dot",
      "data-party": n.id });
    const title = s("title"); title.textContent = sideName(n.id); el.append(title);
    activate(el, () => { location.hash = link("party", [n.id]); });
    gNodes.append(el);
    if (n.faction) {
      const left = n.faction === "west";  // two factions of one country sit side by side: labels outward
      const label = s("text", { x: p[0] + (left ? -8 : 8) * dotScale, y: p[1] + 4 * dotScale, class: "dot-label",
        "text-anchor": left ? "end" : "start", "data-dot-x": p[0], "data-gap": 8 * dotScale });
      label.textContent = sideName(n.id);
      gNodes.append(label);
    }
  }
  svg.append(gNodes);
  put(root, h("p", { class: "hint" }, t("mapHint")), h("div", { class: "figure" }, svg), h("div", { class: "scroll" }, tiesTable(graph.ties.slice(0, 30))));
  return () => keepLabelsInside(svg, width);
}

// A faction's label runs past the drawing's edge when its dot is near it (on a phone the labels are drawn
// 2.5 times larger): it moves to the other side of its dot, or is pulled inside. Run once the map is on the
// page, where a label can be measured.
function keepLabelsInside(svg, width, margin = 4) {
  for (const label of svg.querySelectorAll("text.dot-label")) {
    const box = label.getBBox();
    const over = box.x + box.width > width - margin, under = box.x < margin;
    if (!over && !under) continue;
    const dot = Number(label.dataset.dotX), gap = Number(label.dataset.gap);
    label.setAttribute("text-anchor", over ? "end" : "start");
    label.setAttribute("x", over ? dot - gap : dot + gap);
    const moved = label.getBBox();
    const shift = Math.max(0, margin - moved.x) - Math.max(0, moved.x + moved.width - (width - margin));
    if (shift) label.setAttribute("x", Number(label.getAttribute("x")) + shift);
  }
}

function tiesTable(edges) {
  if (!edges.length) return h("p", {}, t("noPartners"));
  return h("table", { class: "ties" },
    h("thead", {}, h("tr", {}, [t("parties"), t("nEvents"), t("nSources"), t("types"), t("domains"), t("first"), t("last")]
      .map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, edges.map((e) => h("tr", {},
      h("td", { "data-label": t("parties") }, h("a", { href: link("dyad", [e.a, e.b]) }, bdi(sideName(e.a)), " — ", bdi(sideName(e.b)))),
      h("td", { class: "num", "data-label": t("nEvents") }, e.n_events),
      h("td", { class: "num", "data-label": t("nSources") }, e.n_sources),
      h("td", { "data-label": t("types") }, Object.keys(e.types).map(typeName).join(comma())),
      h("td", { "data-label": t("domains") }, Object.keys(e.domains).map(domainName).join(comma())),
      h("td", { "data-label": t("first") }, fmtDate(e.first_date)),
      h("td", { "data-label": t("last") }, fmtDate(e.last_date))))));
}

async function viewNetwork(root) {
  const graph = await api("graph", graphParams());
  const narrow = window.innerWidth < 600;
  const [width, height] = narrow ? [420, 620] : [900, 560];  // a phone gets a tall canvas: labels stay legible
  const nodes = graph.nodes.map((n) => ({ ...n }));
  const links = graph.ties.map((e) => ({ ...e, source: e.a, target: e.b }));
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(110))
    .force("charge", d3.forceManyBody().strength(-320))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide(34))
    .force("x", d3.forceX(width / 2).strength(0.06))  // keeps unconnected groups on the canvas, not at its edges
    .force("y", d3.forceY(height / 2).strength(0.06)).stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) { n.x = Math.max(40, Math.min(width - 40, n.x)); n.y = Math.max(24, Math.min(height - 24, n.y)); }
  const maxSources = Math.max(1, ...links.map((e) => e.n_sources));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "network", role: "img", "aria-label": t("network") });
  for (const e of links) {
    const el = s("line", { x1: e.source.x, y1: e.source.y, x2: e.target.x, y2: e.target.y, class: "edge",
      "stroke-width": 1 + 7 * (e.n_sources / maxSources), "data-tie": `${e.source.id}|${e.target.id}` });
    const title = s("title"); title.textContent = tieTitle(e); el.append(title);
    activate(el, () => { location.hash = link("dyad", [e.source.id, e.target.id]); });
    svg.append(el);
  }
  for (const n of nodes) {
    const g = s("g", { class: n.faction ? "node faction" : "node", transform: `translate(${n.x},${n.y})`, "data-party": n.id });
    const r = 6 + Math.sqrt(n.strength || n.n_events || 1) * 2;
    g.append(s("circle", { r }));
    const label = s("text", { y: -4 - r, "text-anchor": "middle" });
    label.textContent = sideName(n.id);
    g.append(label);
    activate(g, () => { location.hash = link("party", [n.id]); });
    svg.append(g);
  }
  put(root, h("p", { class: "hint" }, t("networkHint")), h("div", { class: "figure" }, svg));
}

function monthChart(months) {
  if (!months.length) return h("p", {}, t("noEvents"));
  const first = months[0].month, last = months[months.length - 1].month;
  const all = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while ((y < ly || (y === ly && m <= lm)) && all.length < 600) {
    all.push(`${y}-${String(m || 1).padStart(2, "0")}`);
    m += 1; if (m > 12) { m = 1; y += 1; }
  }
  const counts = Object.fromEntries(months.map((x) => [x.month.length === 4 ? x.month + "-01" : x.month, x.events]));
  const max = Math.max(1, ...Object.values(counts));
  const W = 640, H = 120, bw = Math.min(40, W / Math.max(1, all.length));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H + 20}`, class: "chart", role: "img", "aria-label": t("perMonth") });
  all.forEach((mo, i) => {
    const n = counts[mo] || 0;
    const bh = (H - 4) * (n / max);
    const r = s("rect", { x: i * bw + 1, y: H - bh, width: Math.max(1, bw - 2), height: bh, class: "bar" });
    const title = s("title"); title.textContent = `${mo}: ${n}`; r.append(title);
    svg.append(r);
  });
  for (const [i, mo] of [[0, all[0]], [all.length - 1, all[all.length - 1]]]) {
    const label = s("text", { x: i === 0 ? 0 : W, y: H + 15, "text-anchor": i === 0 ? "start" : "end", class: "axis" });
    label.textContent = mo; svg.append(label);
  }
  return h("figure", { class: "chart-box" }, h("figcaption", {}, t("perMonth")), svg);
}

function eventRow(ev, { showParties = true } = {}) {
  return h("li", { class: "event-row" },
    h("a", { href: link("event", [ev.event_id]), class: "event-link" },
      h("span", { class: "date" }, fmtDate(ev.date)), " ",
      h("span", { class: `type t-${ev.type}` }, typeName(ev.type))),
    showParties ? h("span", { class: "parties" }, ...ev.parties.flatMap((p, i) =>
      [i ? " · " : "", bdi(sideName(p.faction ? `${p.country}:${p.faction}` : p.country))])) : null,
    // "في" before the place in Arabic: a bare "@" before a Latin name reads "Islamabad @" right to left
    ev.location?.name ? h("span", { class: "place" }, t("at"), " ", bdi(ev.location.name)) : null,
    ev.domains.length ? h("span", { class: "domains" }, ev.domains.map(domainName).join(comma())) : null,
    h("span", { class: "nsrc", title: t("nSources") }, nSources(ev.n_sources)),
    ev.people.length ? h("span", { class: "people" }, ...ev.people.slice(0, 4).flatMap((p, i) =>
      [i ? comma() : "", bdi((lang() === "ar" ? p.name_ar : p.name_en) || p.name)])) : null);
}

function claimsList(claims) {
  if (!claims.length) return h("p", { class: "muted" }, t("noClaims"));
  return h("ul", { class: "claims" }, claims.map((c) => h("li", {},
    c.negated ? h("span", { class: "badge denial" }, t("denies")) : null,  // a denial: the speaker rejects this
    h("blockquote", { dir: "auto", lang: c.lang || null }, c.text),
    h("div", { class: "cite" }, "— ", bdi(c.speaker), c.speaker_role ? [", ", bdi(c.speaker_role)] : null,
      " · ", h("a", { href: link("article", [c.article_id]) }, outletLabel(c.outlet, c.article_id)), " ",
      ltr((c.published || "").slice(0, 10))))));
}

async function viewParty(root, [key]) {
  const p = await api("parties/" + encodeURIComponent(key), filters());
  put(root, h("h1", {}, h("span", { class: "kicker" }, t("partyOf"), " "), bdi(sideName(p.party))));
  const rows = p.partners.map((e) => h("tr", {},
    h("td", { "data-label": t("partner") }, sideLink(e.partner)),
    h("td", { class: "num", "data-label": t("nEvents") }, e.n_events),
    h("td", { class: "num", "data-label": t("nSources") }, e.n_sources),
    h("td", { "data-label": t("types") }, Object.entries(e.types).map(([k, n]) => `${typeName(k)} ${n}`).join(comma())),
    h("td", { "data-label": t("domains") }, Object.keys(e.domains).map(domainName).join(comma())),
    h("td", { "data-label": t("first") }, fmtDate(e.first_date)), h("td", { "data-label": t("last") }, fmtDate(e.last_date)),
    h("td", { class: "outlets", "data-label": t("outlet") }, ...(e.outlets || []).flatMap((o, i) => [i ? comma() : "", bdi(o)])),
    h("td", {}, h("a", { href: link("dyad", [e.party || p.party, e.partner]), class: "button" }, t("showDyad")))));
  put(root, h("h2", {}, t("partners")), p.partners.length ? h("div", { class: "scroll" }, h("table", { class: "ties" },
    h("thead", {}, h("tr", {}, [t("partner"), t("nEvents"), t("nSources"), t("types"), t("domains"), t("first"), t("last"), t("outlet"), ""]
      .map((x) => h("th", { scope: "col" }, x)))), h("tbody", {}, rows))) : h("p", {}, t("noPartners")));
  put(root, monthChart(p.months));
  put(root, h("h2", {}, t("recentEvents")), p.more_events ? h("p", {}, h("a", { href: link("events", [], { country: p.party }) }, t("more"))) : null, p.events.length ? h("ul", { class: "events" }, p.events.map((ev) => eventRow(ev))) : h("p", {}, t("noEvents")));
  put(root, h("h2", {}, t("claims")), claimsList(p.claims));
}

async function viewDyad(root, [a, b]) {
  const d = await api(`dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, filters());
  put(root, h("h1", {}, h("span", { class: "kicker" }, t("dyadOf"), " "), sideLink(d.a.key), " — ", sideLink(d.b.key)));
  put(root, monthChart(d.months));
  put(root, h("h2", {}, t("timeline")), d.events.length ? h("ol", { class: "events timeline" }, d.events.map((ev) => eventRow(ev, { showParties: false }))) : h("p", {}, t("noEvents")));
  put(root, h("h2", {}, t("claims")), claimsList(d.claims));
}

function safeUrl(url) {
  try { const u = new URL(url); return u.protocol === "http:" || u.protocol === "https:" ? u.href : null; } catch { return null; }
}

function highlighted(text, start, end) {  // the article text with the evidence span marked, as text nodes
  const ok = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length;
  if (!ok) return [text];
  const mark = h("mark", { class: "evidence" }, text.slice(start, end));
  return [text.slice(0, start), mark, text.slice(end)];
}

function dl(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length))
    .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

async function viewEvent(root, [id]) {
  const ev = await api("events/" + encodeURIComponent(id));
  // an id the merge retired (the event was re-keyed as reports arrived): the address shows the current
  // one, so a bookmark or a shared link made from this page keeps working, and Back skips the old id
  if (ev.event_id !== id) history.replaceState(history.state, "", link("event", [ev.event_id]));
  const parties = ev.parties.map((p) => p.faction ? `${p.country}:${p.faction}` : p.country);
  put(root, h("h1", {}, h("span", { class: `type t-${ev.type}` }, typeName(ev.type)), " ",
    ...parties.flatMap((k, i) => [i ? " — " : "", sideLink(k)])));
  const conflicts = Object.keys(ev.conflicts || {});
  put(root, dl([
    [t("date"), fmtDate(ev.date)],
    [t("parties"), parties.length === 2 ? h("a", { href: link("dyad", parties) }, t("timeline")) : null],
    [t("people"), ev.people.length ? ev.people.flatMap((p, i) => [i ? semi() : "", personName(p), p.name_ar && p.name_ar !== (p.name_en || p.name) ? [" / ", h("bdi", { dir: "rtl", lang: "ar" }, p.name_ar)] : null, p.role ? [" (", bdi(p.role), ")"] : null]) : null],
    [t("place"), ev.location?.name ? bdi(ev.location.name) : null],
    [t("domains"), ev.domains.map(domainName).join(comma())],
    [t("status"), statusName(ev.status)],
    [t("confidence"), ev.confidence != null ? ev.confidence.toFixed(2) : null],
    [t("conflicts"), conflicts.map(conflictName).join(comma())],
  ]));
  const joined = new Map((ev.members || []).map((m) => [m.article_id, m]));
  put(root, h("h2", {}, t("sources"), ` (${ev.sources.length})`));
  const list = h("div", { class: "sources" });
  put(root, list);
  for (const src of ev.sources) {
    const art = await api("articles/" + encodeURIComponent(src.article_id)).catch(() => null);
    const isAr = (art?.lang || src.lang) === "ar";
    const url = safeUrl(src.url);
    const own = [["date", src.date], ["place", src.location?.name], ["domains", (src.domains || []).map(domainName).join(comma())]]
      .filter(([, v]) => v).map(([k, v]) => `${t(k)}: ${v}`).join(" · ");
    list.append(h("article", { class: "source", "data-article": src.article_id },
      h("header", {},
        h("a", { href: link("article", [src.article_id]), class: "outlet" }, outletLabel(src.outlet, src.article_id)), " · ",
        ltr((src.published || "").slice(0, 10)), " ",
        url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", class: "external" }, t("openOriginal")) : null),
      h("h3", { dir: "auto", lang: art?.lang || null }, art?.title || src.title || ""),
      own ? h("p", { class: "own" }, t("articleSays"), ": ", own) : null,
      joinedBecause(joined.get(src.article_id)),
      h("blockquote", { class: "evidence-sentence", dir: isAr ? "rtl" : "auto", lang: art?.lang || null }, src.sentence || ""),
      art ? h("div", { class: "article-text", dir: isAr ? "rtl" : "auto", lang: art.lang || null },
        ...highlighted(art.text, src.start, src.end)) : null));
  }
  if ((ev.near_misses || []).length) {
    put(root, h("h2", {}, t("keptApart")), h("ul", { class: "near-misses" }, ev.near_misses.map((n) => h("li", {},
      h("a", { href: link("event", [n.other_event_id]) }, fmtDate(n.other_date), " ", typeName(n.other_type || "")),
      " · ", t("score"), " ", n.score.toFixed(2), n.reasons.length ? [" · ", h("span", { dir: "auto", class: "reason" }, reasonText(n.reasons[n.reasons.length - 1]))] : null))));
  }
  const mark = list.querySelector("mark.evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// Why the merge put this article's mention in the event: its score and the evidence it weighed.
function joinedBecause(member) {
  if (!member || !member.evidence.length) return null;
  return h("p", { class: "joined" }, t("joinedBecause"), " ",
    h("span", { dir: "auto", class: "reason" }, member.evidence.flatMap((r, i) => [i ? semi() : "", reasonText(r)])),
    ` (${t("score")} ${member.score.toFixed(2)})`);
}

// A merge reason in the interface's language: in Arabic, the wording of REASONS_AR around the reason's own
// values (names and dates isolated, types and sides named as everywhere else); a reason it does not know
// is shown as stored, isolated left to right. English: as stored.
function reasonText(reason) {
  if (lang() !== "ar") return reason;
  for (const [pattern, wording] of REASONS_AR) {
    const m = reason.match(pattern);
    if (m) return wording.split(/(\{[a-z]?\d\})/).map((part) => reasonValue(part, m));
  }
  return h("bdi", { dir: "ltr", lang: "en" }, reason);
}
function reasonValue(part, m) {
  const ref = part.match(/^\{([a-z]?)(\d)\}$/);
  if (!ref) return part;
  const value = m[Number(ref[2])] ?? "";
  switch (ref[1]) {
    case "d": return ltr(value);
    case "t": return bdi(typeName(value));
    case "s": return bdi(sideName(value));
    case "p": return value.split("+").flatMap((k, i) => [i ? " + " : "", bdi(sideName(k))]);
    case "r": return value.split("; ").flatMap((r, i) => [i ? semi() : "", reasonText(r)]);
    default: return bdi(value);
  }
}

function personName(p) {  // a person with a resolved actor id links to their page
  const name = bdi(p.name_en || p.name);
  return p.actor_id ? h("a", { href: link("person", [p.actor_id]), class: "person" }, name) : name;
}

async function viewPerson(root, [id]) {
  const a = await api("actors/" + encodeURIComponent(id));
  const main = (lang() === "ar" ? a.names.ar : a.names.en) || a.names.en || a.names.ar || a.id;
  const other = lang() === "ar" ? a.names.en : a.names.ar;
  put(root, h("h1", {}, h("span", { class: "kicker" }, t("person"), " "), bdi(main),
    other && other !== main ? [" / ", h("bdi", { dir: "auto" }, other)] : null));
  put(root, dl([
    [t("country"), a.country ? sideLink(a.faction ? `${a.country}:${a.faction}` : a.country) : null],
    [t("aliases"), a.aliases.length ? a.aliases.slice(0, 12).flatMap((x, i) => [i ? comma() : "", bdi(x)]) : null],
  ]));
  if (a.roles.length) {
    put(root, h("h2", {}, t("roles")), h("ul", { class: "roles" }, a.roles.map((r) => h("li", {},
      h("bdi", { dir: "auto" }, r.role), " · ", fmtDate(r.first_seen), r.last_seen && r.last_seen !== r.first_seen ? [" – ", ltr(r.last_seen)] : "",
      " · ", ...(r.sources || []).slice(0, 5).flatMap((src, i) => [i ? comma() : "", h("a", { href: link("article", [src.article_id]) }, outletLabel(src.outlet, src.article_id))])))));
  }
  if (a.partners.length) {
    put(root, h("h2", {}, t("partners")), h("ul", { class: "partners" }, a.partners.map((p) =>
      h("li", {}, sideLink(p.faction ? `${p.country}:${p.faction}` : p.country), ` · ${p.events} ${t("total")}`))));
  }
  put(root, h("h2", {}, t("recentEvents")), a.events.length ? h("ul", { class: "events" }, a.events.map((e) =>
    h("li", {}, h("a", { href: link("event", [e.event_id]), class: "event-link" }, fmtDate(e.date), " ", typeName(e.type))))) : h("p", {}, t("noEvents")));
}

async function viewArticle(root, [id]) {
  const art = await api("articles/" + encodeURIComponent(id));
  const url = safeUrl(art.url);
  put(root, h("h1", { dir: "auto", lang: art.lang || null }, art.title || art.article_id),
    h("p", { class: "muted" }, bdi(art.outlet || ""), " · ", ltr((art.published || "").slice(0, 10)), " ",
      url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, t("openOriginal")) : null),
    art.events.length ? h("div", {}, h("h2", {}, t("relatedEvents")), h("ul", { class: "events" }, art.events.map((e) =>
      h("li", {}, h("a", { href: link("event", [e.event_id]) }, fmtDate(e.date), " ", typeName(e.type)))))) : null,
    h("div", { class: "article-text", dir: art.lang === "ar" ? "rtl" : "auto", lang: art.lang || null }, art.text));
}

async function viewEvents(root) {
  const params = filters();
  params.set("limit", "100");
  const first = await api("events", params);
  const list = h("ul", { class: "events" }, first.items.map((ev) => eventRow(ev)));
  put(root, h("h1", {}, t("searchResults"), ` (${first.total} ${t("total")})`),
    h("p", {}, t("download"), ": ",
      h("a", { href: "/api/export/events.csv?" + filters(), download: "events.csv" }, "CSV"), " · ",
      h("a", { href: "/api/export/events.jsonl?" + filters(), download: "events.jsonl" }, "JSON Lines")),
    first.items.length ? list : h("p", {}, t("noEvents")));
  let cursor = first.next_cursor;
  if (cursor) {
    const more = h("button", { type: "button", class: "secondary" }, t("more"));
    more.addEventListener("click", async () => {
      const p = filters(); p.set("limit", "100"); p.set("cursor", cursor);
      const page = await api("events", p);
      list.append(...page.items.map((ev) => eventRow(ev)));
      cursor = page.next_cursor;
      if (!cursor) more.remove();
    });
    put(root, more);
  }
}

const VIEWS = { map: viewMap, network: viewNetwork, party: viewParty, dyad: viewDyad, event: viewEvent,
  article: viewArticle, events: viewEvents, person: viewPerson };

async function render() {
  renderChrome();
  const { view, args } = parseHash();
  const root = document.getElementById("view");
  root.replaceChildren(h("p", { class: "muted" }, t("loading")));
  root.dataset.view = view;
  const fn = VIEWS[view] || viewMap;
  const box = h("div", {});
  try {
    const attached = await fn(box, args);  // a view may return what to do once it is on the page (measuring)
    root.replaceChildren(box);
    if (typeof attached === "function") attached();
  } catch (err) {
    // The interface's own words first (the server's message is English), then a way back to the map.
    root.replaceChildren(h("div", { class: "error", role: "alert" },
      h("p", {}, `${t("error")}: ${err.code === "not_found" ? t("notFound") : t("failed")}`),
      h("p", { class: "muted", dir: "ltr", lang: "en" }, err.message),
      h("p", {}, h("a", { href: link("map") }, t("backToMap")))));
  }
  root.dataset.ready = view;
  if (state.rendered && !root.contains(document.activeElement)) root.focus({ preventScroll: true });  // keyboard users land on the new view
  state.rendered = true;
  document.title = `alliancemap · ${t(view === "party" ? "partyOf" : view === "dyad" ? "dyadOf" : view)}`;
}

async function start() {
  try { state.meta = await api("meta"); } catch (err) { state.meta = { types: [], domains: [], parties: [], countries: {} }; }
  const foot = document.getElementById("foot");
  const footer = () => { foot.textContent = `${state.meta.counts?.events ?? 0} ${t("total")} · ${state.meta.counts?.articles ?? 0} ${t("articles")}`; };
  footer();
  window.addEventListener("hashchange", footer);
  window.addEventListener("hashchange", render);
  await render();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
