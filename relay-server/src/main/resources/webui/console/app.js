// The admin console: plain DOM and fetch, no framework, no build step. Charts are inline SVG.
// Every visible string comes from t() (i18n.js: how to add one); each page script registers its
// loader in VIEWS, and show(view, arg) switches to it (again on a language change).
'use strict';
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('adminToken');
/** view id → function(arg) that (re)loads it; filled by keys.js, accounts.js, requests.js, webhooks.js. */
const VIEWS = {};
const SECTIONS = ['login', 'dashboard', 'keys', 'key-detail', 'accounts', 'account-detail', 'requests', 'webhooks'];
let current = { view: 'login', arg: undefined };
let settingsLoaded = false;

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ 'content-type': 'application/json' }, token ? { authorization: 'Bearer ' + token } : {}),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401 && path.startsWith('/admin')) { logout(); throw new Error(t('login.ended')); }
  if (!res.ok) throw new Error(data.message || data.error || t('common.httpError', { status: res.status }));
  return data;
}

const dollars = (v) => fmt.money(v);
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

/** An empty table's one row saying so. */
function emptyRow(body, message, columns) {
  cell(body.appendChild(document.createElement('tr')), message).colSpan = columns;
}

/** The relay's report time zone (TIMEZONE_OFFSET): every time on the console is shown on its clock. */
async function loadSettings() {
  if (settingsLoaded) return;
  const r = await api('GET', '/admin/console-settings');
  I18N.offsetMinutes = r.data.timezoneOffsetMinutes;
  settingsLoaded = true;
}

async function show(view, arg) {
  current = { view, arg };
  for (const id of SECTIONS) $(id).hidden = id !== view;
  const tab = view.replace('-detail', 's');
  document.querySelectorAll('#tabs button[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  $('zone-note').textContent = view === 'login' ? '' : t('app.zone', { zone: fmt.zone() });
  if (view === 'login') return;
  try {
    await loadSettings();
    $('zone-note').textContent = t('app.zone', { zone: fmt.zone() });
    if (VIEWS[view]) await VIEWS[view](arg);
  } catch (err) {
    $('zone-note').textContent = t('common.loadFailed', { error: err.message });
  }
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
  const svgText = (x, y, s) => {
    const el = document.createElementNS(ns, 'text');
    el.setAttribute('x', x); el.setAttribute('y', y); el.setAttribute('font-size', '10');
    el.textContent = s;
    return el;
  };
  rows.forEach((r, i) => {
    const bh = (h - 2 * pad) * (r.value / max);
    const x = pad + i * step + step * 0.15;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', x); bar.setAttribute('y', h - pad - bh);
    bar.setAttribute('width', step * 0.7); bar.setAttribute('height', Math.max(bh, 0.5));
    bar.setAttribute('fill', '#457b9d');
    if (r.title) {
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = r.title;
      bar.appendChild(tip);
    }
    svg.appendChild(bar);
    if (i % labelEvery === 0) svg.appendChild(svgText(x, h - 8, r.label));
    if (labelEvery === 1) svg.appendChild(svgText(x, h - pad - bh - 4, format(r.shown ?? r.value)));
  });
  if (labelEvery > 1 && rows.length) {
    svg.appendChild(svgText(pad, 12, t('chart.max', { value: format(Math.max(...rows.map((r) => r.value))) })));
  }
  if (!rows.length) svg.appendChild(svgText(pad, h / 2, t('chart.none')));
  container.replaceChildren(svg);
}

/** Daily totals (usage-trend rows) as two charts: cost by day and requests by day. */
function dayCharts(costBox, requestBox, days) {
  barChart(costBox, days.map((d) => ({ label: fmt.day(d.date), value: Number(d.cost), shown: d.cost })), dollars);
  barChart(requestBox, days.map((d) => ({ label: fmt.day(d.date), value: d.requests })), fmt.num);
}

VIEWS.dashboard = async function loadDashboard() {
  const [dash, trend, models, minutes] = await Promise.all([
    api('GET', '/admin/dashboard'), api('GET', '/admin/usage-trend?days=14'), api('GET', '/admin/model-stats'),
    api('GET', '/admin/usage-trend?granularity=minute&minutes=60')]);
  const d = dash.data;
  const now = d.realtimeMetrics;
  $('rpm-now').textContent = fmt.num(now.rpm);
  $('tpm-now').textContent = fmt.num(now.tpm);
  $('realtime-window').textContent = t('dash.window', { minutes: fmt.num(now.windowMinutes) });
  barChart($('chart-minutes'), minutes.data.map((m) => ({ label: fmt.time(m.minute), value: m.requests,
    title: t('dash.minuteTip', { time: fmt.time(m.minute), requests: m.requests, tokens: fmt.num(m.tokens),
      cost: dollars(m.cost) }) })),
  (v) => t('dash.perMinute', { value: fmt.num(v) }), { labelEvery: 10 });
  $('requests-today').textContent = fmt.num(d.recentActivity.requestsToday);
  $('tokens-today').textContent = fmt.num(d.recentActivity.tokensToday);
  $('cost-today').textContent = dollars(d.todayCost.cost);
  $('keys-count').textContent = `${fmt.num(d.overview.totalApiKeys)} (${fmt.num(d.overview.activeApiKeys)})`;
  $('accounts-count').textContent = `${fmt.num(d.overview.normalAccounts)} / ${fmt.num(d.overview.rateLimitedAccounts)}`;
  barChart($('chart-days'), trend.data.map((x) => ({ label: fmt.day(x.date), value: Number(x.cost), shown: x.cost })),
    dollars);
  barChart($('chart-models'), models.data.map((m) => ({ label: m.model, value: Number(m.cost), shown: m.cost })), dollars);
};

$('lang-switch').addEventListener('change', () => {
  setLanguage($('lang-switch').value, true);
  show(current.view, current.arg);
});
document.querySelectorAll('#tabs button[data-tab]').forEach((b) => b.addEventListener('click', () => show(b.dataset.tab)));
document.querySelectorAll('button[data-back]').forEach((b) => b.addEventListener('click', () => show(b.dataset.back)));
$('logout').addEventListener('click', logout);
$('refresh').addEventListener('click', () => show('dashboard'));

// After every page script has registered its view (they load after this one).
window.addEventListener('DOMContentLoaded', () => {
  setLanguage(I18N.lang, false);
  $('lang-switch').value = I18N.lang;
  if (token) { $('tabs').hidden = false; show('dashboard'); } else { show('login'); }
});
