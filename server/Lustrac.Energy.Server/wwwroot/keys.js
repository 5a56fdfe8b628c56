// The allocation keys side by side for each household (/api/autonomy/compare/households): a table, a chart and a
// trainer's sentences. Every number shown is the server's; the page formats them and picks which to name.
'use strict';

const params = new URLSearchParams(location.search);
let lang = (params.get('lang') || localStorage.getItem('lustrac.lang')) === 'en' ? 'en' : 'fr';
// The token the screen keeps (a household's screen, or the operator's), or one a link carries; none on a shared screen.
const token = params.get('token') || localStorage.getItem('lustrac.token');
let last = null;
const $ = id => document.getElementById(id);
const T = () => KEYS_TEXT[lang];
const locale = () => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const kwh = v => v == null ? '—' : v.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = v => v == null ? '—' : (v * 100).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %';
const localDate = (iso, zone) => new Date(iso).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
const td = (text, attrs = {}) => { const c = document.createElement('td'); c.textContent = text; Object.assign(c.dataset, attrs); return c; };
const th = (text, span = 1) => { const c = document.createElement('th'); c.textContent = text; if (span > 1) c.colSpan = span; return c; };

/** The range asked for: from and the day after "to" (the page shows "to" inclusive). */
function range() {
  return { from: $('from').value, to: PageDates.endAfter($('to')) };
}

function csvHref(household) {
  const q = new URLSearchParams(range());
  if (household) { q.set('household', household); q.set('resolution', 'day'); }
  if (token) q.set('token', token); // a download link cannot carry a header
  return '/api/autonomy/compare.csv?' + q;
}

function row(name, figures, keys, attrs, household) {
  const tr = document.createElement('tr');
  Object.assign(tr.dataset, attrs);
  tr.append(td(name), td(kwh(figures[keys[0]].total.consumption_kwh), { column: 'consumption_kwh' }));
  for (const k of keys) {
    const f = figures[k];
    tr.append(td(kwh(f.total.allocated_kwh), { key: k, column: 'allocated_kwh' }), td(pct(f.share_of_shared), { key: k, column: 'share_of_shared' }),
      td(pct(f.total.self_sufficiency), { key: k, column: 'self_sufficiency' }));
  }
  const link = Object.assign(document.createElement('a'), { href: csvHref(household), textContent: T().csvRow });
  const cell = td(''); cell.className = 'csv'; cell.append(link); tr.append(cell);
  return tr;
}

/** The trainer's sentences: what the keys do, then only what this period's numbers show. */
function sentences(d) {
  const t = T(), n = d.neighbourhood;
  const list = d.keys.map(k => t.receivedItem(kwh(n[k].total.allocated_kwh), t.under[k]));
  const said = [t.what(d.interval_minutes)];
  // Sentences with numbers only where the period has them (no readings: no claim).
  if (d.keys.every(k => n[k].total.allocated_kwh != null)) said.push(t.received(list.slice(0, -1).join(', ') + ` ${t.and} ` + list[list.length - 1]));
  const ratios = d.keys.map(k => n[k].total.self_sufficiency);
  if (ratios.every(r => r != null && Math.abs(r - ratios[0]) < 1e-9)) said.push(t.same(pct(ratios[0])));
  // A key that leaves shared production to no home (a static share above its home's demand): ACC sells it as surplus.
  const most = Math.max(...d.keys.map(k => n[k].total.allocated_kwh ?? 0));
  for (const k of d.keys)
    if (n[k].total.allocated_kwh != null && most - n[k].total.allocated_kwh >= 0.005) said.push(t.unallocated(kwh(most - n[k].total.allocated_kwh), t.under[k]));
  let widest = null;
  for (const h of d.households) {
    const byKey = d.keys.map(k => [k, h.keys[k].total.self_sufficiency]).filter(([, v]) => v != null).sort((a, b) => a[1] - b[1]);
    if (byKey.length > 1 && (!widest || byKey[byKey.length - 1][1] - byKey[0][1] > widest.gap))
      widest = { h, lo: byKey[0], hi: byKey[byKey.length - 1], gap: byKey[byKey.length - 1][1] - byKey[0][1] };
  }
  if (widest && widest.gap > 0) said.push(t.widest(widest.h.name, pct(widest.lo[1]), t.under[widest.lo[0]], pct(widest.hi[1]), t.under[widest.hi[0]]));
  return said;
}

function render(d) {
  last = d;
  const t = T();
  $('period').textContent = t.period(localDate(d.from, d.time_zone), localDate(new Date(new Date(d.to) - 1).toISOString(), d.time_zone), kwh(d.shared_production_kwh));
  $('no-static').hidden = d.keys.includes('static');
  const top = document.createElement('tr'), sub = document.createElement('tr');
  top.append(th(''), th(''));
  sub.append(th(t.household), th(t.consumption));
  for (const k of d.keys) {
    top.append(th(t.keys[k] + (k === d.site_key ? ' ' + t.siteKey : ''), 3));
    sub.append(th(t.allocated), th(t.share), th(t.ss));
  }
  top.append(th('')); sub.append(th(''));
  $('table').tHead.replaceChildren(top, sub);
  $('table').tBodies[0].replaceChildren(...d.households.map(h => row(h.name, h.keys, d.keys, { household: h.household }, h.household)));
  $('table').tFoot.replaceChildren(row(t.neighbourhood, d.neighbourhood, d.keys, { scope: 'neighbourhood' }, null));
  $('hidden').hidden = !d.hidden_reason;
  $('hidden').textContent = d.hidden_reason ? d.hidden_reason[lang] : '';
  $('keys-why').replaceChildren(...sentences(d).map(s => Object.assign(document.createElement('p'), { textContent: s })));
  $('chart').style.display = d.households.length === 0 ? 'none' : ''; // an SVG has no hidden property
  KeysChart.draw($('chart'), d, t, pct);
  $('status').textContent = '';
}

function applyTexts() {
  const t = T();
  document.documentElement.lang = lang;
  PageDates.spell([$('from'), $('to')], lang);
  localStorage.setItem('lustrac.lang', lang);
  $('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t[e.dataset.i18n]; });
  document.title = 'Lustrac.Energy — ' + t.title;
  if (last) render(last);
  else if (refusal) $('status').textContent = t.refused + refusalText();
}

/** The handout and the neighbouring teaching pages, for the same range and language. */
function links() {
  const { from, to } = range();
  $('csv').href = csvHref(null);
  $('explain').href = `/explain.html?figure=allocation&from=${from}&to=${to}&lang=${lang}`;
  $('granularity').href = `/granularity.html?from=${from}&to=${to}&lang=${lang}`;
}

let refusal = null;
const refusalText = () => refusal.why?.[lang] ?? refusal.error ?? '';
async function load() {
  const t = T();
  $('status').textContent = t.loading;
  const { from, to } = range();
  const q = new URLSearchParams({ from, to });
  links();
  try {
    const response = await fetch('/api/autonomy/compare/households?' + q, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
    const data = await response.json();
    if (response.status === 401 || response.status === 403) {
      // The privacy rules said no: show the server's reason in place of the figures, never an empty table.
      [last, refusal] = [null, data]; // kept whole: the language button shows its reason in the other language
      for (const part of [$('table').tHead, $('table').tBodies[0], $('table').tFoot, $('keys-why')]) part.replaceChildren();
      $('chart').style.display = 'none';
      $('status').textContent = t.refused + refusalText();
      $('status').dataset.refused = 'true';
      return;
    }
    if (!response.ok) throw new Error(data.why?.[lang] ?? data.error ?? response.status);
    refusal = null;
    delete $('status').dataset.refused;
    render(data);
  } catch (err) {
    last = null;
    $('status').textContent = t.failed + err.message;
  }
}

PageDates.init($('from'), $('to'), params, 7);
$('lang').addEventListener('click', () => { lang = lang === 'fr' ? 'en' : 'fr'; applyTexts(); links(); });
$('print').addEventListener('click', () => window.print());
$('range').addEventListener('submit', ev => { ev.preventDefault(); load(); });
applyTexts();
load();
