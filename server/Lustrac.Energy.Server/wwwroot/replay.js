// Replay of a past day on the shared screen: the day's closed intervals (/api/replay, the engine's stored rows) drawn
// one by one on a clock running at the chosen speed (60×: a day in 24 minutes), then back to live on a button.
// Self-contained: it adds its own bar and panel, and hides the live charts while it runs.
'use strict';

const REPLAY_TEXT = {
  fr: { day: 'Rejouer le', speed: 'vitesse', start: 'Rejouer', live: 'Retour au direct', print: 'Imprimer', csv: 'CSV',
        title: 'Rejeu du {d}, par {m} min', shown: '{n} intervalles sur {N} · autoproduction jusqu’ici : {p}', end: 'fin du jour rejoué',
        failed: 'Rejeu impossible : ', granularity: 'Pas de compensation', keys: 'Clés de répartition' },
  en: { day: 'Replay', speed: 'speed', start: 'Replay', live: 'Back to live', print: 'Print', csv: 'CSV',
        title: 'Replay of {d}, by {m} min', shown: '{n} of {N} intervals · self-sufficiency so far: {p}', end: 'end of the replayed day',
        failed: 'Cannot replay: ', granularity: 'Netting step', keys: 'Allocation keys' },
};

const Replay = {
  day: null, timer: null, startedAt: 0, speed: 60, drawn: -1, scale: null,
  t(key, vars = {}) { return REPLAY_TEXT[L.lang][key].replace(/\{(\w+)\}/g, (_, k) => vars[k]); },

  build() {
    const bar = document.createElement('section');
    bar.id = 'replay';
    bar.className = 'replay-bar';
    bar.hidden = true;
    bar.innerHTML = '<label><span data-r="day"></span> <input type="date" id="replay-date"></label>' +
      '<label><span data-r="speed"></span> <select id="replay-speed">' +
      [60, 120, 360, 1440, 3600].map(s => `<option value="${s}">${s}×</option>`).join('') + '</select></label>' +
      '<button type="button" id="replay-start" data-r="start"></button><button type="button" id="replay-live" data-r="live" hidden></button>' +
      '<span id="replay-clock" class="replay-clock"></span><a id="replay-csv" data-r="csv" hidden></a>' +
      '<button type="button" id="replay-print" data-r="print" hidden></button>' +
      '<span class="teach-links"><a id="teach-granularity" data-r="granularity" href="/granularity.html"></a> · <a id="teach-keys" data-r="keys" href="/keys.html"></a></span>';
    document.querySelector('.charts').before(bar);
    const panel = document.createElement('article');
    panel.id = 'replay-panel';
    panel.className = 'tile curve replay-panel';
    panel.hidden = true;
    panel.innerHTML = '<h2 id="replay-title"></h2><div id="replay-curve" class="chart"></div><div class="legend">' +
      [['shared', 'legendShared'], ['own', 'legendHomesPv'], ['grid', 'legendGrid'], ['surplus', 'legendExport']]
        .map(([cls, key]) => `<span class="key ${cls}" data-l="${key}"></span>`).join('') + '</div><div id="replay-note" class="note"></div>';
    bar.after(panel);
    $('replay-date').value = History.day(-1);
    $('replay-start').addEventListener('click', () => this.start($('replay-date').value, Number($('replay-speed').value)));
    $('replay-live').addEventListener('click', () => this.stop());
    $('replay-print').addEventListener('click', () => window.print());
    $('lang').addEventListener('click', () => { this.render(); this.drawn = -1; this.tick(); }); // after the screen's own handler
  },

  async start(date, speed) {
    this.stop();
    try {
      const response = await fetch(`/api/replay?date=${encodeURIComponent(date)}`, { headers, cache: 'no-store' });
      const data = await response.json();
      if (!response.ok) throw new Error(data.why?.[L.lang] || data.error || response.status);
      this.day = data;
    } catch (e) {
      $('replay-clock').textContent = this.t('failed') + e.message;
      return;
    }
    // The whole day's scale from the start: students watch bars grow on an axis that does not move.
    Object.assign(this, { speed, startedAt: Date.now(), drawn: -1, scale: curveScaleOf(this.day.intervals, false) });
    $('replay-csv').href = `/api/replay.csv?date=${encodeURIComponent(date)}`;
    $('replay-csv').setAttribute('download', `lustrac-replay-${date}.csv`);
    document.body.dataset.replay = 'true';
    this.timer = setInterval(() => this.tick(), 200);
    this.tick();
  },

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.day = null;
    document.body.dataset.replay = 'false';
    this.render();
  },

  /** The replayed clock: the day's midnight plus the real time elapsed times the speed, up to the day's end. */
  tick() {
    const d = this.day;
    if (!d) return;
    const from = new Date(d.from).getTime(), to = new Date(d.to).getTime();
    const clock = Math.min(to, from + (Date.now() - this.startedAt) * this.speed);
    const shown = d.intervals.filter(i => new Date(i.end).getTime() <= clock);
    $('replay-clock').textContent = clock >= to ? this.t('end') : L.time(new Date(clock));
    $('replay-clock').dataset.time = new Date(clock).toISOString();
    if (shown.length !== this.drawn) {
      drawCurve($('replay-curve'), shown, null, false, d.interval_minutes, new Date(from), this.scale);
      $('replay-curve').querySelector('.empty')?.remove();
      this.drawn = shown.length;
      // The server's figure of the day up to the last shown interval (sums of the engine's intervals, not an average).
      const ss = shown.length ? shown[shown.length - 1].day_so_far_self_sufficiency : null;
      $('replay-note').textContent = this.t('shown', { n: shown.length, N: d.intervals.length, p: L.percent(ss) });
    }
    if (clock >= to) { clearInterval(this.timer); this.timer = null; }
  },

  /** Texts and visibility: the bar on the shared screen only (a household's screen shows its own day). */
  render() {
    const shared = typeof last !== 'undefined' && last && !last.viewer.household;
    $('replay').hidden = !shared;
    document.querySelectorAll('[data-r]').forEach(e => { e.textContent = this.t(e.dataset.r); });
    $('teach-granularity').href = '/granularity.html?lang=' + L.lang; // the other teaching pages, in the screen's language
    $('teach-keys').href = '/keys.html?lang=' + L.lang;
    document.querySelectorAll('#replay-panel [data-l]').forEach(e => { e.textContent = L.t(e.dataset.l); });
    const on = !!this.day;
    $('replay-panel').hidden = !on;
    $('replay-live').hidden = $('replay-csv').hidden = $('replay-print').hidden = !on;
    if (!on) { $('replay-clock').textContent = ''; return; }
    const date = new Date(new Date(this.day.from).getTime() + 12 * 3600e3);
    $('replay-title').textContent = this.t('title', { d: L.date(date), m: this.day.interval_minutes });
  },
};

Replay.build();
setInterval(() => Replay.render(), 1000);
Replay.render();
const replayAsked = new URLSearchParams(location.search);
if (replayAsked.has('replay')) Replay.start(replayAsked.get('replay'), Number(replayAsked.get('speed')) || 60);
