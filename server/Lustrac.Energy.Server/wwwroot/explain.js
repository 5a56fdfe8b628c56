// "How is this computed?" for one figure of /api/explain: definition, formula, the formula filled with the period's
// sums and the engine's stored rows as a table. The page formats the server's numbers; it computes no figure.
'use strict';

const params = new URLSearchParams(location.search);
const figure = params.get('figure') || 'self_sufficiency';
let lang = (params.get('lang') || localStorage.getItem('lustrac.lang')) === 'en' ? 'en' : 'fr';
// A household's screen keeps its token in localStorage (same origin); a link may also carry one.
const token = params.get('token') || localStorage.getItem('lustrac.token');
let last = null;
const $ = id => document.getElementById(id);
const T = () => EXPLAIN_TEXT[lang];
const locale = () => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const num = (v, digits = 4) => v == null ? '—' : v.toLocaleString(locale(), { maximumFractionDigits: digits });
const cell = v => v == null ? '—' : num(v, 3);
const pct = v => v == null ? '—' : (v * 100).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %';
const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
const localDate = (iso, zone) => new Date(iso).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });

/** The formula with the server's sums and figure, in the page's language (÷, decimal comma in French). */
function filled(e) {
  const s = e.sums, w = T().words, ratio = `${num(e.value)} (${pct(e.value)})`;
  switch (e.figure) {
    case 'self_sufficiency': return `${num(s.locally_supplied_kwh)} ÷ ${num(s.consumption_kwh)} = ${ratio}`;
    case 'self_consumption': return `${num(s.self_consumed_kwh)} ÷ ${num(s.production_kwh)} = ${ratio}`;
    case 'allocation': return `${num(s.allocated_kwh)} ÷ ${num(s.shared_production_kwh)} = ${ratio}`;
    case 'water_autonomy': return `${num(s.rain_l)} ÷ (${num(s.rain_l)} + ${num(s.mains_l)}) = ${ratio}`;
    case 'tank_days_left': return `${num(s.volume_l)} ÷ ${num(s.drawn_l_per_day)} = ${num(e.value, 1)} ${w.days}`;
    case 'compost_progress': return `${w.min}(${num(s.hot_hours, 1)} ÷ ${num(s.hours_required)}, ${num(s.turnings)} ÷ ${num(s.turnings_required)}) = ` +
      `${w.min}(${pct(s.hot_time_progress)}, ${pct(s.turnings_progress)}) = ${pct(e.value)}`;
    default: return `${w.energy} = ${num(s.energy_local_kwh)} ÷ ${num(s.energy_consumption_kwh)} = ${pct(s.energy)} ; ` +
      `${w.water} = ${num(s.water_rain_l)} ÷ ${num(s.water_total_l)} = ${pct(s.water)} ; ` +
      `${w.compost} = ${num(s.compost_diverted_kg)} ÷ ${num(s.compost_total_kg)} = ${pct(s.compost)} ; ${w.index} = ${pct(e.value)}`;
  }
}

function label(column) {
  const c = T().columns;
  return column.startsWith('allocated_kwh:') ? fill(c.share, { h: column.slice('allocated_kwh:'.length) }) : (c[column] || column);
}

function render(e) {
  last = e;
  const t = T();
  const whose = e.household ? fill(t.household, { h: e.household })
    : e.figure === 'tank_days_left' ? fill(t.tank, { a: e.subject }) : e.figure === 'compost_progress' ? fill(t.pile, { a: e.subject }) : t.neighbourhood;
  $('whose').textContent = fill(t.period, { w: whose, f: localDate(e.from, e.time_zone), t: localDate(new Date(new Date(e.to) - 1).toISOString(), e.time_zone) });
  $('definition').textContent = e.definition[lang];
  $('filled').textContent = (t.names[e.figure] ? t.names[e.figure] + ' = ' : '') + filled(e);
  $('filled').dataset.value = e.value ?? '';
  $('value').textContent = e.figure === 'tank_days_left' ? `${num(e.value, 1)} ${t.words.days}` : pct(e.value);
  $('hidden').hidden = !e.hidden_households;
  $('hidden').textContent = fill(t.hidden, { n: e.hidden_households });
  $('status').textContent = fill(t.rows, { n: e.rows.length });
  const th = text => Object.assign(document.createElement('th'), { textContent: text });
  const head = document.createElement('tr');
  head.append(th(t.start), th(t.quality), ...e.columns.map(c => th(label(c))));
  $('table').tHead.replaceChildren(head);
  const daily = e.figure === 'vital_needs';
  const when = iso => new Date(iso).toLocaleString(locale(), daily ? { day: 'numeric', month: 'short', timeZone: e.time_zone }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: e.time_zone });
  const td = (text, column) => { const d = document.createElement('td'); d.textContent = text; if (column) d.dataset.column = column; return d; };
  $('table').tBodies[0].replaceChildren(...e.rows.map(r => {
    const tr = document.createElement('tr');
    tr.dataset.start = r.start;
    if (r.quality === 'missing') tr.className = 'missing';
    tr.append(td(when(r.start)), td(t.qualities[r.quality] ?? r.quality), ...e.columns.map(c => td(cell(r[c]), c)));
    return tr;
  }));
  const foot = document.createElement('tr');
  foot.append(td(t.sum), td(''), ...e.columns.map(c => td(cell(e.sums[c]), c)));
  $('table').tFoot.replaceChildren(foot);
}

function applyTexts() {
  const t = T();
  document.documentElement.lang = lang;
  PageDates.spell([$('from'), $('to')], lang);
  localStorage.setItem('lustrac.lang', lang);
  $('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t[e.dataset.i18n]; });
  $('title').textContent = t.titles[figure] || figure;
  document.title = 'Lustrac.Energy — ' + (t.titles[figure] || figure);
  $('formula').textContent = t.formulas[figure] || '';
  if (last) render(last);
}

function query() {
  const q = new URLSearchParams();
  q.set('from', $('from').value);
  q.set('to', PageDates.endAfter($('to')));
  for (const k of ['household', 'asset', 'pile']) if (params.get(k)) q.set(k, params.get(k));
  return q;
}

async function load() {
  const t = T();
  $('status').textContent = t.loading;
  const q = query();
  const csv = new URLSearchParams(q);
  if (token) csv.set('token', token); // a download link cannot carry a header
  $('csv').href = `/api/explain/${encodeURIComponent(figure)}.csv?${csv}`;
  try {
    const response = await fetch(`/api/explain/${encodeURIComponent(figure)}?${q}`, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
    const data = await response.json();
    if (!response.ok) throw new Error(data.why?.[lang] ?? data.error ?? response.status);
    render(data);
  } catch (err) {
    last = null;
    $('status').textContent = t.failed + err.message;
  }
}

// One day by default: today.
$('from').value = params.get('from') || PageDates.localDay(new Date());
$('to').value = params.get('to') ? PageDates.shift(params.get('to'), -1) : $('from').value;
$('lang').addEventListener('click', () => { lang = lang === 'fr' ? 'en' : 'fr'; applyTexts(); });
$('print').addEventListener('click', () => window.print());
$('range').addEventListener('submit', ev => { ev.preventDefault(); load(); });
applyTexts();
load();
