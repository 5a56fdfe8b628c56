// Plain SVG paired bars (actual, scenario) per period, like the wall screen's charts: no library to install.
'use strict';
function drawPairs(svg, periods, valueOf, label, lang, asPercent, zone) {
  const ns = 'http://www.w3.org/2000/svg';
  const el = (name, attrs, text) => { const e = document.createElementNS(ns, name); for (const k in attrs) e.setAttribute(k, attrs[k]); if (text !== undefined) e.textContent = text; return e; };
  const [left, top, height, right] = [64, 34, 210, svg.viewBox.baseVal.width - 10];
  const values = periods.flatMap(p => [valueOf(p.actual), valueOf(p.scenario)]).filter(v => v !== null && v !== undefined);
  const max = asPercent ? 1 : niceCeiling(Math.max(0.1, ...values));
  const parts = [el('text', { x: left, y: 20, class: 'chart-title' }, label)];
  // One number of decimals for the whole axis, as many as its step needs (0, 5, 10 … or 0,0, 0,5, 1,0 …).
  const decimals = asPercent ? 0 : Math.max(0, -Math.floor(Math.log10(max / 5) + 1e-9));
  for (let i = 0; i <= 5; i++) {
    const v = max * i / 5, y = top + height - height * i / 5;
    parts.push(el('line', { x1: left, x2: right, y1: y, y2: y, stroke: '#dde3dc' }));
    parts.push(el('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, asPercent ? fmt.num(lang, v * 100, 0) + ' %' : fmt.num(lang, v, decimals)));
  }
  const slot = (right - left) / Math.max(1, periods.length), bar = Math.max(1, Math.min(40, slot / 2 - 2));
  const labelEvery = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    const x = left + i * slot + (slot - 2 * bar) / 2;
    [['actual', valueOf(p.actual)], ['scenario', valueOf(p.scenario)]].forEach(([side, v], j) => {
      const h = v === null || v === undefined ? 0 : height * Math.min(v, max) / max;
      parts.push(el('rect', { class: `bar-${side}`, x: x + j * bar, y: top + height - h, width: bar, height: h, 'data-start': p.start, 'data-value': v ?? '' }));
    });
    if (i % labelEvery === 0)
      parts.push(el('text', { x: left + i * slot + slot / 2, y: top + height + 18, 'text-anchor': 'middle' },
        new Date(p.start).toLocaleDateString(lang, { day: 'numeric', month: 'short', timeZone: zone })));
  });
  const t = TEXTS[lang];
  parts.push(el('rect', { class: 'bar-actual', x: left, y: 278, width: 14, height: 14 }), el('text', { x: left + 20, y: 290 }, t.actual));
  parts.push(el('rect', { class: 'bar-scenario', x: left + 140, y: 278, width: 14, height: 14 }), el('text', { x: left + 160, y: 290 }, t.scenario));
  svg.replaceChildren(...parts);
}

// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above v, so the five gridlines fall on round numbers.
function niceCeiling(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 2.5, 5, 10].map(m => m * p).find(x => x >= v);
}
