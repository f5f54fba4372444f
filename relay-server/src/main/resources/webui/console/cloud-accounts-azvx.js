// The console's cloud accounts (Azure OpenAI, Vertex AI): its own section under the accounts tab,
// with a form that adds or edits one and a list with edit, test, enable and delete. Kept apart from
// accounts.js so it can be read alone. Its texts are the cloud.* keys (and shared accounts.*, common.*,
// status.* ones) of i18n/en.js and i18n/zh-CN.js; labels carry data-i18n so a language switch
// retranslates them. It sits in index.html's #cloud-accounts, after the Bedrock section.
// Uses app.js's helpers ($, api, cell, button, emptyRow) and accounts.js's modelsField, modelsText,
// accountStatus and VIEWS.accounts.
'use strict';

/** The table's columns (dictionary keys; the last one has no heading). */
const CLOUD_COLUMNS = ['accounts.name', 'accounts.platform', 'cloud.where', 'accounts.priorityShort', 'common.status',
  'accounts.coolDown', 'cloud.test', ''];

/** Admin path segment of each cloud type, and the form fields only that type shows. */
const CLOUD_TYPES = {
  'azure-openai-accounts': { label: 'cloud.azure', fields: ['azureEndpoint', 'deploymentName', 'apiVersion', 'apiKey'] },
  'vertex-accounts': { label: 'cloud.vertex', fields: ['serviceAccountJson', 'projectId', 'region', 'apiUrl'] },
};
/** Fields that hold a secret: never shown, empty on edit means "keep the stored one". */
const SECRET_FIELDS = ['apiKey', 'serviceAccountJson'];
const PATH_OF_CLOUD_PLATFORM = { 'azure-openai': 'azure-openai-accounts', vertex: 'vertex-accounts' };

function cloudEl(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  children.forEach((c) => e.append(c));
  return e;
}

/** An element showing the dictionary's {@code key}, retranslated on a language switch. */
function cloudText(tag, key, props = {}) {
  const e = cloudEl(tag, props, t(key));
  e.dataset.i18n = key;
  return e;
}

/** A label whose text is the dictionary's {@code key}, around its input (id cloud-<id>). */
function cloudField(id, key, input) {
  input.id = 'cloud-' + id;
  return cloudEl('label', { className: 'cloud-field', htmlFor: input.id }, cloudText('span', key), input);
}

function buildCloudSection() {
  const typeSelect = cloudEl('select', {}, ...Object.entries(CLOUD_TYPES).map(([path, c]) => cloudText('option', c.label, { value: path })));
  const form = cloudEl('form', { id: 'cloud-form' },
    cloudEl('input', { type: 'hidden', id: 'cloud-id' }),
    cloudField('type', 'accounts.type', typeSelect),
    cloudField('name', 'accounts.name', cloudEl('input', { required: true, maxLength: 100 })),
    cloudField('azureEndpoint', 'cloud.azureEndpoint', cloudEl('input', { type: 'url', maxLength: 2000 })),
    cloudField('deploymentName', 'cloud.deploymentName', cloudEl('input', { maxLength: 64 })),
    cloudField('apiVersion', 'cloud.apiVersion', cloudEl('input', { maxLength: 40 })),
    cloudField('apiKey', 'cloud.apiKey', cloudEl('input', { type: 'password', maxLength: 10000, autocomplete: 'off' })),
    cloudField('serviceAccountJson', 'cloud.keyFile', cloudEl('textarea', { rows: 4, spellcheck: false, maxLength: 20000 })),
    cloudField('projectId', 'cloud.projectId', cloudEl('input', { maxLength: 63 })),
    cloudField('region', 'cloud.region', cloudEl('input', { maxLength: 40 })),
    cloudField('apiUrl', 'cloud.apiUrl', cloudEl('input', { type: 'url', maxLength: 2000 })),
    cloudField('priority', 'accounts.priority', cloudEl('input', { type: 'number', min: 1, max: 100, step: 1, defaultValue: '50' })),
    cloudField('models', 'cloud.models', cloudEl('input', { maxLength: 2000 })),
    cloudText('button', 'accounts.add', { type: 'submit', id: 'cloud-submit' }),
    cloudText('button', 'common.cancelEdit', { type: 'button', id: 'cloud-cancel', hidden: true }),
    cloudEl('p', { className: 'error', id: 'cloud-error', role: 'alert' }),
    cloudEl('p', { className: 'ok', id: 'cloud-saved', role: 'status' }));
  const head = cloudEl('tr', {}, ...CLOUD_COLUMNS.map((k) => (k ? cloudText('th', k) : cloudEl('th'))));
  const table = cloudEl('table', { id: 'cloud-table' }, cloudEl('thead', {}, head), cloudEl('tbody', { id: 'cloud-body' }));
  const section = cloudEl('div', { id: 'azvx-section' }, cloudText('h2', 'cloud.heading'), form, table);
  // The account form's card look, through the CSSOM so style.css stays untouched.
  Object.assign(form.style, { background: '#fff', padding: '.6rem', borderRadius: '6px' });
  // In the accounts tab's cloud block (index.html), before the subscription section.
  $('cloud-accounts').append(section);
  typeSelect.addEventListener('change', cloudTypeChanged);
  $('cloud-cancel').addEventListener('click', resetCloudForm);
  form.addEventListener('submit', submitCloudForm);
  cloudTypeChanged();
}

function cloudTypeChanged() {
  const path = $('cloud-type').value;
  const editing = $('cloud-id').value !== '';
  for (const c of Object.values(CLOUD_TYPES)) {
    // Through the CSSOM (the stylesheet's label display would win over the hidden attribute; the CSP allows this).
    for (const f of c.fields) $('cloud-' + f).closest('label').style.display = CLOUD_TYPES[path].fields.includes(f) ? '' : 'none';
  }
  const required = path === 'azure-openai-accounts' ? ['azureEndpoint', 'deploymentName', 'apiKey'] : ['serviceAccountJson'];
  for (const f of [...CLOUD_TYPES['azure-openai-accounts'].fields, ...CLOUD_TYPES['vertex-accounts'].fields]) {
    $('cloud-' + f).required = !editing && required.includes(f);
  }
  for (const f of SECRET_FIELDS) $('cloud-' + f).placeholder = editing ? t('accounts.unchanged') : '';
}

/** The submit button's text (add or save), kept translated on a language switch. */
function setCloudSubmit(key) {
  $('cloud-submit').dataset.i18n = key;
  $('cloud-submit').textContent = t(key);
}

function resetCloudForm() {
  $('cloud-form').reset();
  $('cloud-id').value = '';
  $('cloud-type').disabled = false;
  setCloudSubmit('accounts.add');
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
  setCloudSubmit('common.save');
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
    $('cloud-saved').textContent = t(id ? 'accounts.saved' : 'accounts.added', { name: r.data.name });
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
    const tr = cloudEl('tr');
    tr.dataset.accountId = a.id;
    cell(tr, a.name);
    cell(tr, a.platform);
    cell(tr, where(a)).className = 'small';
    cell(tr, a.priority);
    cell(tr, accountStatus(a)).className = 'status';
    cell(tr, a.coolingDown ? t('accounts.coolingUntil', { until: fmt.dateTime(a.coolingUntil), reason: a.coolingReason })
      : '–').className = a.coolingDown ? 'cooling' : '';
    const result = cell(tr, '');
    result.className = 'test-result small';
    cell(tr, '').append(button(t('common.edit'), () => editCloudAccount(a)),
      button(t('cloud.test'), async () => {
        result.textContent = t('cloud.testing');
        try {
          const r = (await api('POST', account + '/test', {})).data;
          result.textContent = r.ok ? t('cloud.testOk', { status: r.status, ms: fmt.num(r.latencyMs), text: r.text })
            : t(r.status ? 'cloud.testFailed' : 'cloud.testFailedNoStatus', { status: r.status, error: r.error });
          result.classList.toggle('bad', !r.ok);
        } catch (err) {
          result.textContent = err.message;
        }
      }),
      button(t(a.isActive ? 'common.disable' : 'common.enable'), async () => {
        await api('PUT', account + '/toggle', { isActive: !a.isActive });
        loadCloudAccounts();
      }),
      button(t('common.delete'), async () => {
        if (!window.confirm(t('cloud.confirmRemove', { name: a.name }))) return;
        await api('DELETE', account);
        loadCloudAccounts();
      }));
    body.appendChild(tr);
  }));
  if (!body.children.length) emptyRow(body, t('cloud.none'), CLOUD_COLUMNS.length);
}

buildCloudSection();
{
  // The accounts page's loader lists these too: on opening the tab, after a change, on a language switch.
  const accountsView = VIEWS.accounts;
  VIEWS.accounts = () => Promise.all([accountsView(), loadCloudAccounts()]);
}
