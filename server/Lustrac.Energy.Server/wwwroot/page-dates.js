// Dates on the working pages, one rule everywhere: the "to" input shows the last day included; URLs and the API
// take the day after it (an exclusive end). A date input is drawn in the browser's own format (06/20/2026 in an
// American Chromium), so each one is also spelled out in the page's language beside it.
'use strict';

const PageDates = {
  /** yyyy-mm-dd of the day where the page is read (a screen at the site: the site's day), moved by offset days. */
  localDay(d, offset = 0) {
    const s = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    const [y, m, day] = s.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, day + offset)).toISOString().slice(0, 10);
  },

  /** yyyy-mm-dd moved by a number of days (calendar arithmetic, no time zone involved). */
  shift(iso, days) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  },

  /** The exclusive end the API wants, from the inclusive "to" input. */
  endAfter(input) { return input.value ? PageDates.shift(input.value, 1) : ''; },

  /** Fills the range inputs: from ?from and ?to (exclusive), else the last `days` days up to yesterday. */
  init(fromInput, toInput, params, days) {
    fromInput.value = params.get('from') || PageDates.localDay(new Date(), -days);
    toInput.value = params.get('to') ? PageDates.shift(params.get('to'), -1) : PageDates.localDay(new Date(), -1);
  },

  /** "samedi 20 juin 2026" in the page's language after each input, kept up to date. */
  spell(inputs, lang) {
    const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
    for (const input of inputs) {
      let words = input.nextElementSibling;
      if (!words?.classList.contains('date-words')) {
        words = document.createElement('span');
        words.className = 'date-words';
        input.after(words);
        input.addEventListener('input', () => PageDates.spell([input], document.documentElement.lang));
      }
      words.textContent = input.value
        ? new Date(input.value + 'T12:00:00Z').toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
        : '';
    }
  },
};
