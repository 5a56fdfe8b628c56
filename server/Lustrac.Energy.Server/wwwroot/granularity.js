// The granularity comparison of /api/autonomy/granularity as a chart and a table, in French or English.
// Every number shown is the server's; the page only formats them.
const texts = {
  fr: { title: "Autoconsommation : l'effet du pas de calcul", from: "Du", to: "au", show: "Afficher", csv: "Télécharger (CSV)", explain: "Comment est-ce calculé ?", keys: "Clés de répartition par foyer",
        chart: "Taux d'autoproduction et d'autoconsommation selon le pas de compensation",
        netting: "Compensation par", steps: "Pas", selfConsumed: "Autoconsommé (kWh)", ss: "Taux d'autoproduction",
        sc: "Taux d'autoconsommation", over: "Surestimation (points)", legendSs: "autoproduction", legendSc: "autoconsommation",
        interval: "intervalle", hour: "heure", day: "jour", month: "mois", year: "année",
        loading: "Chargement…", coverage: (p, e) => `${p} intervalles sur ${e} ont des mesures.`, failed: "Échec : " },
  en: { title: "Self-consumption: the effect of the netting step", from: "From", to: "to", show: "Show", csv: "Download (CSV)", explain: "How is this computed?", keys: "Allocation keys per household",
        chart: "Self-sufficiency and self-consumption by netting step",
        netting: "Netted per", steps: "Steps", selfConsumed: "Self-consumed (kWh)", ss: "Self-sufficiency",
        sc: "Self-consumption", over: "Overstatement (points)", legendSs: "self-sufficiency", legendSc: "self-consumption",
        interval: "interval", hour: "hour", day: "day", month: "month", year: "year",
        loading: "Loading…", coverage: (p, e) => `${p} of ${e} intervals have figures.`, failed: "Failed: " },
};
const params = new URLSearchParams(location.search);
let lang = params.get("lang") === "en" ? "en" : "fr";
let last = null;

const pct = v => v === null || v === undefined ? "—" : (v * 100).toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) + " %";
const num = v => v === null || v === undefined ? "—" : v.toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function query() {
  const q = new URLSearchParams();
  q.set("from", document.getElementById("from").value);
  q.set("to", PageDates.endAfter(document.getElementById("to"))); // the "to" date is shown inclusive
  for (const k of ["household", "token"]) { const v = document.getElementById(k)?.value ?? params.get(k); if (v) q.set(k, v); }
  return q.toString();
}

function applyTexts() {
  const t = texts[lang];
  document.documentElement.lang = lang;
  PageDates.spell([document.getElementById("from"), document.getElementById("to")], lang);
  document.getElementById("lang").textContent = lang === "fr" ? "EN" : "FR";
  document.querySelectorAll("[data-i18n]").forEach(e => { e.textContent = t[e.dataset.i18n]; });
  if (last) render(last);
}

function render(data) {
  const t = texts[lang];
  last = data;
  document.getElementById("status").textContent = t.coverage(data.quality.intervals.present, data.quality.intervals.expected);
  const body = document.querySelector("#table tbody");
  body.replaceChildren(...data.nettings.map(n => {
    const row = document.createElement("tr");
    row.dataset.netting = n.netting;
    for (const cell of [t[n.netting], n.steps, num(n.self_consumed_kwh), pct(n.self_sufficiency), pct(n.self_consumption),
      n.self_sufficiency_overstatement === null ? "—" : "+" + num(n.self_sufficiency_overstatement * 100)]) {
      const td = document.createElement("td"); td.textContent = cell; row.append(td);
    }
    return row;
  }));
  document.getElementById("why").textContent = data.why[lang];
  drawChart(data.nettings, t);
}

// Two bars per netting (self-sufficiency, self-consumption) on a 0–100 % axis.
function drawChart(nettings, t) {
  const svg = document.getElementById("chart");
  const ns = "http://www.w3.org/2000/svg";
  const el = (name, attrs, text) => { const e = document.createElementNS(ns, name); for (const k in attrs) e.setAttribute(k, attrs[k]); if (text !== undefined) e.textContent = text; return e; };
  const [left, top, height, group] = [60, 20, 240, 136];
  const parts = [svg.querySelector("title")];
  for (let p = 0; p <= 100; p += 25) {
    const y = top + height - height * p / 100;
    parts.push(el("line", { x1: left, x2: 750, y1: y, y2: y, stroke: "#dde3dc" }), el("text", { x: left - 8, y: y + 4, "text-anchor": "end" }, p + " %"));
  }
  nettings.forEach((n, i) => {
    const x = left + 14 + i * group;
    [["ss", n.self_sufficiency], ["sc", n.self_consumption]].forEach(([kind, v], j) => {
      const h = v === null ? 0 : height * v;
      parts.push(el("rect", { class: `bar-${kind}`, x: x + j * 52, y: top + height - h, width: 48, height: h, "data-netting": n.netting }));
      parts.push(el("text", { x: x + j * 52 + 24, y: top + height - h - 5, "text-anchor": "middle" }, pct(v)));
    });
    parts.push(el("text", { x: x + 50, y: top + height + 20, "text-anchor": "middle" }, t[n.netting]));
  });
  parts.push(el("rect", { class: "bar-ss", x: left, y: 302, width: 14, height: 14 }), el("text", { x: left + 20, y: 314 }, t.legendSs));
  parts.push(el("rect", { class: "bar-sc", x: left + 190, y: 302, width: 14, height: 14 }), el("text", { x: left + 210, y: 314 }, t.legendSc));
  svg.replaceChildren(...parts);
}

async function load() {
  const t = texts[lang];
  document.getElementById("status").textContent = t.loading;
  const q = query();
  document.getElementById("csv").href = "/api/autonomy/granularity.csv?" + q;
  document.getElementById("keys").href = `/keys.html?from=${document.getElementById("from").value}&to=${PageDates.endAfter(document.getElementById("to"))}&lang=${lang}`;
  document.getElementById("explain").href = "/explain.html?figure=self_sufficiency&lang=" + lang + "&" + q; // the per-interval netting, row by row
  try {
    const response = await fetch("/api/autonomy/granularity?" + q);
    const data = await response.json();
    if (!response.ok) throw new Error(data.why?.[lang] ?? data.error ?? response.status);
    render(data);
  } catch (e) {
    document.getElementById("status").textContent = t.failed + e.message;
  }
}

PageDates.init(document.getElementById("from"), document.getElementById("to"), params, 30);
document.getElementById("lang").addEventListener("click", () => { lang = lang === "fr" ? "en" : "fr"; applyTexts(); });
document.getElementById("range").addEventListener("submit", e => { e.preventDefault(); load(); });
applyTexts();
load();
