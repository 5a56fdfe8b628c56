// Household wall screen: one Server-Sent Events stream (/api/screen/stream) pushes a snapshot on every new reading.
// fetch() reads the stream so the token travels in a header, not in URLs that end up in logs.
'use strict';

const TEXT = {
  fr: {
    subtitle: 'Énergie et eau du quartier, en direct', connecting: 'Connexion au serveur…',
    solar: 'Soleil', home: 'Maison', neighbourhood: 'Quartier', grid: 'Réseau', today: "Autoproduction aujourd'hui", water: 'Eau de pluie',
    good: 'Bon moment pour lancer vos appareils : le soleil couvre la consommation', wait: 'Attendez le soleil : le quartier consomme plus que sa production',
    unknown: 'Production inconnue pour le moment',
    stale: 'Données figées : pas de nouvelles du serveur depuis {t}. Reconnexion automatique…',
    badToken: "Jeton d'écran inconnu : demandez un nouveau lien au groupe énergie.",
    yourShare: 'dont {v} kW pour vous', arrays: 'panneaux partagés', homeCons: 'consommation du foyer',
    neighbourhoodCons: 'consommation de {n} foyers', fromGrid: 'acheté au réseau', export: 'surplus injecté',
    dailyOnly: 'Chiffres du jour seulement (pas de consentement aux données fines)', aggregateOnly: 'moins de 5 foyers : non affiché',
    target: 'objectif 85 %', household: 'votre foyer', whole: 'tout le quartier', estimate: 'estimation en direct', meters: 'compteurs', metersLive: 'compteurs + estimation en direct',
    daysLeft: 'jours', tankDetail: '{v} L sur {c} L', noTank: 'pas de mesure', updated: 'Mis à jour à {t}', daysUnknown: '— j',
    publicTitle: 'Lustrac — écran partagé',
    tankLow: "Cuve {t} presque vide : {d} d'eau de pluie. Gardez-la pour les WC et le jardin.",
  },
  en: {
    subtitle: 'Neighbourhood energy and water, live', connecting: 'Connecting to the server…',
    solar: 'Sun', home: 'Home', neighbourhood: 'Neighbourhood', grid: 'Grid', today: 'Self-sufficiency today', water: 'Rainwater',
    good: 'Good time to run appliances: the sun covers consumption', wait: 'Wait for the sun: the neighbourhood uses more than it produces',
    unknown: 'Production not known yet',
    stale: 'Frozen values: no news from the server since {t}. Reconnecting automatically…',
    badToken: 'Unknown screen token: ask the energy group for a new link.',
    yourShare: '{v} kW of it for you', arrays: 'shared arrays', homeCons: 'household consumption',
    neighbourhoodCons: 'consumption of {n} households', fromGrid: 'bought from the grid', export: 'surplus exported',
    dailyOnly: 'Daily figures only (no consent to fine-grained data)', aggregateOnly: 'fewer than 5 households: not shown',
    target: 'target 85 %', household: 'your household', whole: 'whole neighbourhood', estimate: 'live estimate', meters: 'from the meters', metersLive: 'meters + live estimate',
    daysLeft: 'days', tankDetail: '{v} L of {c} L', noTank: 'no reading', updated: 'Updated at {t}', daysUnknown: '— d',
    publicTitle: 'Lustrac — shared screen',
    tankLow: 'Tank {t} running low: {d} of rainwater left. Keep it for toilets and the garden.',
  },
};

const params = new URLSearchParams(location.search);
if (params.has('token')) {
  localStorage.setItem('lustrac.token', params.get('token'));
  params.delete('token'); // keep the secret out of the address bar and of bookmarks
}
if (params.has('lang')) localStorage.setItem('lustrac.lang', params.get('lang'));
history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));

const token = localStorage.getItem('lustrac.token');
let lang = localStorage.getItem('lustrac.lang') === 'en' ? 'en' : 'fr';
let last = null;          // the last snapshot received: kept on screen while the server is away
let lastHeardAt = null;   // when the server last spoke
let connected = false;
const $ = id => document.getElementById(id);
const t = (key, vars = {}) => TEXT[lang][key].replace(/\{(\w+)\}/g, (_, k) => vars[k]);
const locale = () => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const kw = w => (w == null ? '—' : (w / 1000).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
// Times in the site's zone, whatever the screen's own clock setting.
const zone = () => (last && last.time_zone) || 'Europe/Paris';
const time = d => d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: zone() });

function render() {
  document.documentElement.lang = lang;
  $('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  $('clock').textContent = new Date().toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', timeZone: zone() });
  renderStale();
  if (!last) return;
  const s = last;
  $('title').textContent = s.viewer.household_name ? `${s.viewer.household_name} — ${s.site_name}` : t('publicTitle');

  const signal = $('signal');
  const produced = s.neighbourhood.production_w;
  signal.className = 'signal ' + (produced == null ? 'waiting' : s.good_time ? 'good' : 'wait');
  $('signal-icon').textContent = produced == null ? '…' : s.good_time ? '☀' : '☁';
  $('signal-text').textContent = produced == null ? t('unknown') : s.good_time ? t('good') : t('wait');

  $('solar-w').textContent = kw(produced);
  $('solar-note').textContent = s.home ? t('yourShare', { v: kw(s.home.shared_solar_w + s.home.own_solar_w) }) : t('arrays');
  if (s.home) {
    $('home-title').textContent = t('home');
    $('home-w').textContent = kw(s.home.consumption_w);
    $('home-note').textContent = t('homeCons');
    $('grid-w').textContent = kw(s.home.grid_w);
    $('grid-note').textContent = t('fromGrid');
  } else {
    const n = s.neighbourhood;
    $('home-title').textContent = t('neighbourhood');
    $('home-w').textContent = kw(n.consumption_w);
    $('home-note').textContent = n.consumption_w == null ? t('aggregateOnly')
      : t('neighbourhoodCons', { n: n.households_reporting }) + (s.viewer.kind === 'household' ? ' · ' + t('dailyOnly') : '');
    const net = n.consumption_w == null || produced == null ? null : n.consumption_w - produced;
    $('grid-w').textContent = kw(net == null ? null : Math.abs(net));
    $('grid-note').textContent = net == null ? '' : net >= 0 ? t('fromGrid') : t('export');
  }

  const ss = s.today.self_sufficiency;
  $('today-ss').textContent = ss == null ? '—' : Math.round(ss * 100).toString();
  $('today-bar').style.width = ss == null ? '0' : `${Math.round(ss * 100)}%`;
  // Basis: closed intervals from the meters (same figures as the autonomy API), the open part estimated from live power.
  const basis = { meters: 'meters', meters_and_live_estimate: 'metersLive' }[s.today.basis] || 'estimate';
  $('today-note').textContent = `${t(s.today.scope === 'household' ? 'household' : 'whole')} · ${t('target')} · ${t(basis)}`;

  $('tanks').replaceChildren(...s.tanks.map(tank => {
    const row = document.createElement('div');
    row.className = 'tank';
    row.dataset.asset = tank.asset;
    const fill = tank.fill == null ? 0 : Math.round(tank.fill * 100);
    const days = tank.days_left == null ? t('daysUnknown')
      : `${tank.days_left.toLocaleString(locale(), { maximumFractionDigits: tank.days_left < 10 ? 1 : 0 })} ${t('daysLeft')}`;
    const detail = tank.volume_l == null ? t('noTank')
      : t('tankDetail', { v: Math.round(tank.volume_l).toLocaleString(locale()), c: Math.round(tank.capacity_l ?? 0).toLocaleString(locale()) });
    row.innerHTML = `<span class="name"></span><div class="bar"><div style="width:${fill}%"></div></div><span class="days"></span><span class="detail"></span>`;
    row.querySelector('.name').textContent = tank.asset;
    row.querySelector('.days').textContent = days;
    row.querySelector('.detail').textContent = detail;
    return row;
  }));
  renderAlerts(s);
  $('updated').textContent = t('updated', { t: time(new Date(s.generated_at)) });
}

// Residents' alerts raised by the server's rules (only tank_low reaches a screen): words of the screen's language,
// days left from the same tank figures as the water tile.
function renderAlerts(s) {
  const alerts = (s.alerts || []).filter(a => a.kind === 'tank_low');
  $('alerts').hidden = alerts.length === 0;
  $('alerts').replaceChildren(...alerts.map(a => {
    const tank = s.tanks.find(x => x.asset === a.subject);
    const days = tank && tank.days_left != null
      ? `${tank.days_left.toLocaleString(locale(), { maximumFractionDigits: 1 })} ${t('daysLeft')}` : t('daysUnknown');
    const el = document.createElement('div');
    el.className = 'alert';
    el.dataset.kind = a.kind;
    el.dataset.subject = a.subject;
    el.textContent = t('tankLow', { t: a.subject, d: days });
    return el;
  }));
}

function renderStale() {
  // Stale when the stream broke, or when even the heartbeat (every 5 s) has not come for 15 s.
  const silent = lastHeardAt && Date.now() - lastHeardAt > 15000;
  const stale = last && (!connected || silent);
  $('stale').hidden = !stale;
  if (stale) $('stale').textContent = t('stale', { t: time(new Date(lastHeardAt)) });
  document.body.dataset.stale = stale ? 'true' : 'false';
}

async function listen() {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  const controller = new AbortController();
  let lastByteAt = Date.now();
  const watchdog = setInterval(() => { if (Date.now() - lastByteAt > 15000) controller.abort(); }, 1000);
  try {
    const response = await fetch('/api/screen/stream', { headers, cache: 'no-store', signal: controller.signal });
    if (response.status === 401 || response.status === 403) { $('error').hidden = false; $('error').textContent = t('badToken'); return 30000; }
    if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
    connected = true;
    lastHeardAt = Date.now();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      lastByteAt = Date.now();
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n');
        if (!data) continue;
        last = JSON.parse(data);
        lastHeardAt = Date.now();
        document.body.dataset.snapshots = String(Number(document.body.dataset.snapshots || 0) + 1);
        render();
      }
    }
  } catch (e) {
    console.warn('screen stream:', e);
  } finally {
    clearInterval(watchdog);
    connected = false;
    render();
  }
  return 2000;
}

async function run() {
  for (;;) {
    const wait = await listen();
    await new Promise(r => setTimeout(r, wait)); // then reconnect, for ever: the screen recovers by itself
  }
}

$('lang').addEventListener('click', () => { lang = lang === 'fr' ? 'en' : 'fr'; localStorage.setItem('lustrac.lang', lang); render(); });
setInterval(render, 1000);
render();
run();
