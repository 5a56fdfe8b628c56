// The wall screen (kiosk and phone, one page): one Server-Sent Events stream (/api/screen/stream) pushes the live
// snapshot; today's closed intervals and the last days come from /api/autonomy (screen-history.js).
// fetch() reads the stream so the token travels in a header, not in URLs that end up in logs.
'use strict';

const params = new URLSearchParams(location.search);
if (params.has('token')) {
  localStorage.setItem('lustrac.token', params.get('token'));
  params.delete('token'); // keep the secret out of the address bar and of bookmarks
}
if (params.has('lang')) localStorage.setItem('lustrac.lang', params.get('lang'));
L.lang = localStorage.getItem('lustrac.lang') === 'en' ? 'en' : 'fr';
history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));

const token = localStorage.getItem('lustrac.token');
const headers = token ? { Authorization: 'Bearer ' + token } : {};
let last = null;          // the last snapshot received: kept on screen while the server is away
let lastHeardAt = null;   // when the server last spoke
let connected = false;
const $ = id => document.getElementById(id);
const t = L.t;

/** A live card: what, whose (the home's name or "Quartier"), the value in kW and a note. */
function card(kind, title, whose, watts, note, id) {
  const a = document.createElement('article');
  a.className = `tile ${kind}`;
  a.dataset.card = kind;
  a.innerHTML = '<h2><span class="what"></span> <span class="whose"></span></h2><div class="value"><span class="kw"></span><small>kW</small></div><div class="note"></div>';
  a.querySelector('.what').textContent = title;
  a.querySelector('.whose').textContent = whose;
  a.querySelector('.kw').textContent = L.kw(watts);
  if (id) a.querySelector('.kw').id = id; // home-w: the consumption shown; solar-w: the neighbourhood's production
  a.querySelector('.note').textContent = note;
  return a;
}

function renderFlows(s) {
  const n = s.neighbourhood, home = s.home, name = s.viewer.household_name || s.viewer.household;
  const q = t('neighbourhood');
  const cards = [];
  if (s.viewer.household) {
    cards.push(card('home', t('consumption'), name, home ? home.consumption_w : null, home ? t('homeCons') : t('noSplit'), 'home-w'));
    cards.push(card('sun', t('sharedSolar'), name, home ? home.shared_solar_w : null, t('sharedNote')));
    if (s.viewer.has_own_pv) cards.push(card('own', t('ownSolar'), name, home ? home.own_solar_w : null, t('ownNote')));
    const exporting = home && home.grid_w <= 0 && home.export_w > 0;
    cards.push(card('grid', t('grid'), name, home ? (exporting ? home.export_w : home.grid_w) : null, exporting ? t('export') : t('fromGrid')));
    cards.push(card('sun quartier', t('production'), q, n.production_w, t('arrays'), 'solar-w'));
  } else {
    cards.push(card('sun', t('production'), q, n.production_w, t('arrays'), 'solar-w'));
    cards.push(card('home', t('consumption'), q, n.consumption_w,
      n.consumption_w == null ? t('aggregateOnly') : t('neighbourhoodCons', { n: n.households_reporting }), 'home-w'));
    const net = n.consumption_w == null || n.production_w == null ? null : n.consumption_w - n.production_w;
    cards.push(card('grid', t('grid'), q, net == null ? null : Math.abs(net), net == null ? '' : net >= 0 ? t('fromGrid') : t('export')));
  }
  $('flows').replaceChildren(...cards);
  $('flows').dataset.cards = String(cards.length);
}

function renderSignal(s) {
  const night = L.localHour(L.now()) >= 17 || L.localHour(L.now()) < 5;
  const home = s.viewer.household ? 'Home' : ''; // a home's screen speaks of the home, the shared one of the neighbourhood
  const words = { good: t('good' + home), wait: t('wait' + home), no_sun: night ? t('noSunNight') : t('noSun'), unknown: t('unknown') };
  $('signal').className = 'signal ' + ({ good: 'good', wait: 'wait', no_sun: 'wait' }[s.signal] || 'waiting');
  $('signal').dataset.signal = s.signal;
  $('signal-icon').textContent = { good: '☀', wait: '☁', no_sun: '☾' }[s.signal] || '…';
  $('signal-text').textContent = words[s.signal] || words.unknown;
  if (typeof Forecast !== 'undefined') Forecast.decorate(s); // the forecast's next good window (screen-forecast.js)
}

function renderToday(s) {
  const ss = s.today.self_sufficiency, whose = s.viewer.household_name || t('neighbourhood');
  for (const id of ['curve-whose', 'week-whose', 'today-whose']) $(id).textContent = whose;
  $('today-ss').textContent = ss == null ? '—' : Math.round(ss * 100).toLocaleString(L.locale());
  $('today-bar').style.width = ss == null ? '0' : `${Math.round(ss * 100)}%`;
  $('today-target').style.left = `${Math.round(s.target * 100)}%`;
  // Basis: closed intervals from the meters (same figures as the autonomy API), the open part estimated from live power.
  const basis = { meters: 'meters', meters_and_live_estimate: 'metersLive' }[s.today.basis] || 'estimate';
  $('today-note').textContent = `${t('since', { t: '00:00' })} · ${t('target', { p: L.percent(s.target) })} · ${t(basis)}`;
}

function renderHistory(s) {
  const h = History.data;
  if (!h) return;
  const household = !!s.viewer.household;
  const minutes = h.intervals.length ? (new Date(h.intervals[0].end) - new Date(h.intervals[0].start)) / 60000 : 15;
  document.querySelector('[data-i18n="todayCurve"]').textContent = t('todayCurve', { m: minutes });
  drawCurve($('curve'), h.intervals, s.today.open, household, minutes);
  $('curve-legend').innerHTML = '';
  for (const [cls, key] of [['shared', 'legendShared'], ...(household ? (s.viewer.has_own_pv ? [['own', 'legendOwn']] : []) : [['own', 'legendHomesPv']]),
    ['grid', 'legendGrid'], ['surplus', 'legendExport'], ['open', 'legendOpen']]) {
    const span = document.createElement('span');
    span.className = 'key ' + cls;
    span.textContent = t(key);
    $('curve-legend').append(span);
  }
  drawWeek($('week'), h.days, s.target);
  $('week-note').textContent = t('weekNote', { p: L.percent(s.target) });
  const monthStart = L.date(new Date(h.month.start));
  $('month').textContent = h.month.self_sufficiency == null ? t('monthNone', { d: monthStart })
    : t('month', { d: monthStart, p: L.percent(h.month.self_sufficiency) });
  $('month').dataset.ss = h.month.self_sufficiency ?? '';
  $('home-water').hidden = !h.water;
  if (h.water) {
    const today = h.water.periods[h.water.periods.length - 1], week = h.water.total;
    const line = (label, p) => `${label}${L.lang === 'fr' ? ' : ' : ': '}${L.number(p.rain_l, 0)} L ${t('rain')} · ${L.number(p.mains_l, 0)} L ${t('mains')}`;
    $('water-whose').textContent = s.viewer.household_name || '';
    $('water-figures').innerHTML = '';
    for (const text of [line(t('todayWord'), today), line(t('weekWord'), week)])
      $('water-figures').append(Object.assign(document.createElement('div'), { className: 'water-line', textContent: text }));
  }
}
