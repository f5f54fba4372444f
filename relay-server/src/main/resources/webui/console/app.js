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

/** A bar chart as inline SVG: one bar per {label, value}, the value printed above it. */
function barChart(container, rows, format) {
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
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', x); value.setAttribute('y', h - pad - bh - 4); value.setAttribute('font-size', '10');
    value.textContent = format(r.value);
    svg.append(bar, label, value);
  });
  if (!rows.length) {
    const none = document.createElementNS(ns, 'text');
    none.setAttribute('x', pad); none.setAttribute('y', h / 2); none.textContent = 'No usage yet';
    svg.appendChild(none);
  }
  container.replaceChildren(svg);
}

async function loadDashboard() {
  const [dash, trend, models] = await Promise.all([
    api('GET', '/admin/dashboard'), api('GET', '/admin/usage-trend?days=14'), api('GET', '/admin/model-stats')]);
  const d = dash.data;
  $('requests-today').textContent = d.recentActivity.requestsToday;
  $('tokens-today').textContent = d.recentActivity.tokensToday;
  $('cost-today').textContent = dollars(d.todayCost.cost);
  $('keys-count').textContent = `${d.overview.totalApiKeys} (${d.overview.activeApiKeys})`;
  $('accounts-count').textContent = `${d.overview.normalAccounts} / ${d.overview.rateLimitedAccounts}`;
  barChart($('chart-days'), trend.data.map((t) => ({ label: t.date.slice(5), value: Number(t.cost) })), dollars);
  barChart($('chart-models'), models.data.map((m) => ({ label: m.model, value: Number(m.cost) })), dollars);
}

function editKey(k) {
  $('key-id').value = k.id;
  $('key-name').value = k.name;
  $('key-daily').value = k.dailyCostLimit || '';
  $('key-concurrency').value = k.concurrencyLimit || '';
  $('key-submit').textContent = 'Save changes';
  $('key-cancel').hidden = false;
}

function resetKeyForm() {
  $('key-form').reset();
  $('key-id').value = '';
  $('key-submit').textContent = 'Create key';
  $('key-cancel').hidden = true;
}

$('key-cancel').addEventListener('click', resetKeyForm);

$('key-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('key-error').textContent = '';
  const body = { name: $('key-name').value };
  if ($('key-daily').value !== '') body.dailyCostLimit = $('key-daily').value;
  if ($('key-concurrency').value !== '') body.concurrencyLimit = Number($('key-concurrency').value);
  try {
    const id = $('key-id').value;
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

async function loadKeys() {
  const [keys, usage] = await Promise.all([api('GET', '/admin/api-keys?pageSize=500'), api('GET', '/admin/usage-stats')]);
  const byKey = {};
  usage.data.forEach((u) => { byKey[u.keyId] = u; });
  const body = $('keys-body');
  body.replaceChildren();
  keys.data.items.forEach((k) => {
    const tr = document.createElement('tr');
    tr.dataset.keyId = k.id;
    cell(tr, k.name);
    cell(tr, k.isActive ? 'active' : 'disabled').className = k.isActive ? '' : 'off';
    cell(tr, (byKey[k.id] || {}).requests || 0).className = 'requests';
    cell(tr, dollars((byKey[k.id] || {}).cost));
    cell(tr, Number(k.dailyCostLimit) ? dollars(k.dailyCostLimit) : '–');
    const actions = cell(tr, '');
    actions.append(button('Edit', () => editKey(k)), button(k.isActive ? 'Disable' : 'Enable', async () => {
      await api('PUT', `/admin/api-keys/${encodeURIComponent(k.id)}/toggle`, { isActive: !k.isActive });
      loadKeys();
    }));
    body.appendChild(tr);
  });
}

async function loadAccounts() {
  const r = await api('GET', '/admin/claude-console-accounts');
  const body = $('accounts-body');
  body.replaceChildren();
  r.data.forEach((a) => {
    const tr = document.createElement('tr');
    cell(tr, a.name);
    cell(tr, a.platform);
    cell(tr, !a.isActive ? 'disabled' : !a.schedulable ? 'not scheduled' : a.status);
    cell(tr, a.coolingDown ? `until ${a.coolingUntil} (${a.coolingReason})` : '–').className = a.coolingDown ? 'cooling' : '';
    cell(tr, a.currentConcurrency);
    const actions = cell(tr, '');
    actions.append(button(a.isActive ? 'Disable' : 'Enable', async () => {
      await api('PUT', `/admin/claude-console-accounts/${encodeURIComponent(a.id)}/toggle`, { isActive: !a.isActive });
      loadAccounts();
    }), button('Reset status', async () => {
      await api('POST', `/admin/claude-console-accounts/${encodeURIComponent(a.id)}/reset-status`);
      loadAccounts();
    }));
    body.appendChild(tr);
  });
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
    cell(tr, '').append(button('Refresh token', async () => {
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
