// The working group's forecast page: the expected production (with its band) and consumption for the rest of today and
// tomorrow, the next good windows, the last kept morning forecast beside what the meters measured, and the scores.
// Every number is the server's (/api/forecast, /api/forecast/scores); the page only draws and formats them.
'use strict';
const texts = {
  fr: { title: 'Prévision : production et autonomie attendues', curveTitle: "Reste d'aujourd'hui et demain, par intervalle (kWh)",
    keptTitle: 'Prévision du matin et mesures', scoresTitle: 'Qualité des prévisions (écart moyen absolu)',
    legendBand: 'fourchette', legendProd: 'production attendue', legendCons: 'consommation attendue', legendActual: 'production mesurée',
    date: 'Jour', fProd: 'Prévu (kWh)', aProd: 'Mesuré (kWh)', dayErr: 'Écart du jour (kWh)', maeProd: 'Écart moyen production / intervalle',
    maeCons: 'Écart moyen consommation / intervalle', csv: 'Télécharger les scores (CSV)',
    next: w => `Prochain bon moment : ${w.day === 'tomorrow' ? 'demain ' : ''}${w.label}`, none: 'Pas de bon moment attendu d’ici demain soir',
    summary: (d, r) => `${d.day === 'today' ? "Reste d'aujourd'hui" : 'Demain'} : ${n(d.production_kwh)} kWh attendus (${n(d.production_low_kwh)}–${n(d.production_high_kwh)}), autoproduction ${p(d.self_sufficiency)}`,
    ratio: r => `Rendement mesuré des panneaux partagés : ${p(r.ratio)} du ciel clair sur ${r.days} jours (± ${p(r.spread)})`,
    keptNone: 'Aucune prévision du matin encore notée.', kept: (d, at) => `${d} — prévision faite à ${at}`,
    how: 'Production attendue = énergie par ciel clair de chaque champ de panneaux × sa puissance × le rendement mesuré ces 7 derniers jours ; la fourchette est ± un écart-type des rendements de chaque jour. Consommation attendue = moyenne des 4 derniers mêmes jours de la semaine (ou des 7 derniers jours s’il en manque). Un bon moment : au moins 30 minutes où la production attendue dépasse la consommation de 10 %. Chaque matin après 6 h la prévision est gardée, puis comparée aux compteurs.' },
  en: { title: 'Forecast: expected production and autonomy', curveTitle: 'Rest of today and tomorrow, by interval (kWh)',
    keptTitle: "Morning forecast and what the meters measured", scoresTitle: 'Forecast quality (mean absolute error)',
    legendBand: 'band', legendProd: 'expected production', legendCons: 'expected consumption', legendActual: 'measured production',
    date: 'Day', fProd: 'Forecast (kWh)', aProd: 'Measured (kWh)', dayErr: 'Day error (kWh)', maeProd: 'Production error / interval',
    maeCons: 'Consumption error / interval', csv: 'Download the scores (CSV)',
    next: w => `Next good time: ${w.day === 'tomorrow' ? 'tomorrow ' : ''}${w.label}`, none: 'No good time expected before tomorrow night',
    summary: (d, r) => `${d.day === 'today' ? 'Rest of today' : 'Tomorrow'}: ${n(d.production_kwh)} kWh expected (${n(d.production_low_kwh)}–${n(d.production_high_kwh)}), self-sufficiency ${p(d.self_sufficiency)}`,
    ratio: r => `Measured yield of the shared arrays: ${p(r.ratio)} of clear sky over ${r.days} days (± ${p(r.spread)})`,
    keptNone: 'No morning forecast kept yet.', kept: (d, at) => `${d} — forecast made at ${at}`,
    how: 'Expected production = clear-sky energy of each array × its peak power × the yield measured over the last 7 days; the band is ± one standard deviation of the daily yields. Expected consumption = mean of the last 4 same weekdays (or of the last 7 days when fewer). A good time: at least 30 minutes where expected production exceeds consumption by 10 %. Each morning after 6:00 the forecast is kept, then compared with the meters.' },
};
const params = new URLSearchParams(location.search);
let lang = params.get('lang') === 'en' ? 'en' : 'fr';
let data = null;
const locale = () => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const n = v => (v == null ? '—' : v.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const n2 = v => (v == null ? '—' : v.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const p = v => (v == null ? '—' : Math.round(v * 100).toLocaleString(locale()) + ' %');
// Times in the site's zone, from the forecast itself.
const hm = iso => new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', timeZone: data?.forecast?.time_zone });
const T = k => texts[lang][k];
const headers = params.get('token') ? { Authorization: 'Bearer ' + params.get('token') } : {};

function svg(tag, attrs, parent) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// Draws series of { x: Date, y } as lines (and a band) on one time axis; hours labelled every 6 h.
function chart(el, points, series, band, windows) {
  el.replaceChildren();
  if (points.length === 0) return;
  const W = 760, H = 300, L = 48, R = 10, TOP = 12, B = 28;
  const t0 = points[0].getTime(), t1 = points[points.length - 1].getTime() || t0 + 1;
  const all = series.flatMap(s => s.values).concat(band ? band.high : []).filter(v => v != null);
  const ymax = Math.max(0.1, ...all) * 1.1;
  const x = d => L + (W - L - R) * (d.getTime() - t0) / Math.max(1, t1 - t0), y = v => H - B - (H - B - TOP) * v / ymax;
  for (const w of windows || []) svg('rect', { class: 'window-area', x: x(new Date(w.start)), y: TOP, width: Math.max(2, x(new Date(w.end)) - x(new Date(w.start))), height: H - B - TOP }, el);
  if (band) {
    const up = points.map((d, i) => `${x(d)},${y(band.high[i])}`), down = points.map((d, i) => `${x(d)},${y(band.low[i])}`).reverse();
    svg('polygon', { class: 'band-area', points: up.concat(down).join(' ') }, el);
  }
  for (const s of series) {
    const path = points.map((d, i) => (s.values[i] == null ? null : `${x(d)},${y(s.values[i])}`)).filter(Boolean).join(' ');
    if (path) svg('polyline', { class: s.cls, points: path }, el);
  }
  svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }, el);
  for (let k = 0; k <= 4; k++) svg('text', { x: 4, y: y(ymax * k / 4.4) + 4 }, el).textContent = n2(ymax * k / 4.4);
  points.forEach((d, i) => {
    if (new Date(d).getUTCMinutes() !== 0 || hm(d.toISOString()).slice(0, 2) % 6 !== 0) return;
    svg('text', { x: x(d) - 14, y: H - 8 }, el).textContent = hm(d.toISOString());
  });
}

function render() {
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = T(e.dataset.i18n); });
  document.getElementById('how').textContent = T('how');
  if (!data) return;
  const f = data.forecast, s = data.scores;
  const next = document.getElementById('next');
  next.textContent = f.next_window ? T('next')(f.next_window) : T('none');
  next.dataset.window = f.next_window ? f.next_window.label : '';
  const shared = f.ratios.shared;
  document.getElementById('summary').textContent = f.days.map(d => T('summary')(d)).join(' · ') + (shared ? ' · ' + T('ratio')(shared) : '');
  const pts = f.intervals.map(i => new Date(i.start));
  chart(document.getElementById('curve'), pts, [
    { cls: 'prod-line', values: f.intervals.map(i => i.production_kwh) },
    { cls: 'cons-line', values: f.intervals.map(i => i.consumption_kwh) },
  ], { low: f.intervals.map(i => i.production_low_kwh), high: f.intervals.map(i => i.production_high_kwh) }, f.windows);
  const lastDay = s.days[s.days.length - 1];
  document.getElementById('kept-day').textContent = lastDay ? T('kept')(lastDay.date, hm(lastDay.issued_at)) : T('keptNone');
  if (lastDay) {
    const iv = lastDay.intervals;
    chart(document.getElementById('kept'), iv.map(i => new Date(i.start)), [
      { cls: 'prod-line', values: iv.map(i => i.forecast_production_kwh) },
      { cls: 'actual-line', values: iv.map(i => i.actual_production_kwh) },
    ], { low: iv.map(i => i.production_low_kwh), high: iv.map(i => i.production_high_kwh) });
  } else document.getElementById('kept').replaceChildren();
  const rows = s.days.map(d => `<tr data-date="${d.date}"><td>${d.date}</td><td>${n(d.forecast_production_kwh)}</td><td>${n(d.actual_production_kwh)}</td>` +
    `<td>${n2(d.production_day_error_kwh)}</td><td>${n2(d.production_mae_kwh)}</td><td>${n2(d.consumption_mae_kwh)}</td></tr>`);
  document.querySelector('#scores tbody').innerHTML = rows.join('');
}

async function load() {
  const q = params.get('household') ? `household=${encodeURIComponent(params.get('household'))}` : '';
  const [forecast, scores] = await Promise.all([
    fetch('/api/forecast?' + q, { headers }).then(r => r.json()),
    fetch('/api/forecast/scores?' + q, { headers }).then(r => r.json()),
  ]);
  data = { forecast, scores };
  document.body.dataset.loaded = 'true';
  render();
}

document.getElementById('lang').addEventListener('click', () => { lang = lang === 'fr' ? 'en' : 'fr'; render(); });
render();
load();
setInterval(load, 5 * 60 * 1000);
