// Today's closed intervals, the last 7 days and the month, read from the engine's own API (/api/autonomy, /api/water)
// with the screen's token: the screen draws those figures as they are, so they are the figures of the API and Grafana.
'use strict';

const History = {
  data: null,        // { intervals, days, month, water }
  loadedFor: null,   // the closed_until the figures were read at: read again when the engine closes an interval
  loading: false,

  /** 'YYYY-MM-DD' of the site's local day, `offset` days from today. */
  day(offset) {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: L.zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(L.now());
    const [y, m, d] = today.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
  },

  async get(path, headers) {
    const response = await fetch(path, { headers, cache: 'no-store' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  },

  /** Reads again when the engine has closed a new interval (or every 5 minutes), never two reads at once. */
  async refresh(snapshot, headers) {
    const key = (snapshot.today.closed_until || '') + '|' + this.day(0) + '|' + Math.floor(Date.now() / 300000);
    if (this.loading || key === this.loadedFor) return false;
    this.loading = true;
    try {
      const h = snapshot.viewer.household;
      const who = h ? `&household=${encodeURIComponent(h)}` : '';
      const [today, week] = await Promise.all([
        this.get(`/api/autonomy?from=${this.day(0)}&to=${this.day(1)}&resolution=interval${who}`, headers),
        this.get(`/api/autonomy?from=${this.day(-6)}&to=${this.day(1)}&resolution=day${who}`, headers),
      ]);
      const water = h && snapshot.viewer.has_water
        ? await this.get(`/api/water?from=${this.day(-6)}&to=${this.day(1)}&resolution=day${who}`, headers) : null;
      this.data = {
        // Closed intervals only: an interval the engine has not closed (or could not compute) has no consumption.
        intervals: today.periods.filter(p => p.consumption_kwh != null),
        days: week.periods,
        month: week.progress.month,
        water,
      };
      this.loadedFor = key;
      return true;
    } catch (e) {
      console.warn('history:', e);
      return false;
    } finally {
      this.loading = false;
    }
  },
};

/**
 * The split of a period's consumption (kWh, from the API's fields): shared solar, own solar, grid, and the surplus.
 * A household's import is what its meter counted, shared share included (the share is allocated against it); the
 * neighbourhood's import is what it drew from the grid as a whole (the engine's net of every home and array).
 */
function splitOf(p, household) {
  const allocated = p.allocated_kwh || 0, imported = p.import_kwh || 0, consumption = p.consumption_kwh || 0;
  return household
    ? { shared: allocated, own: Math.max(0, consumption - imported), grid: Math.max(0, imported - allocated), surplus: p.export_kwh || 0 }
    : { shared: allocated, own: Math.max(0, consumption - imported - allocated), grid: imported, surplus: p.export_kwh || 0 };
}
