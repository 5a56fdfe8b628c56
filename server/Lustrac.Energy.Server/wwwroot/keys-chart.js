// The allocation keys' chart in plain SVG: one group of bars per household (one bar per key, its self-sufficiency),
// drawn across so that thirty homes stay readable; the chart grows downwards with the number of homes.
'use strict';

const KeysChart = {
  colours: { static: 'key-static', default_dynamic: 'key-dynamic', equal_share: 'key-equal' },

  draw(svg, data, t, pct) {
    const ns = 'http://www.w3.org/2000/svg';
    const el = (name, attrs, text) => { const e = document.createElementNS(ns, name); for (const k in attrs) e.setAttribute(k, attrs[k]); if (text !== undefined) e.textContent = text; return e; };
    const [left, right, top, bar, gap] = [170, 690, 40, 14, 16];
    const width = right - left, group = data.keys.length * bar + gap;
    const height = top + data.households.length * group + 10;
    svg.setAttribute('viewBox', `0 0 760 ${height}`);
    const parts = [el('title', { id: 'chart-title' }, t.chart)];
    for (let p = 0; p <= 100; p += 25) {
      const x = left + width * p / 100;
      parts.push(el('line', { x1: x, x2: x, y1: top - 6, y2: height - 10, class: 'grid' }), el('text', { x, y: top - 12, 'text-anchor': 'middle' }, p + ' %'));
    }
    // The legend on its own line above the axis labels, one entry per key.
    data.keys.forEach((k, i) => {
      parts.push(el('rect', { class: this.colours[k], x: left + i * 200, y: 4, width: 12, height: 12 }), el('text', { x: left + i * 200 + 17, y: 15, class: 'legend' }, t.keys[k]));
    });
    data.households.forEach((h, i) => {
      const y0 = top + i * group;
      parts.push(el('text', { x: left - 10, y: y0 + data.keys.length * bar / 2 + 4, 'text-anchor': 'end', class: 'home' }, h.name));
      data.keys.forEach((k, j) => {
        const v = h.keys[k].total.self_sufficiency;
        const w = v == null ? 0 : width * v;
        parts.push(el('rect', { class: this.colours[k], x: left, y: y0 + j * bar, width: w, height: bar - 2,
          'data-household': h.household, 'data-key': k, 'data-ss': v ?? '' }));
        parts.push(el('text', { x: left + w + 4, y: y0 + j * bar + bar - 4, class: 'value' }, pct(v)));
      });
    });
    svg.replaceChildren(...parts);
  },
};
