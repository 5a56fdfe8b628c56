// Plain SVG charts (no library to install or keep): today's curve by canonical interval and the last 7 days' bars.
// Each bar carries the API's figures in data- attributes, so tests compare what is drawn with /api/autonomy.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

/**
 * Today's curve: one stacked bar per closed interval (shared solar, own solar, grid), the surplus below the axis,
 * and the open part of the day as one hatched bar marked as an estimate. x is the local time of day.
 */
function drawCurve(box, intervals, open, household, intervalMinutes, dayStart = startOfLocalDay(), scale = null) { // dayStart: a replayed day's midnight
  const [W, H] = chartSize(box, 600), top = 10, axis = H - 50, bottom = H - 30, left = 40;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'curve-svg' });
  const slot = (W - left) / (24 * 60 / intervalMinutes);
  const xOf = time => left + ((time - dayStart) / 60000 / intervalMinutes) * slot;
  const bars = intervals.map(p => ({ p, s: splitOf(p, household) }));
  const openSplit = open ? splitOf({ consumption_kwh: open.consumption_kwh, allocated_kwh: open.allocated_kwh,
    import_kwh: open.import_kwh, export_kwh: open.export_kwh }, household) : null;
  // The open bar covers from the last close to now: scaled to one interval's length, to compare with the others.
  const openScale = open ? intervalMinutes / Math.max(1, (L.now() - new Date(open.from)) / 60000) : 1;
  // The live screen fits the bars drawn so far; a replay passes its whole day's scale, so the axis stays put as bars appear.
  const fitted = curveScale(bars.map(b => b.s).concat(openSplit ? [scaled(openSplit, openScale)] : []));
  const { top: top_, low } = scale ?? fitted;
  const yScale = (axis - top) / top_, yLow = Math.min((bottom - axis) / low, yScale);

  for (let h = 0; h <= 24; h += 6) {
    const x = left + h * 60 / intervalMinutes * slot;
    svg.append(el('line', { x1: x, x2: x, y1: top, y2: bottom, class: 'gridline' }));
    svg.append(el('text', { x, y: H - 8, class: 'tick', 'text-anchor': h === 24 ? 'end' : h === 0 ? 'start' : 'middle' }, `${h} h`));
  }
  svg.append(el('text', { x: 0, y: top + 12, class: 'tick' }, L.number(top_, top_ < 1 ? 2 : 1)));
  svg.append(el('text', { x: 0, y: axis + 4, class: 'tick' }, 'kWh'));

  const stack = (g, x, s, scale) => {
    let y = axis;
    for (const [part, cls] of [['shared', 'shared'], ['own', 'own'], ['grid', 'grid']]) {
      const h = s[part] * scale * yScale;
      if (h > 0) g.append(el('rect', { x, y: y - h, width: Math.max(1, slot - 1), height: h, class: cls }));
      y -= h;
    }
    const e = s.surplus * scale * yLow;
    if (e > 0) g.append(el('rect', { x, y: axis, width: Math.max(1, slot - 1), height: e, class: 'surplus' }));
  };
  for (const { p, s } of bars) {
    const g = el('g', { class: 'interval', 'data-start': p.start, 'data-consumption': p.consumption_kwh,
      'data-allocated': p.allocated_kwh ?? '', 'data-import': p.import_kwh ?? '', 'data-export': p.export_kwh ?? '' });
    stack(g, xOf(new Date(p.start)), s, 1);
    svg.append(g);
  }
  if (openSplit) {
    const g = el('g', { class: 'open-estimate', 'data-from': open.from });
    stack(g, xOf(new Date(open.from)), openSplit, openScale);
    svg.append(g);
  }
  svg.append(el('line', { x1: left, x2: W, y1: axis, y2: axis, class: 'axis' }));
  box.replaceChildren(svg);
  box.dataset.intervals = String(bars.length);
  box.dataset.yMax = String(top_);
  if (bars.length === 0 && !openSplit) box.append(Object.assign(document.createElement('div'), { className: 'note empty', textContent: L.t('noCurve') }));
}

/** The y-scale that fits these splits: the tallest stack above the axis and the deepest surplus below it (kWh). */
function curveScale(splits) {
  return { top: Math.max(0.05, ...splits.map(s => s.shared + s.own + s.grid)), low: Math.max(0.01, ...splits.map(s => s.surplus)) };
}

/** The y-scale of whole intervals of the API (a replayed day), as drawCurve would fit them. */
function curveScaleOf(intervals, household) { return curveScale(intervals.map(p => splitOf(p, household))); }

function scaled(s, k) { return { shared: s.shared * k, own: s.own * k, grid: s.grid * k, surplus: s.surplus * k }; }

/** The last 7 days: self-sufficiency per day as a bar, the target as a line across. */
function drawWeek(box, days, target) {
  const [W, H] = chartSize(box, 420), top = 24, base = H - 40;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'week-svg' });
  const width = W / days.length;
  days.forEach((d, i) => {
    const ss = d.self_sufficiency;
    const x = i * width + width * 0.15, w = width * 0.7, h = ss == null ? 0 : ss * (base - top);
    const g = el('g', { class: 'day', 'data-start': d.start, 'data-ss': ss ?? '', 'data-consumption': d.consumption_kwh ?? '' });
    g.append(el('rect', { x, y: base - h, width: w, height: Math.max(h, 0), class: ss != null && ss >= target ? 'met' : 'below' }));
    g.append(el('text', { x: x + w / 2, y: base - h - 6, class: 'bar-label', 'text-anchor': 'middle' }, ss == null ? '—' : Math.round(ss * 100).toString()));
    g.append(el('text', { x: x + w / 2, y: H - 14, class: 'tick', 'text-anchor': 'middle' }, L.weekday(new Date(d.start))));
    svg.append(g);
  });
  const y = base - target * (base - top);
  svg.append(el('line', { x1: 0, x2: W, y1: y, y2: y, class: 'target-line' }));
  svg.append(el('text', { x: W - 2, y: y - 4, class: 'tick', 'text-anchor': 'end' }, L.percent(target)));
  svg.append(el('line', { x1: 0, x2: W, y1: base, y2: base, class: 'axis' }));
  box.replaceChildren(svg);
}

/**
 * One SVG unit per CSS pixel of the chart's box (the fallback width before it is laid out), so the labels' font
 * sizes in screen.css are what the eye gets: a 600-unit chart squeezed onto a phone made 12 px labels 7 px.
 */
function chartSize(box, fallback) {
  const W = box.clientWidth >= 200 ? Math.round(box.clientWidth) : fallback;
  return [W, Math.max(200, Math.min(280, Math.round(W * 0.36)))];
}

/** Midnight of today in the site's zone, as a Date. */
function startOfLocalDay() {
  const now = L.now();
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: L.zone, hourCycle: 'h23',
    hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(now).map(p => [p.type, p.value]));
  const sinceMidnight = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
  return new Date(Math.floor((now.getTime() - sinceMidnight) / 1000) * 1000);
}
