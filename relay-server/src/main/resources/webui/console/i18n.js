// The console's languages. How to add a string (for anyone adding a page or a form):
//   1. Put the key and its text in BOTH i18n/en.js and i18n/zh-CN.js, one `'key': 'text',` per line
//      (ConsoleI18nTest fails when a key is missing from either, or when the two files differ).
//   2. In index.html give the element data-i18n="key" (its text), data-i18n-placeholder,
//      data-i18n-title or data-i18n-aria-label (those attributes); text that is not to be
//      translated (a JSON sample, a language's own name) sits inside translate="no".
//   3. In scripts write t('key') or t('key', { name: value }) for "{name}" in the text; numbers,
//      money, times through fmt.* (the operator's locale; times in the relay's TIMEZONE_OFFSET).
// The language: ?lang= / the header switch (kept in localStorage), else navigator.languages.
'use strict';

const I18N = {
  dicts: {},
  languages: ['en', 'zh-CN'],
  lang: 'en',
  /** Minutes east of UTC that the relay counts its days in (GET /admin/console-settings). */
  offsetMinutes: 0,
  add(lang, dict) { this.dicts[lang] = dict; },
};

/** The language of a BCP 47 tag we have, or null: any zh → zh-CN, any en → en. */
function supportedLanguage(tag) {
  const t = String(tag || '').toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

function chosenLanguage() {
  const stored = supportedLanguage(localStorage.getItem('consoleLang'));
  if (stored) return stored;
  for (const l of navigator.languages || [navigator.language]) {
    const s = supportedLanguage(l);
    if (s) return s;
  }
  return 'en';
}

/** The text of {@code key} in the current language ({name} replaced from params); English, then the key, if missing. */
function t(key, params) {
  const d = I18N.dicts[I18N.lang] || {};
  let s = d[key] ?? (I18N.dicts.en || {})[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, p) => (params[p] === undefined ? m : String(params[p])));
  return s;
}

/** t(prefix + value) when that key exists (a status, a platform type), else the value itself (it is data). */
function tOr(key, fallback) {
  return (I18N.dicts[I18N.lang] || {})[key] !== undefined ? t(key) : String(fallback ?? '');
}

/** Fills every data-i18n* element under root with the current language's text. */
function applyI18n(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    root.querySelectorAll(`[data-i18n-${attr}]`).forEach((el) => el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`))));
  }
  document.documentElement.lang = I18N.lang;
}

function setLanguage(lang, remember) {
  I18N.lang = supportedLanguage(lang) || 'en';
  if (remember) localStorage.setItem('consoleLang', I18N.lang);
  applyI18n();
}

// Formatters in the operator's locale. Money arrives as decimal dollars (exact strings of integer
// micro-dollars) and is never computed with here beyond display; ratios use BigInt micro-dollars.
const fmt = {
  num: (n) => new Intl.NumberFormat(I18N.lang).format(Number(n || 0)),
  /** A dollar amount as the API gives it (e.g. 0.001995): the decimal string is formatted as is, not via a float sum. */
  money: (v) => new Intl.NumberFormat(I18N.lang, { style: 'currency', currency: 'USD', minimumFractionDigits: 2,
    maximumFractionDigits: 6 }).format(String(v ?? 0)),
  /** "0.0024" → 2400n: integer micro-dollars from the API's decimal dollars, by string, without floats. */
  micros(v) {
    const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(String(v ?? '0').trim());
    if (!m) return 0n;
    const whole = BigInt(m[2] || '0') * 1000000n + BigInt(((m[3] || '') + '000000').slice(0, 6));
    return m[1] ? -whole : whole;
  },
  /** used of limit in whole percent, rounded down (BigInt: integers in, integer out). */
  percent: (used, limit) => (BigInt(limit) > 0n ? Number((BigInt(used) * 100n) / BigInt(limit)) : 0),
  /** The wall clock of the relay's TIMEZONE_OFFSET for an ISO instant. */
  dateTime(iso, opts) {
    if (!iso) return '–';
    const shifted = new Date(new Date(iso).getTime() + I18N.offsetMinutes * 60000);
    return new Intl.DateTimeFormat(I18N.lang, Object.assign({ timeZone: 'UTC', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }, opts || {})).format(shifted);
  },
  time: (iso) => fmt.dateTime(iso, { year: undefined, month: undefined, day: undefined, second: undefined }),
  /** A day id (2026-03-01, already the relay's day) as month and day. */
  day: (id) => new Intl.DateTimeFormat(I18N.lang, { timeZone: 'UTC', month: '2-digit', day: '2-digit' })
    .format(new Date(id + 'T00:00:00Z')),
  /** "UTC+08:00" for the offset the times are shown in. */
  zone() {
    const m = I18N.offsetMinutes;
    const a = Math.abs(m);
    return `UTC${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  },
};

I18N.lang = chosenLanguage();
{
  const asked = supportedLanguage(new URLSearchParams(location.search).get('lang'));
  if (asked) I18N.lang = asked;
}
