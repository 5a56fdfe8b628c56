// The working group's scenario page: build and save a scenario (operator token in ?token=), then read it beside
// what happened. Every figure is the server's (/api/scenarios/{id}/result); the page only formats and draws them.
'use strict';
const params = new URLSearchParams(location.search);
const token = params.get('token');
let lang = params.get('lang') === 'en' ? 'en' : 'fr';
let site = null, shown = null, savedName = null;
const $ = id => document.getElementById(id);
const headers = token ? { Authorization: 'Bearer ' + token } : {};
const number = id => $(id).value === '' ? null : Number($(id).value);

function applyTexts() {
  const t = TEXTS[lang];
  document.documentElement.lang = lang;
  PageDates.spell([$('from'), $('to')], lang);
  $('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t[e.dataset.i18n]; });
  document.querySelectorAll('#key option[value]').forEach(o => { if (o.value) o.textContent = t[o.value]; });
  if (shown) render(shown.range, shown.periods);
  if (site) arrayLabels();
  if (savedName) $('save-status').textContent = t.saved + savedName;
}

function arrayLabels() {
  document.querySelectorAll('#arrays span[data-peak]').forEach(s => {
    s.textContent = `${s.dataset.name} (${fmt.num(lang, Number(s.dataset.peak), 0)} ${TEXTS[lang].kwp}) ×`;
  });
}

async function loadSite(select) {
  const response = await fetch('/api/scenarios', { headers });
  site = await response.json();
  const box = $('arrays');
  // Built once: a save reloads the list but keeps what the form holds.
  for (const a of box.querySelector('label') ? [] : site.arrays) {
    const label = document.createElement('label');
    label.innerHTML = `<span></span> <input type="number" min="0" step="0.1" value="1" data-array="">`;
    label.querySelector('span').dataset.peak = a.peak_kw;
    label.querySelector('span').dataset.name = a.name;
    label.querySelector('input').dataset.array = a.id;
    box.append(label);
  }
  arrayLabels();
  if ($('key').options.length === 1)
    for (const k of site.keys) { const o = document.createElement('option'); o.value = k; o.textContent = TEXTS[lang][k]; $('key').append(o); }
  $('saved').replaceChildren(...site.scenarios.map(s => { const o = document.createElement('option'); o.value = s.id; o.textContent = s.spec.name; return o; }));
  if (select) $('saved').value = select;
  else if (site.scenarios.length) $('saved').value = site.scenarios[site.scenarios.length - 1].id;
}

function spec() {
  const s = { name: $('name').value.trim() };
  s.scaledArrays = [...document.querySelectorAll('[data-array]')].filter(i => Number(i.value) !== 1)
    .map(i => ({ arrayId: i.dataset.array, factor: Number(i.value) }));
  if (number('new-kwp')) s.addedArrays = [{ name: 'new', peakKw: number('new-kwp'), tiltDeg: number('new-tilt') ?? 30, azimuthDeg: number('new-azimuth') ?? 180 }];
  if (number('bat-kwh')) s.batteries = [{ name: 'battery', household: $('bat-home').value.trim() || null, capacityKwh: number('bat-kwh'),
    powerKw: number('bat-kw') ?? 0, roundTripEfficiency: (number('bat-eff') ?? 90) / 100, minStateOfCharge: (number('bat-min') ?? 0) / 100 }];
  if (number('tank-l') || number('tank-roof')) s.tank = { extraCapacityL: number('tank-l') ?? 0, extraRoofAreaM2: number('tank-roof') ?? 0 };
  if (number('shift-share')) s.loadShift = { share: number('shift-share') / 100, maxKwhPerInterval: number('shift-max') ?? 1 };
  if ($('key').value) s.allocation = $('key').value;
  return s;
}

async function save(e) {
  e.preventDefault();
  const t = TEXTS[lang];
  const response = await fetch('/api/scenarios', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(spec()) });
  const body = await response.json();
  if (!response.ok) { $('save-status').textContent = t.failed + (body.why?.[lang] ?? body.error ?? response.status); return; }
  savedName = body.spec.name;
  $('save-status').textContent = t.saved + savedName;
  await loadSite(body.id);
  await compare();
}

async function compare(e) {
  e?.preventDefault();
  const t = TEXTS[lang];
  const id = $('saved').value;
  if (!id) { $('status').textContent = t.none; return; }
  $('status').textContent = t.loading;
  const q = new URLSearchParams({ from: $('from').value, to: PageDates.endAfter($('to')) }); // "to" is shown inclusive
  $('csv').href = `/api/scenarios/${id}/result.csv?${q}&resolution=${$('resolution').value}${token ? '&token=' + token : ''}`;
  try {
    const [range, periods] = await Promise.all(['range', $('resolution').value].map(async r => {
      const response = await fetch(`/api/scenarios/${id}/result?${q}&resolution=${r}`, { headers });
      const body = await response.json();
      if (!response.ok) throw new Error(body.why?.[lang] ?? body.error ?? response.status);
      return body;
    }));
    render(range, periods);
  } catch (err) {
    $('status').textContent = t.failed + err.message;
  }
}

function render(range, periods) {
  const t = TEXTS[lang];
  shown = { range, periods };
  const row = range.neighbourhood[0];
  if (!row) { $('status').textContent = t.failed + '403'; return; }
  const a = row.actual, s = row.scenario, c = row.change;
  const lines = [
    ['ss', fmt.pct(lang, a.self_sufficiency), fmt.pct(lang, s.self_sufficiency), fmt.signed(lang, c.self_sufficiency_points, 1, ' pts'), c.self_sufficiency_points],
    ['sc', fmt.pct(lang, a.self_consumption), fmt.pct(lang, s.self_consumption), fmt.signed(lang, c.self_consumption_points, 1, ' pts'), c.self_consumption_points],
    ['imp', fmt.num(lang, a.import_kwh), fmt.num(lang, s.import_kwh), fmt.signed(lang, c.import_kwh), -c.import_kwh],
    ['exp', fmt.num(lang, a.export_kwh), fmt.num(lang, s.export_kwh), fmt.signed(lang, c.export_kwh), null],
    ['thr', '—', fmt.num(lang, s.scenario_battery.discharged_kwh), '', null],
    ['cyc', '—', fmt.num(lang, s.scenario_battery.equivalent_full_cycles), '', null],
    ['water', fmt.pct(lang, a.water?.autonomy), fmt.pct(lang, s.water?.autonomy), fmt.signed(lang, c.water_autonomy_points, 1, ' pts'), c.water_autonomy_points],
    ['dry', a.dry_days ?? '—', s.dry_days ?? '—', c.dry_days === null ? '—' : fmt.signed(lang, c.dry_days, 0), c.dry_days === null ? null : -c.dry_days],
    ['vital', fmt.pct(lang, a.vital_needs_index), fmt.pct(lang, s.vital_needs_index), fmt.signed(lang, c.vital_needs_points, 1, ' pts'), c.vital_needs_points],
  ];
  $('summary').querySelector('tbody').replaceChildren(...lines.map(([key, ...cells]) => {
    const tr = document.createElement('tr');
    tr.dataset.figure = key;
    const better = cells.pop();
    [t[key], ...cells].forEach((text, i) => {
      const td = document.createElement('td'); td.textContent = text;
      if (i === 3 && better) td.className = better > 0 ? 'up' : 'down';
      tr.append(td);
    });
    return tr;
  }));
  const pr = range.performance_ratio;
  $('status').textContent = t.coverage(s.intervals.present, s.intervals.expected) + (pr === null ? '' : ' ' + t.pr(fmt.pct(lang, pr)));
  drawPairs($('chart-ss'), periods.neighbourhood, f => f.self_sufficiency, t.chartSs, lang, true, site.time_zone);
  drawPairs($('chart-import'), periods.neighbourhood, f => f.import_kwh, t.chartImport, lang, false, site.time_zone);
}

PageDates.init($('from'), $('to'), params, 30);
$('lang').addEventListener('click', () => { lang = lang === 'fr' ? 'en' : 'fr'; applyTexts(); });
$('build').addEventListener('submit', save);
$('query').addEventListener('submit', compare);
applyTexts();
loadSite().then(() => compare());
