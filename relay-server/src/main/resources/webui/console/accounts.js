// The console's upstream accounts: the API-key accounts of every type listed together, and one form
// that adds them or edits any account (subscription accounts too: their tokens are never edited here).
// One account's page: usage by day, cool-downs and error history, today's quota, a test request.
// Uses app.js's helpers ($, api, cell, button, dollars, show, VIEWS), keys.js's splitList and limitBar.
// Other account types add a row to ACCOUNT_TYPES and their labels to both i18n dictionaries.
'use strict';

/** Admin path segment of each API-key account type, and the base URL field its create body uses. */
const ACCOUNT_TYPES = {
  'claude-console-accounts': { urlField: 'apiUrl', placeholder: 'accounts.urlClaude', urlRequired: true },
  'openai-responses-accounts': { urlField: 'baseApi', placeholder: 'accounts.urlOpenAi', urlRequired: false },
  'gemini-api-accounts': { urlField: 'baseUrl', placeholder: 'accounts.urlGemini', urlRequired: false },
  'claude-accounts': { urlField: null },
};
const PATH_OF_PLATFORM = { 'claude-console': 'claude-console-accounts', openai: 'openai-responses-accounts',
  gemini: 'gemini-api-accounts', 'claude-oauth': 'claude-accounts' };

/** "a, b" → ["a","b"]; "from=to, x=y" → {from:"to", x:"y"} (a requested → upstream model map). */
function modelsField(value) {
  const entries = splitList(value);
  if (entries.length && entries.every((e) => e.includes('='))) {
    return Object.fromEntries(entries.map((e) => e.split('=').map((p) => p.trim())));
  }
  return entries;
}

const modelsText = (m) => (Array.isArray(m) ? m.join(', ') : Object.entries(m || {}).map(([k, v]) => `${k}=${v}`).join(', '));

function accountTypeChanged() {
  const type = ACCOUNT_TYPES[$('account-type').value];
  $('account-form').classList.toggle('oauth', !type.urlField);
  $('account-url').placeholder = type.placeholder ? t(type.placeholder) : '';
  // Editing keeps the stored URL and key unless new ones are typed.
  const editing = $('account-id').value !== '';
  $('account-url').required = !editing && !!type.urlRequired;
  $('account-key').required = !editing && !!type.urlField;
  $('account-key').placeholder = editing ? t('accounts.unchanged') : '';
}

function resetAccountForm() {
  $('account-form').reset();
  $('account-id').value = '';
  $('account-type').disabled = false;
  $('account-submit').textContent = t('accounts.add');
  $('account-cancel').hidden = true;
  $('account-error').textContent = '';
  accountTypeChanged();
}

/** Fills the form with an account; {@code path} is its type's admin path segment. */
function editAccount(a, path) {
  resetAccountForm();
  $('account-id').value = a.id;
  $('account-type').value = path;
  $('account-type').disabled = true;
  $('account-name').value = a.name;
  $('account-url').value = a.apiUrl || '';
  $('account-priority').value = a.priority;
  $('account-models').value = modelsText(a.supportedModels);
  $('account-concurrency').value = a.maxConcurrentTasks || '';
  $('account-quota').value = Number(a.dailyQuota) ? a.dailyQuota : '';
  $('account-schedulable').checked = a.schedulable;
  $('account-expires').value = localInput(a.subscriptionExpiresAt);
  $('account-health').value = a.healthCheckIntervalSeconds || '';
  $('account-unprotected').checked = !!a.disableAutoProtection;
  $('account-submit').textContent = t('common.save');
  $('account-cancel').hidden = false;
  accountTypeChanged();
  $('account-form').scrollIntoView();
}

$('account-type').addEventListener('change', accountTypeChanged);
$('account-cancel').addEventListener('click', resetAccountForm);

$('account-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('account-error').textContent = '';
  $('account-saved').textContent = '';
  const id = $('account-id').value;
  const path = $('account-type').value;
  const type = ACCOUNT_TYPES[path];
  const body = {
    name: $('account-name').value,
    priority: Number($('account-priority').value || 50),
    supportedModels: modelsField($('account-models').value),
    maxConcurrentTasks: Number($('account-concurrency').value || 0),
    dailyQuota: $('account-quota').value || '0',
    schedulable: $('account-schedulable').checked,
    healthCheckIntervalSeconds: Number($('account-health').value || 0),
    disableAutoProtection: $('account-unprotected').checked,
  };
  if ($('account-expires').value || id) {
    body.subscriptionExpiresAt = $('account-expires').value ? new Date($('account-expires').value).toISOString() : '';
  }
  if (type.urlField) {
    if ($('account-url').value) body[type.urlField] = $('account-url').value;
    if ($('account-key').value) body.apiKey = $('account-key').value;
  }
  try {
    const r = id ? await api('PUT', `/admin/${path}/${encodeURIComponent(id)}`, body) : await api('POST', `/admin/${path}`, body);
    $('account-saved').textContent = t(id ? 'accounts.saved' : 'accounts.added', { name: r.data.name });
    resetAccountForm();
    VIEWS.accounts();
  } catch (err) {
    $('account-error').textContent = err.message;
  }
});

/** An account's state in words: disabled, not scheduled, or its stored status. */
function accountStatus(a) {
  if (!a.isActive) return t('status.disabled');
  if (a.expired) return t('status.expired');
  if (!a.schedulable) return t('status.notScheduled');
  return tOr('status.' + a.status, a.status);
}

async function loadAccounts() {
  const paths = ['claude-console-accounts', 'openai-responses-accounts', 'gemini-api-accounts'];
  const lists = await Promise.all(paths.map((p) => api('GET', '/admin/' + p)));
  const body = $('accounts-body');
  body.replaceChildren();
  lists.forEach((r, i) => r.data.forEach((a) => {
    const path = paths[i];
    const tr = document.createElement('tr');
    tr.dataset.accountId = a.id;
    cell(tr, a.name);
    cell(tr, tOr('platform.' + a.platform, a.platform)).dataset.platform = a.platform;
    cell(tr, a.apiUrl).className = 'small';
    cell(tr, fmt.num(a.priority));
    cell(tr, accountStatus(a)).className = 'status';
    cell(tr, a.coolingDown ? t('accounts.coolingUntil', { until: fmt.dateTime(a.coolingUntil), reason: a.coolingReason }) : '–')
      .className = a.coolingDown ? 'cooling' : '';
    cell(tr, fmt.num(a.currentConcurrency));
    const actions = cell(tr, '');
    actions.append(button(t('common.details'), () => show('account-detail', { id: a.id, path })),
      button(t('common.edit'), () => editAccount(a, PATH_OF_PLATFORM[a.platform] || path)),
      button(a.isActive ? t('common.disable') : t('common.enable'), async () => {
        await api('PUT', `/admin/${path}/${encodeURIComponent(a.id)}/toggle`, { isActive: !a.isActive });
        loadAccounts();
      }), button(t('accounts.resetStatus'), async () => {
        await api('POST', `/admin/${path}/${encodeURIComponent(a.id)}/reset-status`);
        loadAccounts();
      }));
    body.appendChild(tr);
  }));
  if (!body.children.length) emptyRow(body, t('accounts.none'), 8);
}

VIEWS.accounts = () => {
  // Reset (and retranslate) the form before the lists load, not after: what the operator types while
  // they load (slower with the cloud sections' lists beside them) is kept.
  if (!$('account-id').value) resetAccountForm();
  return Promise.all([loadAccounts(), loadOAuthAccounts()]);
};

VIEWS['account-detail'] = async function loadAccountDetail({ id, path }) {
  const base = `/admin/${path}/${encodeURIComponent(id)}`;
  $('account-test-result').textContent = '';
  $('account-test').dataset.path = base;
  const [account, trend, errors] = await Promise.all([api('GET', base),
    api('GET', `/admin/accounts/${encodeURIComponent(id)}/usage-trend?days=14`), api('GET', base + '/error-history')]);
  const a = account.data;
  $('account-detail-name').textContent = a.name;
  $('account-detail-platform').textContent = tOr('platform.' + a.platform, a.platform);
  $('account-detail-status').textContent = accountStatus(a);
  $('account-detail-cooling').textContent = a.coolingDown
    ? t('accounts.coolingUntil', { until: fmt.dateTime(a.coolingUntil), reason: a.coolingReason }) : '–';
  $('account-detail-inflight').textContent = a.maxConcurrentTasks
    ? `${fmt.num(a.currentConcurrency)} / ${fmt.num(a.maxConcurrentTasks)}` : fmt.num(a.currentConcurrency);
  $('account-detail-quota').textContent = dollars(a.todayCost);
  const bar = $('account-quota-bar');
  bar.replaceChildren();
  const quota = fmt.micros(a.dailyQuota);
  if (quota > 0n) limitBar(bar, t('limit.dailyQuota'), fmt.micros(a.todayCost), quota, (m) => dollars(microsText(m)));
  dayCharts($('account-chart-cost'), $('account-chart-requests'), trend.data);
  const body = $('account-errors-body');
  body.replaceChildren();
  errors.data.forEach((x) => {
    const tr = document.createElement('tr');
    cell(tr, fmt.dateTime(x.at));
    cell(tr, fmt.dateTime(x.until));
    cell(tr, x.reason);
    body.appendChild(tr);
  });
  if (!errors.data.length) emptyRow(body, t('accountDetail.noErrors'), 3);
};

$('account-test').addEventListener('click', async () => {
  $('account-test-result').textContent = t('accountDetail.testing');
  try {
    const r = await api('POST', $('account-test').dataset.path + '/test', {});
    $('account-test-result').textContent = r.data.ok
      ? t('accountDetail.testOk', { status: r.data.status, ms: fmt.num(r.data.latencyMs), model: r.data.model })
      : t('accountDetail.testFailed', { status: r.data.status, error: r.data.error });
    $('account-test-result').className = r.data.ok ? 'ok' : 'bad';
  } catch (err) {
    $('account-test-result').textContent = t('accountDetail.testFailed', { status: '–', error: err.message });
    $('account-test-result').className = 'bad';
  }
});

accountTypeChanged();
