// The key owners' page; a file, not inline, so the Content-Security-Policy can forbid inline scripts.
// Its texts are the console's dictionaries (stats.* keys; /admin-next/i18n.js says how to add one).
'use strict';
const $ = (id) => document.getElementById(id);
let shown = null;

function row(body, cells) {
  const tr = document.createElement('tr');
  cells.forEach((c) => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
  body.appendChild(tr);
}

/** "used of limit", or "no limit" when the limit is 0; {@code format} renders both numbers. */
const ofLimit = (used, limit, format) => (fmt.micros(limit) === 0n ? t('stats.noLimit')
  : t('stats.of', { used: format(used), max: format(limit) }));

function render(d) {
  $('name').textContent = d.name + (d.isActive ? '' : ' ' + t('stats.disabled'));
  $('usage').replaceChildren();
  for (const [label, u] of [['stats.today', d.usage.daily], ['stats.month', d.usage.monthly], ['stats.total', d.usage.total]]) {
    row($('usage'), [t(label), fmt.num(u.requests), fmt.num(u.allTokens), fmt.money(u.cost)]);
  }
  const l = d.limits;
  $('limits').replaceChildren();
  row($('limits'), [t('limit.daily'), ofLimit(l.currentDailyCost, l.dailyCostLimit, fmt.money)]);
  row($('limits'), [t('limit.total'), ofLimit(l.currentTotalCost, l.totalCostLimit, fmt.money)]);
  row($('limits'), [t('limit.concurrency'), ofLimit(l.currentConcurrency, l.concurrencyLimit, fmt.num)]);
  // The owner's own clock: this page has no admin session to ask the relay for its offset.
  row($('limits'), [t('stats.expires'), d.expiresAt ? new Intl.DateTimeFormat(I18N.lang, { dateStyle: 'medium',
    timeStyle: 'short' }).format(new Date(d.expiresAt)) : t('stats.never')]);
  $('out').hidden = false;
}

$('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('error').textContent = '';
  // The key goes in the POST body only: never in the URL, where proxies and history would keep it.
  const res = await fetch('/apiStats/api/user-stats', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey: $('key').value.trim() }) });
  const r = await res.json().catch(() => ({}));
  if (!res.ok) { $('out').hidden = true; $('error').textContent = r.message || t('stats.failed'); return; }
  shown = r.data;
  render(shown);
});

$('lang-switch').addEventListener('change', () => {
  setLanguage($('lang-switch').value, true);
  if (shown) render(shown);
});
setLanguage(I18N.lang, false);
$('lang-switch').value = I18N.lang;
