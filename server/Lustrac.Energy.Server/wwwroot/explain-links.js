// The "?" beside each figure of the wall screen and the household screen: opens explain.html with the figure, its
// period and (on a household's screen) the household. Self-contained: it watches the page and adds its links.
'use strict';

const ExplainLinks = {
  title() { return L.lang === 'fr' ? 'Comment est-ce calculé ?' : 'How is this computed?'; },

  href(figure, from, to, extra = {}) {
    const q = new URLSearchParams({ figure, from, to, lang: L.lang, ...extra });
    const household = typeof last !== 'undefined' && last && last.viewer ? last.viewer.household : null;
    if (household && !extra.asset) q.set('household', household);
    return '/explain.html?' + q;
  },

  /** One link in `host` (made once, its address kept current). */
  put(host, key, href) {
    if (!host) return;
    let a = host.querySelector(`:scope > a.explain-link[data-explain="${key}"]`);
    if (!a) {
      a = Object.assign(document.createElement('a'), { className: 'explain-link', textContent: '?' });
      a.dataset.explain = key;
      host.append(a);
    }
    if (a.getAttribute('href') !== href) a.setAttribute('href', href);
    if (a.title !== this.title()) { a.title = this.title(); a.setAttribute('aria-label', this.title()); }
  },

  apply() {
    const today = History.day(0), tomorrow = History.day(1);
    const monthStart = today.slice(0, 8) + '01';
    const household = typeof last !== 'undefined' && last && last.viewer && last.viewer.household;
    const h2 = id => document.getElementById(id)?.closest('h2');
    this.put(h2('today-whose'), 'today', this.href('self_sufficiency', today, tomorrow));
    this.put(document.getElementById('month'), 'month', this.href('self_sufficiency', monthStart, tomorrow));
    this.put(h2('week-whose'), 'week', this.href('self_sufficiency', History.day(-6), tomorrow));
    this.put(h2('curve-whose'), 'curve', this.href(household ? 'allocation' : 'self_consumption', today, tomorrow));
    this.put(h2('water-whose'), 'water', this.href('water_autonomy', today, tomorrow));
    document.querySelectorAll('#tanks .tank[data-asset]').forEach(row =>
      this.put(row.querySelector('.name'), 'tank', this.href('tank_days_left', today, tomorrow, { asset: row.dataset.asset })));
  },
};

// Figures are re-rendered often (the month line, the tanks): links are put back whenever the page changes.
let explainPending = false;
new MutationObserver(() => {
  if (explainPending) return;
  explainPending = true;
  setTimeout(() => { explainPending = false; ExplainLinks.apply(); }, 0);
}).observe(document.body, { childList: true, subtree: true, characterData: true });
ExplainLinks.apply();
