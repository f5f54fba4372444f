// The key owners' page; a file, not inline, so the Content-Security-Policy can forbid inline scripts.
'use strict';
const $ = (id) => document.getElementById(id);
function row(body, cells) {
  const tr = document.createElement('tr');
  cells.forEach((c) => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
  body.appendChild(tr);
}
$('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('error').textContent = '';
  // The key goes in the POST body only: never in the URL, where proxies and history would keep it.
  const res = await fetch('/apiStats/api/user-stats', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey: $('key').value.trim() }) });
  const r = await res.json().catch(() => ({}));
  if (!res.ok) { $('out').hidden = true; $('error').textContent = r.message || 'Could not read usage'; return; }
  const d = r.data;
  $('name').textContent = d.name + (d.isActive ? '' : ' (disabled)');
  $('usage').replaceChildren();
  for (const [label, u] of [['Today', d.usage.daily], ['This month', d.usage.monthly], ['All time', d.usage.total]]) {
    row($('usage'), [label, u.requests, u.allTokens, u.formattedCost]);
  }
  const l = d.limits, money = (v) => '$' + Number(v).toFixed(2), off = (v) => Number(v) === 0;
  $('limits').replaceChildren();
  row($('limits'), ['Daily cost', off(l.dailyCostLimit) ? 'no limit' : money(l.currentDailyCost) + ' of ' + money(l.dailyCostLimit)]);
  row($('limits'), ['Total cost', off(l.totalCostLimit) ? 'no limit' : money(l.currentTotalCost) + ' of ' + money(l.totalCostLimit)]);
  row($('limits'), ['Concurrency', off(l.concurrencyLimit) ? 'no limit' : l.currentConcurrency + ' of ' + l.concurrencyLimit]);
  row($('limits'), ['Expires', d.expiresAt || 'never']);
  $('out').hidden = false;
});
