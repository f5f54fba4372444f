// The console's upstream accounts: the API-key accounts of every type listed together, and one form
// that adds them or edits any account (subscription accounts too: their tokens are never edited here).
// Uses app.js's helpers ($, api, cell, button, dollars, splitList).
'use strict';

/** Admin path segment of each API-key account type, and the base URL field its create body uses. */
const ACCOUNT_TYPES = {
  'claude-console-accounts': { urlField: 'apiUrl', placeholder: 'https://api.anthropic.com', urlRequired: true },
  'openai-responses-accounts': { urlField: 'baseApi', placeholder: 'https://api.openai.com (default)', urlRequired: false },
  'gemini-api-accounts': { urlField: 'baseUrl', placeholder: 'https://generativelanguage.googleapis.com (default)',
    urlRequired: false },
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
  $('account-url').placeholder = type.placeholder || '';
  // Editing keeps the stored URL and key unless new ones are typed.
  const editing = $('account-id').value !== '';
  $('account-url').required = !editing && !!type.urlRequired;
  $('account-key').required = !editing && !!type.urlField;
  $('account-key').placeholder = editing ? 'unchanged' : '';
}

function resetAccountForm() {
  $('account-form').reset();
  $('account-id').value = '';
  $('account-type').disabled = false;
  $('account-submit').textContent = 'Add account';
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
  $('account-submit').textContent = 'Save changes';
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
  };
  if (type.urlField) {
    if ($('account-url').value) body[type.urlField] = $('account-url').value;
    if ($('account-key').value) body.apiKey = $('account-key').value;
  }
  try {
    const r = id ? await api('PUT', `/admin/${path}/${encodeURIComponent(id)}`, body) : await api('POST', `/admin/${path}`, body);
    $('account-saved').textContent = `${id ? 'Saved' : 'Added'} ${r.data.name}.`;
    resetAccountForm();
    loadAccounts();
    loadOAuthAccounts();
  } catch (err) {
    $('account-error').textContent = err.message;
  }
});

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
    cell(tr, a.platform);
    cell(tr, a.apiUrl).className = 'small';
    cell(tr, a.priority);
    cell(tr, !a.isActive ? 'disabled' : !a.schedulable ? 'not scheduled' : a.status).className = 'status';
    cell(tr, a.coolingDown ? `until ${a.coolingUntil} (${a.coolingReason})` : '–').className = a.coolingDown ? 'cooling' : '';
    cell(tr, a.currentConcurrency);
    const actions = cell(tr, '');
    actions.append(button('Edit', () => editAccount(a, PATH_OF_PLATFORM[a.platform] || path)),
      button(a.isActive ? 'Disable' : 'Enable', async () => {
        await api('PUT', `/admin/${path}/${encodeURIComponent(a.id)}/toggle`, { isActive: !a.isActive });
        loadAccounts();
      }), button('Reset status', async () => {
        await api('POST', `/admin/${path}/${encodeURIComponent(a.id)}/reset-status`);
        loadAccounts();
      }));
    body.appendChild(tr);
  }));
  if (!body.children.length) cell(body.appendChild(document.createElement('tr')), 'No API-key accounts yet').colSpan = 8;
}

accountTypeChanged();
