// The console's cloud-provider accounts: AWS Bedrock (Claude on Bedrock) — add, edit, test, enable or
// disable, delete and list, under /admin/bedrock-accounts. Its own section and file so the generic
// account form stays simple. Its texts are the bedrock.* keys (and shared accounts.*, common.*,
// status.* ones) of i18n/en.js and i18n/zh-CN.js; labels carry data-i18n so a language switch
// retranslates them. Uses app.js's helpers ($, api, cell, button, emptyRow), accounts.js's
// accountStatus and VIEWS.accounts.
'use strict';

/** How the table shows an account's credential: its kind, and the masked access key id. */
function bedrockCredentialLabel(a) {
  return a.credentialType === 'bearer_token' ? t('bedrock.credentialApiKey')
    : t('bedrock.credentialKey', { id: (a.awsCredentials && a.awsCredentials.accessKeyId) || '' });
}

/** The table's columns (dictionary keys; the last one has no heading). */
const BEDROCK_COLUMNS = ['accounts.name', 'bedrock.region', 'bedrock.credentialType', 'bedrock.colDefaultModel',
  'accounts.priorityShort', 'common.status', 'accounts.coolDown', ''];

const BEDROCK_PATH = '/admin/bedrock-accounts';

/** An element with attributes and children; text children are text nodes (never HTML). */
function bedrockEl(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, v);
  });
  children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

/** An element showing the dictionary's {@code key}, retranslated on a language switch. */
const bedrockText = (tag, key, attrs = {}) => bedrockEl(tag, Object.assign({ 'data-i18n': key }, attrs), t(key));

/** A label whose text is the dictionary's {@code key}, around its input. */
const bedrockField = (key, input, cls) => bedrockEl('label', cls ? { class: cls } : {}, bedrockText('span', key), input);

function buildBedrockSection() {
  const form = bedrockEl('form', { id: 'bedrock-form' },
    bedrockEl('input', { type: 'hidden', id: 'bedrock-id' }),
    bedrockField('accounts.name', bedrockEl('input', { id: 'bedrock-name', required: true, maxlength: 100 })),
    bedrockField('bedrock.region', bedrockEl('input', { id: 'bedrock-region', required: true, maxlength: 40, placeholder: 'us-east-1' })),
    bedrockField('bedrock.credentialType', bedrockEl('select', { id: 'bedrock-credential-type' },
      bedrockText('option', 'bedrock.accessKey', { value: 'access_key' }),
      bedrockText('option', 'bedrock.apiKey', { value: 'bearer_token' }))),
    bedrockField('bedrock.accessKeyId', bedrockEl('input', { id: 'bedrock-access-key-id', maxlength: 128, autocomplete: 'off' }), 'bedrock-keys'),
    bedrockField('bedrock.secretAccessKey', bedrockEl('input', { id: 'bedrock-secret', type: 'password', maxlength: 256, autocomplete: 'off' }),
      'bedrock-keys'),
    bedrockField('bedrock.sessionToken', bedrockEl('input', { id: 'bedrock-session', type: 'password', maxlength: 4096, autocomplete: 'off' }),
      'bedrock-keys'),
    bedrockField('bedrock.apiKey', bedrockEl('input', { id: 'bedrock-bearer', type: 'password', maxlength: 4096, autocomplete: 'off' }),
      'bedrock-bearer'),
    bedrockField('bedrock.defaultModel', bedrockEl('input', { id: 'bedrock-default-model', maxlength: 300,
      placeholder: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' })),
    bedrockField('bedrock.endpointUrl', bedrockEl('input', { id: 'bedrock-endpoint', type: 'url', maxlength: 2000,
      placeholder: 'https://bedrock-runtime.{region}.amazonaws.com' })),
    bedrockField('accounts.priority', bedrockEl('input', { id: 'bedrock-priority', type: 'number', min: 1, max: 100, step: 1, value: 50 })),
    bedrockEl('label', { class: 'inline' }, bedrockEl('input', { id: 'bedrock-schedulable', type: 'checkbox', checked: true }),
      ' ', bedrockText('span', 'accounts.schedulable')),
    bedrockText('button', 'bedrock.add', { type: 'submit', id: 'bedrock-submit' }),
    bedrockText('button', 'common.cancelEdit', { type: 'button', id: 'bedrock-cancel', hidden: true }),
    bedrockEl('p', { class: 'error', id: 'bedrock-error', role: 'alert' }),
    bedrockEl('p', { class: 'ok', id: 'bedrock-saved', role: 'status' }));
  const head = bedrockEl('tr', {}, ...BEDROCK_COLUMNS.map((k) => (k ? bedrockText('th', k) : bedrockEl('th'))));
  return bedrockEl('div', { id: 'bedrock-section' }, bedrockText('h2', 'bedrock.heading'),
    bedrockText('p', 'bedrock.intro', { class: 'small' }), form,
    bedrockEl('p', { id: 'bedrock-test-result', role: 'status' }),
    bedrockEl('table', {}, bedrockEl('thead', {}, head), bedrockEl('tbody', { id: 'bedrock-body' })));
}

function bedrockCredentialTypeChanged() {
  const bearer = $('bedrock-credential-type').value === 'bearer_token';
  const editing = $('bedrock-id').value !== '';
  // style, not the hidden attribute: the console's CSS gives every label display:flex.
  document.querySelectorAll('#bedrock-form .bedrock-keys').forEach((l) => { l.style.display = bearer ? 'none' : ''; });
  document.querySelectorAll('#bedrock-form .bedrock-bearer').forEach((l) => { l.style.display = bearer ? '' : 'none'; });
  // Editing keeps the stored secrets unless new ones are typed.
  $('bedrock-access-key-id').required = !editing && !bearer;
  $('bedrock-secret').required = !editing && !bearer;
  $('bedrock-bearer').required = !editing && bearer;
  for (const id of ['bedrock-secret', 'bedrock-session', 'bedrock-bearer']) {
    $(id).placeholder = editing ? t('accounts.unchanged') : '';
  }
}

/** The submit button's text (add or save), kept translated on a language switch. */
function setBedrockSubmit(key) {
  $('bedrock-submit').dataset.i18n = key;
  $('bedrock-submit').textContent = t(key);
}

function resetBedrockForm() {
  $('bedrock-form').reset();
  $('bedrock-id').value = '';
  setBedrockSubmit('bedrock.add');
  $('bedrock-cancel').hidden = true;
  $('bedrock-error').textContent = '';
  bedrockCredentialTypeChanged();
}

function editBedrock(a) {
  resetBedrockForm();
  $('bedrock-id').value = a.id;
  $('bedrock-name').value = a.name;
  $('bedrock-region').value = a.region || '';
  $('bedrock-credential-type').value = a.credentialType || 'access_key';
  $('bedrock-default-model').value = a.defaultModel || '';
  $('bedrock-endpoint').value = a.endpointUrl || '';
  $('bedrock-priority').value = a.priority;
  $('bedrock-schedulable').checked = a.schedulable;
  setBedrockSubmit('common.save');
  $('bedrock-cancel').hidden = false;
  bedrockCredentialTypeChanged();
  $('bedrock-form').scrollIntoView();
}

/** The create or update body; an empty secret on an edit means "unchanged" (the server keeps it). */
function bedrockBody() {
  const body = {
    name: $('bedrock-name').value,
    region: $('bedrock-region').value.trim(),
    defaultModel: $('bedrock-default-model').value.trim(),
    endpointUrl: $('bedrock-endpoint').value.trim(),
    priority: Number($('bedrock-priority').value || 50),
    schedulable: $('bedrock-schedulable').checked,
  };
  if ($('bedrock-credential-type').value === 'bearer_token') {
    if ($('bedrock-bearer').value) body.bearerToken = $('bedrock-bearer').value;
  } else if ($('bedrock-access-key-id').value || $('bedrock-secret').value || $('bedrock-session').value) {
    body.awsCredentials = { accessKeyId: $('bedrock-access-key-id').value.trim(),
      secretAccessKey: $('bedrock-secret').value, sessionToken: $('bedrock-session').value };
  }
  return body;
}

async function submitBedrock(e) {
  e.preventDefault();
  $('bedrock-error').textContent = '';
  $('bedrock-saved').textContent = '';
  const id = $('bedrock-id').value;
  try {
    const r = id ? await api('PUT', `${BEDROCK_PATH}/${encodeURIComponent(id)}`, bedrockBody())
      : await api('POST', BEDROCK_PATH, bedrockBody());
    $('bedrock-saved').textContent = t(id ? 'accounts.saved' : 'accounts.added', { name: r.data.name });
    resetBedrockForm();
    loadBedrockAccounts();
  } catch (err) {
    $('bedrock-error').textContent = err.message;
  }
}

async function testBedrock(a) {
  const out = $('bedrock-test-result');
  out.className = '';
  out.textContent = t('bedrock.testing', { name: a.name });
  try {
    const r = (await api('POST', `${BEDROCK_PATH}/${encodeURIComponent(a.id)}/test`, {})).data;
    out.className = r.ok ? 'ok' : 'bad';
    out.textContent = r.ok ? t('bedrock.testOk', { name: a.name, ms: fmt.num(r.latencyMs), model: r.model, text: r.text })
      : t(r.status ? 'bedrock.testFailed' : 'bedrock.testFailedNoStatus', { name: a.name, status: r.status, error: r.error });
  } catch (err) {
    out.className = 'bad';
    out.textContent = err.message;
  }
}

async function loadBedrockAccounts() {
  const r = await api('GET', BEDROCK_PATH);
  const body = $('bedrock-body');
  body.replaceChildren();
  r.data.forEach((a) => {
    const tr = bedrockEl('tr', { 'data-account-id': a.id });
    cell(tr, a.name);
    cell(tr, a.region);
    cell(tr, bedrockCredentialLabel(a)).className = 'small';
    cell(tr, a.defaultModel || '–').className = 'small';
    cell(tr, a.priority);
    cell(tr, accountStatus(a)).className = 'status';
    cell(tr, a.coolingDown ? t('accounts.coolingUntil', { until: fmt.dateTime(a.coolingUntil), reason: a.coolingReason })
      : '–').className = a.coolingDown ? 'cooling' : '';
    const path = `${BEDROCK_PATH}/${encodeURIComponent(a.id)}`;
    cell(tr, '').append(button(t('common.edit'), () => editBedrock(a)), button(t('cloud.test'), () => testBedrock(a)),
      button(t(a.isActive ? 'common.disable' : 'common.enable'), async () => {
        await api('PUT', `${path}/toggle`, { isActive: !a.isActive });
        loadBedrockAccounts();
      }), button(t('common.delete'), async () => {
        if (!window.confirm(t('bedrock.confirmRemove', { name: a.name }))) return;
        await api('DELETE', path);
        loadBedrockAccounts();
      }));
    body.appendChild(tr);
  });
  if (!body.children.length) emptyRow(body, t('bedrock.none'), BEDROCK_COLUMNS.length);
}

(function mountBedrock() {
  const host = $('cloud-accounts');
  if (!host) return;
  host.appendChild(buildBedrockSection());
  $('bedrock-credential-type').addEventListener('change', bedrockCredentialTypeChanged);
  $('bedrock-cancel').addEventListener('click', resetBedrockForm);
  $('bedrock-form').addEventListener('submit', submitBedrock);
  bedrockCredentialTypeChanged();
  // The accounts page's loader lists these too: on opening the tab, after a change, on a language switch.
  const accountsView = VIEWS.accounts;
  VIEWS.accounts = () => Promise.all([accountsView(), loadBedrockAccounts()]);
}());
