// The console's cloud-provider accounts: AWS Bedrock (Claude on Bedrock) — add, edit, test, enable or
// disable, delete and list, under /admin/bedrock-accounts. Its own section and file so the generic
// account form stays simple. Every visible string is in CLOUD_TEXT, for translation.
// Uses app.js's helpers ($, api, cell, button).
'use strict';

const CLOUD_TEXT = {
  heading: 'AWS Bedrock',
  intro: 'Claude on Amazon Bedrock: these accounts serve the Claude routes in the same pool as the others.',
  name: 'Name',
  region: 'Region',
  credentialType: 'Credential',
  accessKey: 'Access key (SigV4)',
  apiKey: 'Bedrock API key',
  accessKeyId: 'Access key id',
  secretAccessKey: 'Secret access key',
  sessionToken: 'Session token (optional)',
  bearerToken: 'Bedrock API key',
  defaultModel: 'Default model (optional)',
  endpointUrl: 'Endpoint URL (optional, VPC endpoints)',
  priority: 'Priority (1-100)',
  schedulable: 'Schedulable',
  add: 'Add Bedrock account',
  save: 'Save changes',
  cancel: 'Cancel edit',
  unchanged: 'unchanged',
  added: (n) => `Added ${n}.`,
  saved: (n) => `Saved ${n}.`,
  columns: ['Name', 'Region', 'Credential', 'Default model', 'Priority', 'Status', 'Cool-down', ''],
  none: 'No Bedrock accounts yet',
  edit: 'Edit',
  test: 'Test',
  enable: 'Enable',
  disable: 'Disable',
  remove: 'Delete',
  confirmRemove: (n) => `Delete the Bedrock account ${n}?`,
  disabled: 'disabled',
  notScheduled: 'not scheduled',
  testing: (n) => `Testing ${n}…`,
  testOk: (n, r) => `${n}: OK in ${r.latencyMs} ms (${r.model}): ${r.text}`,
  testFailed: (n, r) => `${n}: failed${r.status ? ' (HTTP ' + r.status + ')' : ''}: ${r.error}`,
  credentialLabel: (a) => (a.credentialType === 'bearer_token' ? 'API key'
    : 'key ' + ((a.awsCredentials && a.awsCredentials.accessKeyId) || '')),
  until: (a) => `until ${a.coolingUntil} (${a.coolingReason})`,
};

const BEDROCK_PATH = '/admin/bedrock-accounts';

/** An element with attributes and children; text children are text nodes (never HTML). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, v);
  });
  children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

const field = (label, input, cls) => el('label', cls ? { class: cls } : {}, label, input);

function buildBedrockSection() {
  const t = CLOUD_TEXT;
  const form = el('form', { id: 'bedrock-form' },
    el('input', { type: 'hidden', id: 'bedrock-id' }),
    field(t.name, el('input', { id: 'bedrock-name', required: true, maxlength: 100 })),
    field(t.region, el('input', { id: 'bedrock-region', required: true, maxlength: 40, placeholder: 'us-east-1' })),
    field(t.credentialType, el('select', { id: 'bedrock-credential-type' },
      el('option', { value: 'access_key' }, t.accessKey), el('option', { value: 'bearer_token' }, t.apiKey))),
    field(t.accessKeyId, el('input', { id: 'bedrock-access-key-id', maxlength: 128, autocomplete: 'off' }), 'bedrock-keys'),
    field(t.secretAccessKey, el('input', { id: 'bedrock-secret', type: 'password', maxlength: 256, autocomplete: 'off' }),
      'bedrock-keys'),
    field(t.sessionToken, el('input', { id: 'bedrock-session', type: 'password', maxlength: 4096, autocomplete: 'off' }),
      'bedrock-keys'),
    field(t.bearerToken, el('input', { id: 'bedrock-bearer', type: 'password', maxlength: 4096, autocomplete: 'off' }),
      'bedrock-bearer'),
    field(t.defaultModel, el('input', { id: 'bedrock-default-model', maxlength: 300,
      placeholder: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' })),
    field(t.endpointUrl, el('input', { id: 'bedrock-endpoint', type: 'url', maxlength: 2000,
      placeholder: 'https://bedrock-runtime.{region}.amazonaws.com' })),
    field(t.priority, el('input', { id: 'bedrock-priority', type: 'number', min: 1, max: 100, step: 1, value: 50 })),
    el('label', { class: 'inline' }, el('input', { id: 'bedrock-schedulable', type: 'checkbox', checked: true }),
      ' ' + t.schedulable),
    el('button', { type: 'submit', id: 'bedrock-submit' }, t.add),
    el('button', { type: 'button', id: 'bedrock-cancel', hidden: true }, t.cancel),
    el('p', { class: 'error', id: 'bedrock-error', role: 'alert' }),
    el('p', { class: 'ok', id: 'bedrock-saved', role: 'status' }));
  const head = el('tr', {}, ...t.columns.map((c) => el('th', {}, c)));
  return el('div', { id: 'bedrock-section' }, el('h2', {}, t.heading), el('p', { class: 'small' }, t.intro), form,
    el('p', { id: 'bedrock-test-result', role: 'status' }),
    el('table', {}, el('thead', {}, head), el('tbody', { id: 'bedrock-body' })));
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
    $(id).placeholder = editing ? CLOUD_TEXT.unchanged : '';
  }
}

function resetBedrockForm() {
  $('bedrock-form').reset();
  $('bedrock-id').value = '';
  $('bedrock-submit').textContent = CLOUD_TEXT.add;
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
  $('bedrock-submit').textContent = CLOUD_TEXT.save;
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
    $('bedrock-saved').textContent = id ? CLOUD_TEXT.saved(r.data.name) : CLOUD_TEXT.added(r.data.name);
    resetBedrockForm();
    loadBedrockAccounts();
  } catch (err) {
    $('bedrock-error').textContent = err.message;
  }
}

async function testBedrock(a) {
  const out = $('bedrock-test-result');
  out.className = '';
  out.textContent = CLOUD_TEXT.testing(a.name);
  try {
    const r = (await api('POST', `${BEDROCK_PATH}/${encodeURIComponent(a.id)}/test`, {})).data;
    out.className = r.ok ? 'ok' : 'bad';
    out.textContent = r.ok ? CLOUD_TEXT.testOk(a.name, r) : CLOUD_TEXT.testFailed(a.name, r);
  } catch (err) {
    out.className = 'bad';
    out.textContent = err.message;
  }
}

async function loadBedrockAccounts() {
  const t = CLOUD_TEXT;
  const r = await api('GET', BEDROCK_PATH);
  const body = $('bedrock-body');
  body.replaceChildren();
  r.data.forEach((a) => {
    const tr = el('tr', { 'data-account-id': a.id });
    cell(tr, a.name);
    cell(tr, a.region);
    cell(tr, t.credentialLabel(a)).className = 'small';
    cell(tr, a.defaultModel || '–').className = 'small';
    cell(tr, a.priority);
    cell(tr, !a.isActive ? t.disabled : !a.schedulable ? t.notScheduled : a.status).className = 'status';
    cell(tr, a.coolingDown ? t.until(a) : '–').className = a.coolingDown ? 'cooling' : '';
    const path = `${BEDROCK_PATH}/${encodeURIComponent(a.id)}`;
    cell(tr, '').append(button(t.edit, () => editBedrock(a)), button(t.test, () => testBedrock(a)),
      button(a.isActive ? t.disable : t.enable, async () => {
        await api('PUT', `${path}/toggle`, { isActive: !a.isActive });
        loadBedrockAccounts();
      }), button(t.remove, async () => {
        if (!window.confirm(t.confirmRemove(a.name))) return;
        await api('DELETE', path);
        loadBedrockAccounts();
      }));
    body.appendChild(tr);
  });
  if (!body.children.length) cell(body.appendChild(el('tr')), t.none).colSpan = t.columns.length;
}

(function mountBedrock() {
  const host = $('cloud-accounts');
  if (!host) return;
  host.appendChild(buildBedrockSection());
  $('bedrock-credential-type').addEventListener('change', bedrockCredentialTypeChanged);
  $('bedrock-cancel').addEventListener('click', resetBedrockForm);
  $('bedrock-form').addEventListener('submit', submitBedrock);
  bedrockCredentialTypeChanged();
  // app.js's show() reveals the accounts tab by clearing its hidden attribute: load whenever that happens,
  // so app.js needs no knowledge of this section.
  const section = $('accounts');
  new MutationObserver(() => { if (!section.hidden) loadBedrockAccounts().catch(() => {}); })
    .observe(section, { attributes: true, attributeFilter: ['hidden'] });
  if (!section.hidden) loadBedrockAccounts().catch(() => {});
}());
