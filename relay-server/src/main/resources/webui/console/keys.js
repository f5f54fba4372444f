// The console's API keys: the list with its form and batch delete, and one key's page (each limit
// as a progress bar against its current use, usage by day, recent requests).
// Uses app.js's helpers ($, api, cell, button, dollars, show, VIEWS) and i18n.js's t and fmt.
'use strict';

// Number fields of the key form → the admin API's field names. Empty on edit means 0 (no limit).
const KEY_NUMBERS = { 'key-daily': 'dailyCostLimit', 'key-total': 'totalCostLimit', 'key-concurrency': 'concurrencyLimit',
  'key-window': 'rateLimitWindow', 'key-window-requests': 'rateLimitRequests', 'key-window-tokens': 'tokenLimit' };
const INTEGER_FIELDS = ['concurrencyLimit', 'rateLimitWindow', 'rateLimitRequests', 'tokenLimit'];
// The concurrency queue's number fields: empty means the relay's default (null), not 0.
const QUEUE_NUMBERS = { 'key-queue-size': 'concurrencyQueueMaxSize', 'key-queue-timeout': 'concurrencyQueueTimeoutMs' };
/** An ISO instant as a datetime-local value (the browser's time zone). */
const localInput = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const splitList = (v) => v.split(',').map((x) => x.trim()).filter((x) => x.length);

function editKey(k) {
  $('key-id').value = k.id;
  $('key-name').value = k.name;
  for (const [input, field] of Object.entries(KEY_NUMBERS)) $(input).value = Number(k[field]) ? k[field] : '';
  $('key-queue').value = k.concurrencyQueueEnabled === null || k.concurrencyQueueEnabled === undefined
    ? '' : String(k.concurrencyQueueEnabled);
  for (const [input, field] of Object.entries(QUEUE_NUMBERS)) $(input).value = k[field] ?? '';
  // An activation-mode key's expiry starts at first use; the fixed-date field does not apply to it.
  $('key-expires').disabled = k.expirationMode === 'activation';
  $('key-expires').value = k.expirationMode === 'activation' ? '' : localInput(k.expiresAt);
  $('key-tags').value = (k.tags || []).join(', ');
  $('key-active').checked = k.isActive;
  $('key-submit').textContent = t('common.save');
  $('key-cancel').hidden = false;
  $('key-form').scrollIntoView();
}

function resetKeyForm() {
  $('key-form').reset();
  $('key-id').value = '';
  $('key-expires').disabled = false;
  $('key-submit').textContent = t('keys.create');
  $('key-cancel').hidden = true;
}

$('key-cancel').addEventListener('click', resetKeyForm);

$('key-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('key-error').textContent = '';
  const id = $('key-id').value;
  const body = { name: $('key-name').value, isActive: $('key-active').checked };
  for (const [input, field] of Object.entries(KEY_NUMBERS)) {
    const v = $(input).value;
    if (v === '' && !id) continue;
    const value = v === '' ? '0' : v;
    body[field] = INTEGER_FIELDS.includes(field) ? Number(value) : value;
  }
  const queue = $('key-queue').value;
  if (queue !== '' || id) body.concurrencyQueueEnabled = queue === '' ? null : queue === 'true';
  for (const [input, field] of Object.entries(QUEUE_NUMBERS)) {
    const v = $(input).value;
    if (v !== '' || id) body[field] = v === '' ? null : Number(v);
  }
  if (!$('key-expires').disabled && ($('key-expires').value || id)) {
    body.expiresAt = $('key-expires').value ? new Date($('key-expires').value).toISOString() : '';
  }
  const tags = splitList($('key-tags').value);
  if (tags.length || id) body.tags = tags;
  try {
    if (id) {
      await api('PUT', '/admin/api-keys/' + encodeURIComponent(id), body);
    } else {
      const r = await api('POST', '/admin/api-keys', body);
      $('new-key-value').textContent = r.data.apiKey;
      $('new-key').hidden = false;
    }
    resetKeyForm();
    VIEWS.keys();
  } catch (err) {
    $('key-error').textContent = err.message;
  }
});

$('copy-key').addEventListener('click', async () => {
  const value = $('new-key-value').textContent;
  try { await navigator.clipboard.writeText(value); $('copy-key').textContent = t('keys.copied'); }
  catch (err) { $('copy-key').textContent = t('keys.copyByHand'); }
});

const selectedKeys = () => [...document.querySelectorAll('#keys-body input.select:checked')].map((c) => c.dataset.keyId);

function selectionChanged() {
  const n = selectedKeys().length;
  $('keys-delete-selected').disabled = n === 0;
  $('keys-delete-selected').textContent = n ? t('keys.deleteSelectedN', { n }) : t('keys.deleteSelected');
}

$('keys-select-all').addEventListener('change', () => {
  document.querySelectorAll('#keys-body input.select').forEach((c) => { c.checked = $('keys-select-all').checked; });
  selectionChanged();
});

$('keys-delete-selected').addEventListener('click', async () => {
  const ids = selectedKeys();
  if (!ids.length || !confirm(t('keys.confirmDelete', { n: ids.length }))) return;
  try {
    const r = await api('DELETE', '/admin/api-keys/batch', { keyIds: ids });
    const failed = r.data.errors.map((x) => x.error).join('; ');
    $('keys-batch-result').textContent = r.data.failedCount
      ? t('keys.deletedSome', { n: r.data.successCount, failed: r.data.failedCount, errors: failed })
      : t('keys.deleted', { n: r.data.successCount });
  } catch (err) {
    $('keys-batch-result').textContent = t('keys.deleteFailed', { error: err.message });
  }
  VIEWS.keys();
});

VIEWS.keys = async function loadKeys() {
  const [keys, usage] = await Promise.all([api('GET', '/admin/api-keys?pageSize=500'), api('GET', '/admin/usage-stats')]);
  const byKey = {};
  usage.data.forEach((u) => { byKey[u.keyId] = u; });
  const body = $('keys-body');
  body.replaceChildren();
  $('keys-select-all').checked = false;
  keys.data.items.forEach((k) => {
    const tr = document.createElement('tr');
    tr.dataset.keyId = k.id;
    const pick = document.createElement('input');
    pick.type = 'checkbox';
    pick.className = 'select';
    pick.dataset.keyId = k.id;
    pick.setAttribute('aria-label', t('keys.select', { name: k.name }));
    pick.addEventListener('change', selectionChanged);
    cell(tr, pick);
    cell(tr, k.name);
    cell(tr, k.isActive ? t('status.active') : t('status.disabled')).className = k.isActive ? '' : 'off';
    cell(tr, fmt.num((byKey[k.id] || {}).requests || 0)).className = 'requests';
    cell(tr, dollars((byKey[k.id] || {}).cost));
    cell(tr, Number(k.dailyCostLimit) ? dollars(k.dailyCostLimit) : '–');
    cell(tr, (k.tags || []).join(', ')).className = 'tags';
    const actions = cell(tr, '');
    actions.append(button(t('common.details'), () => show('key-detail', k.id)), button(t('common.edit'), () => editKey(k)),
      button(k.isActive ? t('common.disable') : t('common.enable'), async () => {
        await api('PUT', `/admin/api-keys/${encodeURIComponent(k.id)}/toggle`, { isActive: !k.isActive });
        VIEWS.keys();
      }));
    body.appendChild(tr);
  });
  selectionChanged();
  $('key-submit').textContent = $('key-id').value ? t('common.save') : t('keys.create');
};

/**
 * One limit as a labelled progress bar: used of max, both integers (micro-dollars, requests,
 * tokens), the text through {@code format}. A limit at 0 is "none" and gets no bar.
 */
function limitBar(box, label, used, max, format) {
  const row = document.createElement('div');
  row.className = 'limit';
  const name = document.createElement('span');
  name.textContent = label;
  const bar = document.createElement('progress');
  const pct = fmt.percent(used, max);
  bar.max = 100;
  bar.value = Math.min(pct, 100);
  bar.setAttribute('aria-label', label);
  if (pct >= 100) bar.className = 'full'; else if (pct >= 80) bar.className = 'warn';
  const value = document.createElement('span');
  value.className = 'value';
  value.textContent = t('limit.of', { used: format(used), max: format(max), percent: fmt.num(pct) });
  row.append(name, bar, value);
  box.appendChild(row);
}

/** Micro-dollars (BigInt) back to the API's decimal-dollar string, for display only. */
const microsText = (m) => {
  const neg = m < 0n;
  const a = neg ? -m : m;
  return (neg ? '-' : '') + (a / 1000000n) + '.' + String(a % 1000000n).padStart(6, '0');
};

VIEWS['key-detail'] = async function loadKeyDetail(id) {
  const path = '/admin/api-keys/' + encodeURIComponent(id);
  const [limits, trend, recent] = await Promise.all([api('GET', path + '/limits'), api('GET', path + '/usage-trend?days=14'),
    api('GET', '/admin/request-log?limit=20&keyId=' + encodeURIComponent(id))]);
  const l = limits.data.limits;
  const u = limits.data.usage;
  $('key-detail-name').textContent = limits.data.name;
  const box = $('key-limits');
  box.replaceChildren();
  const money = (m) => dollars(microsText(m));
  const count = (n) => fmt.num(n);
  const bars = [
    ['limit.daily', l.currentDailyCost, l.dailyCostLimit, true],
    ['limit.weekly', l.currentWeeklyCost, l.weeklyCostLimit, true],
    ['limit.total', l.currentTotalCost, l.totalCostLimit, true],
    ['limit.windowCost', l.currentWindowCost, l.rateLimitCost, true],
    ['limit.windowRequests', l.currentWindowRequests, l.rateLimitRequests, false],
    ['limit.windowTokens', l.currentWindowTokens, l.tokenLimit, false],
    ['limit.concurrency', l.currentConcurrency, l.concurrencyLimit, false],
  ];
  for (const [key, used, max, isMoney] of bars) {
    const m = isMoney ? fmt.micros(max) : BigInt(max || 0);
    if (m <= 0n) continue;
    limitBar(box, t(key, { minutes: l.rateLimitWindow }), isMoney ? fmt.micros(used) : BigInt(used || 0), m,
      isMoney ? money : count);
  }
  const q = limits.data.queue;
  if (q && q.enabled) {
    limitBar(box, t('limit.queue', { seconds: fmt.num(Math.round(q.timeoutMs / 1000)) }), BigInt(q.waiting || 0),
      BigInt(q.maxSize), count);
  }
  if (!box.children.length) box.textContent = t('limit.none');
  $('key-requests-total').textContent = fmt.num(u.total.requests);
  $('key-cost-total').textContent = dollars(u.total.cost);
  $('key-cost-today').textContent = dollars(u.daily.cost);
  dayCharts($('key-chart-cost'), $('key-chart-requests'), trend.data);
  const body = $('key-recent-body');
  body.replaceChildren();
  recent.data.items.forEach((r) => body.appendChild(requestRow(r, false)));
  if (!recent.data.items.length) emptyRow(body, t('log.none'), 7);
};
