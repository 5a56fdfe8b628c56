// The forecast's next good window on the wall screen's signal line: "prochain bon moment : 11:30–15:00".
// Fetched from /api/forecast every 5 minutes (the forecast moves once per interval); the signal's own words stay,
// except at night or without sun, where "wait for the sun" becomes the window the forecast expects.
'use strict';

Object.assign(TEXT.fr, {
  nextGood: 'prochain bon moment : {w}', nextGoodTomorrow: 'prochain bon moment : demain {w}',
  noSunNext: 'Pas de soleil pour l’instant : prochain bon moment {w}', noSunTomorrow: 'Pas de soleil avant demain : prochain bon moment demain {w}',
});
Object.assign(TEXT.en, {
  nextGood: 'next good time: {w}', nextGoodTomorrow: 'next good time: tomorrow {w}',
  noSunNext: 'No sun right now: next good time {w}', noSunTomorrow: 'No sun before tomorrow: next good time tomorrow {w}',
});

const Forecast = {
  next: null,

  async refresh() {
    try {
      const response = await fetch('/api/forecast', { headers: typeof headers === 'undefined' ? {} : headers, cache: 'no-store' });
      if (!response.ok) return;
      const f = await response.json();
      Forecast.next = f.next_window;
      if (typeof render === 'function') render();
    } catch (e) {
      console.warn('forecast:', e);
    }
  },

  // Called by renderSignal after it wrote the live signal's words.
  decorate(s) {
    const w = Forecast.next;
    $('signal').dataset.nextWindow = w ? `${w.day} ${w.label}` : '';
    if (!w || s.signal === 'good') return;
    const tomorrow = w.day === 'tomorrow';
    if (s.signal === 'no_sun') {
      $('signal-text').textContent = t(tomorrow ? 'noSunTomorrow' : 'noSunNext', { w: w.label });
      return;
    }
    $('signal-text').textContent += ' · ' + t(tomorrow ? 'nextGoodTomorrow' : 'nextGood', { w: w.label });
  },
};

window.addEventListener('load', Forecast.refresh); // after screen-live.js made the token's headers
setInterval(Forecast.refresh, 5 * 60 * 1000);
