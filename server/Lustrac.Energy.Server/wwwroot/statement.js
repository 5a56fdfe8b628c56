// A household's monthly statement of collective self-consumption (/api/settlement), printable, in French or English.
// Every number is the server's; the page only formats them.
const texts = {
  fr: { title: "Relevé d'autoconsommation collective", print: "Imprimer", csv: "Télécharger le relevé (CSV)",
        consumption: "Consommation (kWh)", autoconsumed: "Fourni par les panneaux du quartier (kWh)", complement: "Complément du fournisseur (kWh)",
        share: "Part locale", stayed: "Resté dans le quartier", day: "Jour", steps: "Pas réglés",
        who: (h, m) => `Foyer ${h} — ${m}`, noPrice: "prix non renseigné",
        coverage: (s, n, step) => `${s} pas de ${step} min réglé${s > 1 ? "s" : ""} sur ${n}.`, // French: 0 and 1 take the singular
        explain: (k, step) => `${step === 15 ? "Chaque quart d'heure" : "Chaque demi-heure"}, la production des panneaux partagés est répartie entre les foyers selon la clé « ${k} » ; ` +
          "la part d'un foyer ne dépasse jamais ce qu'il a consommé. Le reste de sa consommation vient de son fournisseur (complément). " +
          "Le gestionnaire de réseau (Enedis) fait le même calcul à partir des compteurs Linky ; ses chiffres peuvent différer un peu.",
        keys: { default_dynamic: "au prorata des consommations", static: "statique", dynamic: "dynamique" }, failed: "Échec : " },
  en: { title: "Collective self-consumption statement", print: "Print", csv: "Download the statement (CSV)",
        consumption: "Consumption (kWh)", autoconsumed: "Supplied by the neighbourhood's panels (kWh)", complement: "Complement from the supplier (kWh)",
        share: "Local share", stayed: "Stayed in the neighbourhood", day: "Day", steps: "Steps settled",
        who: (h, m) => `Household ${h} — ${m}`, noPrice: "no price set",
        coverage: (s, n, step) => `${s} of ${n} ${step}-min steps settled.`,
        explain: (k, step) => `${step === 15 ? "Every quarter hour" : "Every half hour"} the shared panels' production is divided between households by the "${k}" key; ` +
          "a household's share never exceeds what it consumed. The rest of its consumption comes from its supplier (complement). " +
          "The grid operator (Enedis) makes the same calculation from the Linky meters; its figures may differ slightly.",
        keys: { default_dynamic: "pro rata of consumption", static: "static", dynamic: "dynamic" }, failed: "Failed: " },
};
const params = new URLSearchParams(location.search);
let lang = params.get("lang") === "en" ? "en" : "fr";
let last = null;
const locale = () => lang === "fr" ? "fr-FR" : "en-GB";
const kwh = v => v === null || v === undefined ? "—" : v.toLocaleString(locale(), { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const money = v => v.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = v => v === null || v === undefined ? "—" : (v * 100).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " %";

function query() {
  const q = new URLSearchParams();
  for (const k of ["household", "month", "token"]) { const v = params.get(k); if (v) q.set(k, v); }
  q.set("resolution", "month"); // a statement is month figures: what the privacy layer lets the operator see without consent
  return q.toString();
}

function monthName(text) {
  const [y, m] = text.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(locale(), { month: "long", year: "numeric", timeZone: "UTC" });
}

function applyTexts() {
  const t = texts[lang];
  document.documentElement.lang = lang;
  document.getElementById("lang").textContent = lang === "fr" ? "EN" : "FR";
  document.querySelectorAll("[data-i18n]").forEach(e => { e.textContent = t[e.dataset.i18n]; });
  if (last) render(last);
}

function cell(row, text) { document.querySelector(`#summary tr[data-row="${row}"] td`).textContent = text; }

function render(s) {
  const t = texts[lang];
  document.getElementById("who").textContent = t.who(s.household, monthName(s.month));
  document.getElementById("status").textContent = t.coverage(s.steps_settled, s.steps, s.step_minutes);
  cell("consumption", kwh(s.consumption_kwh));
  cell("autoconsumed", kwh(s.autoconsumed_kwh));
  cell("complement", kwh(s.complement_kwh));
  cell("share", pct(s.local_share));
  const stayed = [];
  if (s.stayed_eur !== null) stayed.push(money(s.stayed_eur) + " €");
  if (s.stayed_abeilles !== null) stayed.push(money(s.stayed_abeilles) + " Abeilles");
  cell("stayed", stayed.length ? stayed.join(" — ") : t.noPrice);
  document.getElementById("explain").textContent = t.explain(t.keys[s.key] ?? s.key, s.step_minutes);
  const body = document.querySelector("#days tbody");
  body.replaceChildren(...s.days.filter(d => d.steps_settled > 0).map(d => {
    const tr = document.createElement("tr");
    tr.dataset.day = d.day;
    const date = new Date(d.day + "T12:00:00Z").toLocaleDateString(locale(), { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
    for (const v of [date, kwh(d.consumption_kwh), kwh(d.autoconsumed_kwh), kwh(d.complement_kwh), `${d.steps_settled}/${d.steps}`]) {
      const td = document.createElement("td"); td.textContent = v; tr.appendChild(td);
    }
    return tr;
  }));
}

async function load() {
  const t = texts[lang];
  document.getElementById("csv").href = "/api/settlement/statement.csv?" + query();
  try {
    const r = await fetch("/api/settlement?" + query());
    const body = await r.json();
    if (!r.ok) throw new Error(body.why?.[lang] ?? body.error ?? r.status);
    last = body;
    render(body);
  } catch (e) {
    document.getElementById("status").textContent = t.failed + e.message;
  }
}

document.getElementById("lang").addEventListener("click", () => { lang = lang === "fr" ? "en" : "fr"; applyTexts(); });
document.getElementById("print").addEventListener("click", () => window.print());
applyTexts();
load();
