// The console's cloud accounts (Azure OpenAI, Vertex AI): its own section under the accounts tab,
// with a form that adds or edits one and a list with edit, test, enable and delete. Kept apart from
// accounts.js so it can be read (and translated) alone: every visible string is in TEXT below.
// Uses app.js's helpers ($, api, cell, button) and accounts.js's modelsField and modelsText.
'use strict';

const TEXT = {
  heading: 'Cloud accounts (Azure OpenAI, Vertex AI)',
  type: 'Type',
  azure: 'Azure OpenAI (a deployment of a resource)',
  vertex: 'Claude on Vertex AI (a service account)',
  name: 'Name',
  priority: 'Priority (1-100)',
  models: 'Supported models (comma-separated; empty = all; from=to maps, e.g. claude-sonnet-4-5=claude-sonnet-4-5@20250929)',
  azureEndpoint: 'Endpoint (https://<resource>.openai.azure.com)',
  deploymentName: 'Deployment name',
  apiVersion: 'API version (empty = 2025-04-01-preview)',
  apiKey: 'Key',
  keyFile: 'Service account key file (JSON)',
  projectId: 'Project id (empty = the key file\'s)',
  region: 'Region (empty = us-east5)',
  apiUrl: 'Endpoint override (empty = Google\'s regional endpoint)',
  unchanged: 'unchanged',
  add: 'Add account',
  save: 'Save changes',
  cancel: 'Cancel edit',
  added: (name) => `Added ${name}.`,
  saved: (name) => `Saved ${name}.`,
  columns: ['Name', 'Platform', 'Where', 'Priority', 'Status', 'Cool-down', 'Test', ''],
  none: 'No cloud accounts yet',
  edit: 'Edit',
  test: 'Test',
  testing: 'testing…',
  testOk: (r) => `OK ${r.status} in ${r.latencyMs} ms: ${r.text}`,
  testFailed: (r) => `failed${r.status ? ' ' + r.status : ''}: ${r.error}`,
  enable: 'Enable',
  disable: 'Disable',
  remove: 'Delete',
  confirmRemove: (name) => `Delete the account ${name}?`,
  disabled: 'disabled',
  notScheduled: 'not scheduled',
  until: (a) => `until ${a.coolingUntil} (${a.coolingReason})`,
};

/** Admin path segment of each cloud type, and the form fields only that type shows. */
const CLOUD_TYPES = {
  'azure-openai-accounts': { label: TEXT.azure, fields: ['azureEndpoint', 'deploymentName', 'apiVersion', 'apiKey'] },
  'vertex-accounts': { label: TEXT.vertex, fields: ['serviceAccountJson', 'projectId', 'region', 'apiUrl'] },
};
/** Fields that hold a secret: never shown, empty on edit means "keep the stored one". */
const SECRET_FIELDS = ['apiKey', 'serviceAccountJson'];
const PATH_OF_CLOUD_PLATFORM = { 'azure-openai': 'azure-openai-accounts', vertex: 'vertex-accounts' };

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  children.forEach((c) => e.append(c));
  return e;
}

function field(id, label, input) {
  input.id = 'cloud-' + id;
  return el('label', { className: 'cloud-field', htmlFor: input.id }, label, input);
}

function buildCloudSection() {
  const typeSelect = el('select', {}, ...Object.entries(CLOUD_TYPES).map(([path, t]) => el('option', { value: path }, t.label)));
  const form = el('form', { id: 'cloud-form' },
    el('input', { type: 'hidden', id: 'cloud-id' }),
    field('type', TEXT.type, typeSelect),
    field('name', TEXT.name, el('input', { required: true, maxLength: 100 })),
    field('azureEndpoint', TEXT.azureEndpoint, el('input', { type: 'url', maxLength: 2000 })),
    field('deploymentName', TEXT.deploymentName, el('input', { maxLength: 64 })),
    field('apiVersion', TEXT.apiVersion, el('input', { maxLength: 40 })),
    field('apiKey', TEXT.apiKey, el('input', { type: 'password', maxLength: 10000, autocomplete: 'off' })),
    field('serviceAccountJson', TEXT.keyFile, el('textarea', { rows: 4, spellcheck: false, maxLength: 20000 })),
    field('projectId', TEXT.projectId, el('input', { maxLength: 63 })),
    field('region', TEXT.region, el('input', { maxLength: 40 })),
    field('apiUrl', TEXT.apiUrl, el('input', { type: 'url', maxLength: 2000 })),
    field('priority', TEXT.priority, el('input', { type: 'number', min: 1, max: 100, step: 1, defaultValue: '50' })),
    field('models', TEXT.models, el('input', { maxLength: 2000 })),
    el('button', { type: 'submit', id: 'cloud-submit' }, TEXT.add),
    el('button', { type: 'button', id: 'cloud-cancel', hidden: true }, TEXT.cancel),
    el('p', { className: 'error', id: 'cloud-error', role: 'alert' }),
    el('p', { className: 'ok', id: 'cloud-saved', role: 'status' }));
  const head = el('tr', {}, ...TEXT.columns.map((c) => el('th', {}, c)));
  const table = el('table', { id: 'cloud-table' }, el('thead', {}, head), el('tbody', { id: 'cloud-body' }));
  const section = el('div', { id: 'cloud-accounts' }, el('h2', {}, TEXT.heading), form, table);
  // The account form's card look, through the CSSOM so style.css stays untouched.
  Object.assign(form.style, { background: '#fff', padding: '.6rem', borderRadius: '6px' });
  // Right after the API-key accounts' table, before the subscription section.
  $('accounts-body').closest('table').after(section);
  typeSelect.addEventListener('change', cloudTypeChanged);
  $('cloud-cancel').addEventListener('click', resetCloudForm);
  form.addEventListener('submit', submitCloudForm);
  cloudTypeChanged();
}

function cloudTypeChanged() {
  const path = $('cloud-type').value;
  const editing = $('cloud-id').value !== '';
  for (const t of Object.values(CLOUD_TYPES)) {
    // Through the CSSOM (the stylesheet's label display would win over the hidden attribute; the CSP allows this).
    for (const f of t.fields) $('cloud-' + f).closest('label').style.display = CLOUD_TYPES[path].fields.includes(f) ? '' : 'none';
  }
  const required = path === 'azure-openai-accounts' ? ['azureEndpoint', 'deploymentName', 'apiKey'] : ['serviceAccountJson'];
  for (const f of [...CLOUD_TYPES['azure-openai-accounts'].fields, ...CLOUD_TYPES['vertex-accounts'].fields]) {
    $('cloud-' + f).required = !editing && required.includes(f);
  }
  for (const f of SECRET_FIELDS) $('cloud-' + f).placeholder = editing ? TEXT.unchanged : '';
}

function resetCloudForm() {
  $('cloud-form').reset();
  $('cloud-id').value = '';
  $('cloud-type').disabled = false;
  $('cloud-submit').textContent = TEXT.add;
  $('cloud-cancel').hidden = true;
  $('cloud-error').textContent = '';
  cloudTypeChanged();
}

function editCloudAccount(a) {
  resetCloudForm();
  $('cloud-id').value = a.id;
  $('cloud-type').value = PATH_OF_CLOUD_PLATFORM[a.platform];
  $('cloud-type').disabled = true;
  $('cloud-name').value = a.name;
  $('cloud-priority').value = a.priority;
  $('cloud-models').value = modelsText(a.supportedModels);
  for (const f of ['azureEndpoint', 'deploymentName', 'apiVersion', 'projectId', 'region']) $('cloud-' + f).value = a[f] || '';
  $('cloud-apiUrl').value = a.platform === 'vertex' ? (a.apiUrl || '') : '';
  $('cloud-submit').textContent = TEXT.save;
  $('cloud-cancel').hidden = false;
  cloudTypeChanged();
  $('cloud-form').scrollIntoView();
}

async function submitCloudForm(e) {
  e.preventDefault();
  $('cloud-error').textContent = '';
  $('cloud-saved').textContent = '';
  const id = $('cloud-id').value;
  const path = $('cloud-type').value;
  const body = {
    name: $('cloud-name').value,
    priority: Number($('cloud-priority').value || 50),
    supportedModels: modelsField($('cloud-models').value),
  };
  for (const f of CLOUD_TYPES[path].fields) {
    const v = $('cloud-' + f).value.trim();
    // An empty secret keeps the stored one; other empty fields on edit mean "the default".
    if (v || (id && !SECRET_FIELDS.includes(f))) body[f] = v;
  }
  try {
    const r = id ? await api('PUT', `/admin/${path}/${encodeURIComponent(id)}`, body) : await api('POST', `/admin/${path}`, body);
    $('cloud-saved').textContent = id ? TEXT.saved(r.data.name) : TEXT.added(r.data.name);
    resetCloudForm();
    loadCloudAccounts();
  } catch (err) {
    $('cloud-error').textContent = err.message;
  }
}

function where(a) {
  return a.platform === 'vertex'
    ? `${a.projectId} / ${a.region} (${a.serviceAccountEmail})`
    : `${a.azureEndpoint} / ${a.deploymentName} (${a.apiVersion})`;
}

async function loadCloudAccounts() {
  const paths = Object.keys(CLOUD_TYPES);
  const lists = await Promise.all(paths.map((p) => api('GET', '/admin/' + p)));
  const body = $('cloud-body');
  body.replaceChildren();
  lists.forEach((r, i) => r.data.forEach((a) => {
    const path = paths[i];
    const account = `/admin/${path}/${encodeURIComponent(a.id)}`;
    const tr = el('tr');
    tr.dataset.accountId = a.id;
    cell(tr, a.name);
    cell(tr, a.platform);
    cell(tr, where(a)).className = 'small';
    cell(tr, a.priority);
    cell(tr, !a.isActive ? TEXT.disabled : !a.schedulable ? TEXT.notScheduled : a.status).className = 'status';
    cell(tr, a.coolingDown ? TEXT.until(a) : '–').className = a.coolingDown ? 'cooling' : '';
    const result = cell(tr, '');
    result.className = 'test-result small';
    cell(tr, '').append(button(TEXT.edit, () => editCloudAccount(a)),
      button(TEXT.test, async () => {
        result.textContent = TEXT.testing;
        try {
          const t = (await api('POST', account + '/test', {})).data;
          result.textContent = t.ok ? TEXT.testOk(t) : TEXT.testFailed(t);
          result.classList.toggle('bad', !t.ok);
        } catch (err) {
          result.textContent = err.message;
        }
      }),
      button(a.isActive ? TEXT.disable : TEXT.enable, async () => {
        await api('PUT', account + '/toggle', { isActive: !a.isActive });
        loadCloudAccounts();
      }),
      button(TEXT.remove, async () => {
        if (!window.confirm(TEXT.confirmRemove(a.name))) return;
        await api('DELETE', account);
        loadCloudAccounts();
      }));
    body.appendChild(tr);
  }));
  if (!body.children.length) cell(body.appendChild(el('tr')), TEXT.none).colSpan = TEXT.columns.length;
}

buildCloudSection();
document.querySelector('#tabs button[data-tab="accounts"]').addEventListener('click', loadCloudAccounts);
