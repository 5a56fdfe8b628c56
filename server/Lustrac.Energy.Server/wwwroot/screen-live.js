// Tanks, alerts, the stale banner, the stream and the main loop of the wall screen.
'use strict';

function renderTanks(s) {
  $('tanks').replaceChildren(...s.tanks.map(tank => {
    const row = document.createElement('div');
    row.className = 'tank';
    row.dataset.asset = tank.asset;
    const fill = tank.fill == null ? 0 : Math.round(tank.fill * 100);
    const days = tank.days_left == null ? t('daysUnknown')
      : `${tank.days_left.toLocaleString(L.locale(), { maximumFractionDigits: tank.days_left < 10 ? 1 : 0 })} ${t('daysLeft')}`;
    const detail = tank.volume_l == null ? t('noTank')
      : t('tankDetail', { v: Math.round(tank.volume_l).toLocaleString(L.locale()), c: Math.round(tank.capacity_l ?? 0).toLocaleString(L.locale()) });
    row.innerHTML = `<span class="name"></span><div class="bar"><div style="width:${fill}%"></div></div><span class="days"></span><span class="detail"></span>`;
    row.querySelector('.name').textContent = tank.name; // the site file's name, not its id
    row.querySelector('.days').textContent = days;
    row.querySelector('.detail').textContent = detail;
    return row;
  }));
}

// Residents' alerts raised by the server's rules (only tank_low reaches a screen), in the screen's language.
function renderAlerts(s) {
  const alerts = (s.alerts || []).filter(a => a.kind === 'tank_low');
  $('alerts').hidden = alerts.length === 0;
  $('alerts').replaceChildren(...alerts.map(a => {
    const tank = s.tanks.find(x => x.asset === a.subject);
    const days = tank && tank.days_left != null
      ? `${tank.days_left.toLocaleString(L.locale(), { maximumFractionDigits: 1 })} ${t('daysLeft')}` : t('daysUnknown');
    const el = document.createElement('div');
    el.className = 'alert';
    el.dataset.kind = a.kind;
    el.dataset.subject = a.subject;
    el.textContent = t('tankLow', { t: tank ? tank.name : a.subject, d: days });
    return el;
  }));
}

function renderStale() {
  // Stale when the stream broke, or when even the heartbeat (every 5 s) has not come for 15 s.
  const silent = lastHeardAt && Date.now() - lastHeardAt > 15000;
  const stale = last && (!connected || silent);
  $('stale').hidden = !stale;
  if (stale) $('stale').textContent = t('stale', { t: L.time(new Date(lastHeardAt), true) });
  document.body.dataset.stale = stale ? 'true' : 'false';
}

function render() {
  document.documentElement.lang = L.lang;
  $('lang').textContent = L.lang === 'fr' ? 'EN' : 'FR';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n, { m: 15 }); });
  $('clock').textContent = L.time(L.now());
  renderStale();
  const s = last;
  document.body.dataset.viewer = s ? s.viewer.kind : '';
  if (!s) return;
  $('title').textContent = s.viewer.household_name ? `${s.viewer.household_name} — ${s.site_name}` : t('publicTitle');
  $('subtitle').textContent = t(s.viewer.household ? 'subtitleHome' : 'subtitlePublic');
  renderSignal(s);
  renderFlows(s);
  renderToday(s);
  renderHistory(s);
  renderTanks(s);
  renderAlerts(s);
  $('updated').textContent = t('updated', { t: L.time(new Date(s.generated_at), true) });
}

async function listen() {
  const controller = new AbortController();
  let lastByteAt = Date.now();
  const watchdog = setInterval(() => { if (Date.now() - lastByteAt > 15000) controller.abort(); }, 1000);
  try {
    const response = await fetch('/api/screen/stream', { headers, cache: 'no-store', signal: controller.signal });
    if (response.status === 401 || response.status === 403) {
      // Unknown or revoked token: nothing of the home stays on screen.
      last = null;
      History.data = null;
      document.body.dataset.revoked = 'true';
      for (const id of ['flows', 'curve', 'week', 'tanks', 'water-figures', 'alerts']) $(id).replaceChildren();
      $('error').hidden = false;
      $('error').textContent = t('badToken');
      return 30000;
    }
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
        L.zone = last.time_zone || L.zone;
        L.clockOffset = new Date(last.generated_at) - Date.now();
        lastHeardAt = Date.now();
        document.body.dataset.snapshots = String(Number(document.body.dataset.snapshots || 0) + 1);
        render();
        History.refresh(last, headers).then(changed => { if (changed) render(); });
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

$('lang').addEventListener('click', () => { L.lang = L.lang === 'fr' ? 'en' : 'fr'; localStorage.setItem('lustrac.lang', L.lang); render(); });
// The clock and the stale banner each second; the rest when a snapshot, the figures or the language change.
setInterval(() => { $('clock').textContent = L.time(L.now()); renderStale(); }, 1000);
render();
run();
