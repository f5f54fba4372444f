// The admin console: plain DOM and fetch, no framework, no build step. Charts are inline SVG.
'use strict';
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('adminToken');

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ 'content-type': 'application/json' }, token ? { authorization: 'Bearer ' + token } : {}),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401 && path.startsWith('/admin')) { logout(); throw new Error('session ended'); }
  if (!res.ok) throw new Error(data.message || data.error || ('HTTP ' + res.status));
  return data;
}

const dollars = (v) => '$' + Number(v || 0).toFixed(4);
const text = (s) => document.createTextNode(s == null ? '' : String(s));

function cell(tr, content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.appendChild(content); else td.appendChild(text(content));
  tr.appendChild(td);
  return td;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function show(tab) {
  for (const id of ['login', 'dashboard', 'keys', 'accounts']) $(id).hidden = id !== tab;
  document.querySelectorAll('#tabs button[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  if (tab === 'dashboard') loadDashboard();
  if (tab === 'keys') loadKeys();
  if (tab === 'accounts') { loadAccounts(); loadOAuthAccounts(); }
}

function logout() {
  if (token) fetch('/web/auth/logout', { method: 'POST', headers: { authorization: 'Bearer ' + token } });
  token = null;
  sessionStorage.removeItem('adminToken');
  $('tabs').hidden = true;
  show('login');
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    const r = await api('POST', '/web/auth/login', { username: $('username').value, password: $('password').value });
    token = r.token;
    sessionStorage.setItem('adminToken', token);
    $('password').value = '';
    $('tabs').hidden = false;
    show('dashboard');
  } catch (err) {
    $('login-error').textContent = err.message;
  }
});

/**
 * A bar chart as inline SVG: one bar per {label, value, title?}, the value printed above it. With
 * many bars (opts.labelEvery > 1) only every n-th label is drawn, values only in the bar's tooltip.
 */
function barChart(container, rows, format, opts = {}) {
  const labelEvery = opts.labelEvery || 1;
  const ns = 'http://www.w3.org/2000/svg';
  const w = 800, h = 180, pad = 28;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const step = rows.length ? (w - 2 * pad) / rows.length : 0;
  rows.forEach((r, i) => {
    const bh = (h - 2 * pad) * (r.value / max);
    const x = pad + i * step + step * 0.15;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', x); bar.setAttribute('y', h - pad - bh);
    bar.setAttribute('width', step * 0.7); bar.setAttribute('height', Math.max(bh, 0.5));
    bar.setAttribute('fill', '#457b9d');
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', x); label.setAttribute('y', h - 8); label.setAttribute('font-size', '10');
    label.textContent = r.label;
    if (r.title) {
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = r.title;
      bar.appendChild(tip);
    }
    svg.appendChild(bar);
    if (i % labelEvery === 0) svg.appendChild(label);
    if (labelEvery === 1) {
      const value = document.createElementNS(ns, 'text');
      value.setAttribute('x', x); value.setAttribute('y', h - pad - bh - 4); value.setAttribute('font-size', '10');
      value.textContent = format(r.value);
      svg.appendChild(value);
    }
  });
  if (labelEvery > 1 && rows.length) {
    const top = document.createElementNS(ns, 'text');
    top.setAttribute('x', pad); top.setAttribute('y', 12); top.setAttribute('font-size', '10');
    top.textContent = 'max ' + format(Math.max(...rows.map((r) => r.value)));
    svg.appendChild(top);
  }
  if (!rows.length) {
    const none = document.createElementNS(ns, 'text');
    none.setAttribute('x', pad); none.setAttribute('y', h / 2); none.textContent = 'No usage yet';
    svg.appendChild(none);
  }
  container.replaceChildren(svg);
}

const hhmm = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

async function loadDashboard() {
  const [dash, trend, models, minutes] = await Promise.all([
    api('GET', '/admin/dashboard'), api('GET', '/admin/usage-trend?days=14'), api('GET', '/admin/model-stats'),
    api('GET', '/admin/usage-trend?granularity=minute&minutes=60')]);
  const d = dash.data;
  const now = d.realtimeMetrics;
  $('rpm-now').textContent = now.rpm;
  $('tpm-now').textContent = now.tpm;
  $('realtime-window').textContent = `(average of the last ${now.windowMinutes} minutes, all nodes)`;
  barChart($('chart-minutes'), minutes.data.map((m) => ({ label: hhmm(m.minute), value: m.requests,
    title: `${hhmm(m.minute)}: ${m.requests} requests, ${m.tokens} tokens, ${dollars(m.cost)}` })),
  (v) => v + '/min', { labelEvery: 10 });
  $('requests-today').textContent = d.recentActivity.requestsToday;
  $('tokens-today').textContent = d.recentActivity.tokensToday;
  $('cost-today').textContent = dollars(d.todayCost.cost);
  $('keys-count').textContent = `${d.overview.totalApiKeys} (${d.overview.activeApiKeys})`;
  $('accounts-count').textContent = `${d.overview.normalAccounts} / ${d.overview.rateLimitedAccounts}`;
  barChart($('chart-days'), trend.data.map((t) => ({ label: t.date.slice(5), value: Number(t.cost) })), dollars);
  barChart($('chart-models'), models.data.map((m) => ({ label: m.model, value: Number(m.cost) })), dollars);
}

// Number fields of the key form → the admin API's field names. Empty on edit means 0 (no limit).
const KEY_NUMBERS = { 'key-daily': 'dailyCostLimit', 'key-total': 'totalCostLimit', 'key-concurrency': 'concurrencyLimit',
  'key-window': 'rateLimitWindow', 'key-window-requests': 'rateLimitRequests', 'key-window-tokens': 'tokenLimit' };
const INTEGER_FIELDS = ['concurrencyLimit', 'rateLimitWindow', 'rateLimitRequests', 'tokenLimit'];
/** An ISO instant as a datetime-local value (the browser's time zone). */
const localInput = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const splitList = (v) => v.split(',').map((t) => t.trim()).filter((t) => t.length);

function editKey(k) {
  $('key-id').value = k.id;
  $('key-name').value = k.name;
  for (const [input, field] of Object.entries(KEY_NUMBERS)) $(input).value = Number(k[field]) ? k[field] : '';
  // An activation-mode key's expiry starts at first use; the fixed-date field does not apply to it.
  $('key-expires').disabled = k.expirationMode === 'activation';
  $('key-expires').value = k.expirationMode === 'activation' ? '' : localInput(k.expiresAt);
  $('key-tags').value = (k.tags || []).join(', ');
  $('key-active').checked = k.isActive;
  $('key-submit').textContent = 'Save changes';
  $('key-cancel').hidden = false;
  $('key-form').scrollIntoView();
}

function resetKeyForm() {
  $('key-form').reset();
  $('key-id').value = '';
  $('key-expires').disabled = false;
  $('key-submit').textContent = 'Create key';
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
    loadKeys();
  } catch (err) {
    $('key-error').textContent = err.message;
  }
});

$('copy-key').addEventListener('click', async () => {
  const value = $('new-key-value').textContent;
  try { await navigator.clipboard.writeText(value); $('copy-key').textContent = 'Copied'; }
  catch (err) { $('copy-key').textContent = 'Select and copy by hand'; }
});

const selectedKeys = () => [...document.querySelectorAll('#keys-body input.select:checked')].map((c) => c.dataset.keyId);

function selectionChanged() {
  const n = selectedKeys().length;
  $('keys-delete-selected').disabled = n === 0;
  $('keys-delete-selected').textContent = n ? `Delete selected (${n})` : 'Delete selected';
}

$('keys-select-all').addEventListener('change', () => {
  document.querySelectorAll('#keys-body input.select').forEach((c) => { c.checked = $('keys-select-all').checked; });
  selectionChanged();
});

$('keys-delete-selected').addEventListener('click', async () => {
  const ids = selectedKeys();
  if (!ids.length || !confirm(`Delete ${ids.length} key(s)? They stop working at once (they can be restored).`)) return;
  try {
    const r = await api('DELETE', '/admin/api-keys/batch', { keyIds: ids });
    const failed = r.data.errors.map((e) => e.error).join('; ');
    $('keys-batch-result').textContent = `Deleted ${r.data.successCount}` + (r.data.failedCount ? `, failed ${r.data.failedCount}: ${failed}` : '.');
  } catch (err) {
    $('keys-batch-result').textContent = 'Delete failed: ' + err.message;
  }
  loadKeys();
});

async function loadKeys() {
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
    pick.setAttribute('aria-label', 'Select ' + k.name);
    pick.addEventListener('change', selectionChanged);
    cell(tr, pick);
    cell(tr, k.name);
    cell(tr, k.isActive ? 'active' : 'disabled').className = k.isActive ? '' : 'off';
    cell(tr, (byKey[k.id] || {}).requests || 0).className = 'requests';
    cell(tr, dollars((byKey[k.id] || {}).cost));
    cell(tr, Number(k.dailyCostLimit) ? dollars(k.dailyCostLimit) : '–');
    cell(tr, (k.tags || []).join(', ')).className = 'tags';
    const actions = cell(tr, '');
    actions.append(button('Edit', () => editKey(k)), button(k.isActive ? 'Disable' : 'Enable', async () => {
      await api('PUT', `/admin/api-keys/${encodeURIComponent(k.id)}/toggle`, { isActive: !k.isActive });
      loadKeys();
    }));
    body.appendChild(tr);
  });
  selectionChanged();
}

// Claude subscription (OAuth) accounts: PKCE onboarding, pasted credentials, and their list.
let oauthSessionId = null;
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

$('oauth-generate').addEventListener('click', async () => {
  $('oauth-start-error').textContent = '';
  $('oauth-added').textContent = '';
  try {
    const r = await api('POST', '/admin/claude-accounts/generate-auth-url', {});
    oauthSessionId = r.data.sessionId;
    $('oauth-url').href = r.data.authUrl;
    $('oauth-url').textContent = r.data.authUrl;
    $('oauth-session-id').textContent = r.data.sessionId;
    $('oauth-expires').textContent = when(r.data.expiresAt);
    $('oauth-exchange-error').textContent = '';
    $('oauth-session').hidden = false;
  } catch (err) {
    $('oauth-start-error').textContent = err.message;
  }
});

$('oauth-exchange-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('oauth-exchange-error').textContent = '';
  const pasted = $('oauth-code').value.trim();
  const body = { sessionId: oauthSessionId, name: $('oauth-name').value };
  if (/^https?:\/\//.test(pasted)) body.callbackUrl = pasted; else body.code = pasted;
  try {
    const r = await api('POST', '/admin/claude-accounts/exchange-code', body);
    oauthSessionId = null;
    $('oauth-exchange-form').reset();
    $('oauth-session').hidden = true;
    $('oauth-added').textContent = `Added ${r.data.name}.`;
    loadOAuthAccounts();
  } catch (err) {
    $('oauth-exchange-error').textContent = err.message;
  }
});

$('oauth-paste-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('oauth-paste-error').textContent = '';
  $('oauth-added').textContent = '';
  let pasted;
  try {
    pasted = JSON.parse($('oauth-paste-json').value);
    if (!pasted || typeof pasted !== 'object' || Array.isArray(pasted)) throw new Error('not an object');
  } catch (err) {
    $('oauth-paste-error').textContent = 'The credentials are not a JSON object: ' + err.message;
    return;
  }
  try {
    const r = await api('POST', '/admin/claude-accounts', Object.assign({}, pasted, { name: $('oauth-paste-name').value }));
    $('oauth-paste-form').reset();
    $('oauth-added').textContent = `Added ${r.data.name}.`;
    loadOAuthAccounts();
  } catch (err) {
    $('oauth-paste-error').textContent = err.message;
  }
});

async function loadOAuthAccounts() {
  const r = await api('GET', '/admin/claude-accounts');
  const body = $('oauth-body');
  body.replaceChildren();
  r.data.forEach((a) => {
    const tr = document.createElement('tr');
    tr.dataset.accountId = a.id;
    cell(tr, a.name);
    cell(tr, !a.isActive ? 'disabled' : !a.schedulable ? 'not scheduled' : a.status).className = 'status';
    cell(tr, a.tokenExpiresAt ? when(a.tokenExpiresAt) + (a.tokenExpired ? ' (expired)' : '') : '–')
      .className = a.tokenExpired ? 'cooling' : '';
    cell(tr, a.plan || 'unknown');
    cell(tr, a.sessionWindowStatus || '–');
    cell(tr, a.credentialError || a.errorMessage || '–').className = (a.credentialError || a.errorMessage) ? 'bad' : '';
    cell(tr, '').append(button('Edit', () => editAccount(a, 'claude-accounts')), button('Refresh token', async () => {
      try { await api('POST', `/admin/claude-accounts/${encodeURIComponent(a.id)}/refresh`, {}); }
      catch (err) { $('oauth-added').textContent = `Refresh of ${a.name} failed: ${err.message}`; }
      loadOAuthAccounts();
    }));
    body.appendChild(tr);
  });
  if (!r.data.length) cell(body.appendChild(document.createElement('tr')), 'No subscription accounts yet').colSpan = 7;
}

document.querySelectorAll('#tabs button[data-tab]').forEach((b) => b.addEventListener('click', () => show(b.dataset.tab)));
$('logout').addEventListener('click', logout);
$('refresh').addEventListener('click', loadDashboard);
if (token) { $('tabs').hidden = false; show('dashboard'); } else { show('login'); }
