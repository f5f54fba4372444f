// The console's alert settings: CRS's webhook configuration (GET/POST /admin/webhook/config) with
// its notification types and retries, the channels (toggle, test, delete) and a form adding one of
// the nine platform types. Secrets come back masked; sending a masked value back keeps the stored one.
// Uses app.js's helpers ($, api, cell, button, emptyRow, VIEWS) and i18n.js's t.
'use strict';
let webhookConfig = null;

/** The fields each platform type's form shows (label classes f-*) and how they become its body. */
const PLATFORM_FIELDS = {
  custom: ['f-url', 'f-secret'], wechat_work: ['f-url'], dingtalk: ['f-url', 'f-secret'], feishu: ['f-url', 'f-secret'],
  slack: ['f-url'], discord: ['f-url'], telegram: ['f-telegram'], bark: ['f-bark'], smtp: ['f-smtp'],
};

function platformTypeChanged() {
  const shown = PLATFORM_FIELDS[$('platform-type').value] || [];
  document.querySelectorAll('#platform-form label[class^="f-"]').forEach((l) => { l.hidden = !shown.includes(l.className); });
}

function platformBody() {
  const type = $('platform-type').value;
  const p = { type, name: $('platform-name').value || t('hooks.platform.' + type), enabled: true };
  const fields = PLATFORM_FIELDS[type];
  if (fields.includes('f-url')) p.url = $('platform-url').value;
  if (fields.includes('f-secret') && $('platform-secret').value) { p.enableSign = true; p.secret = $('platform-secret').value; }
  if (type === 'telegram') { p.botToken = $('platform-bot-token').value; p.chatId = $('platform-chat-id').value; }
  if (type === 'bark') p.deviceKey = $('platform-device-key').value;
  if (type === 'smtp') {
    Object.assign(p, { host: $('platform-host').value, port: Number($('platform-port').value || 587),
      user: $('platform-user').value, pass: $('platform-pass').value, to: $('platform-to').value });
  }
  return p;
}

function fillWebhookForm(c) {
  $('webhook-enabled').checked = !!c.enabled;
  document.querySelectorAll('#webhook-form input[data-type]').forEach((box) => {
    box.checked = (c.notificationTypes || {})[box.dataset.type] !== false;
  });
  $('webhook-retries').value = (c.retrySettings || {}).maxRetries ?? 3;
  $('webhook-retry-delay').value = (c.retrySettings || {}).retryDelay ?? 1000;
  const body = $('webhook-platforms-body');
  body.replaceChildren();
  (c.platforms || []).forEach((p) => {
    const tr = document.createElement('tr');
    tr.dataset.platformId = p.id;
    cell(tr, p.name || p.id);
    cell(tr, tOr('hooks.platform.' + p.type, p.type));
    cell(tr, p.enabled ? t('status.enabled') : t('status.disabled')).className = p.enabled ? 'status' : 'status off';
    cell(tr, '').append(
      button(p.enabled ? t('common.disable') : t('common.enable'), () => platformAction('POST', p.id, '/toggle')),
      button(t('hooks.test'), async () => {
        $('webhook-saved').textContent = '';
        $('webhook-error').textContent = '';
        try {
          await api('POST', '/admin/webhook/test', p);
          $('webhook-saved').textContent = t('hooks.testSent', { name: p.name || p.id });
        } catch (err) {
          $('webhook-error').textContent = t('hooks.testFailed', { name: p.name || p.id, error: err.message });
        }
      }),
      button(t('common.delete'), () => {
        if (confirm(t('hooks.confirmDelete', { name: p.name || p.id }))) platformAction('DELETE', p.id, '');
      }));
    body.appendChild(tr);
  });
  if (!(c.platforms || []).length) emptyRow(body, t('hooks.noPlatforms'), 4);
}

async function platformAction(method, id, suffix) {
  $('webhook-error').textContent = '';
  try {
    await api(method, `/admin/webhook/platforms/${encodeURIComponent(id)}${suffix}`);
  } catch (err) {
    $('webhook-error').textContent = err.message;
  }
  VIEWS.webhooks();
}

VIEWS.webhooks = async function loadWebhooks() {
  const r = await api('GET', '/admin/webhook/config');
  webhookConfig = r.config;
  fillWebhookForm(webhookConfig);
  platformTypeChanged();
};

$('webhook-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('webhook-error').textContent = '';
  $('webhook-saved').textContent = '';
  const types = {};
  document.querySelectorAll('#webhook-form input[data-type]').forEach((box) => { types[box.dataset.type] = box.checked; });
  const body = Object.assign({}, webhookConfig, {
    enabled: $('webhook-enabled').checked,
    notificationTypes: types,
    retrySettings: Object.assign({}, webhookConfig.retrySettings, { maxRetries: Number($('webhook-retries').value || 0),
      retryDelay: Number($('webhook-retry-delay').value || 0) }),
  });
  try {
    const r = await api('POST', '/admin/webhook/config', body);
    webhookConfig = r.config;
    fillWebhookForm(webhookConfig);
    $('webhook-saved').textContent = t('hooks.saved');
  } catch (err) {
    $('webhook-error').textContent = err.message;
  }
});

$('webhook-test-all').addEventListener('click', async () => {
  $('webhook-error').textContent = '';
  $('webhook-saved').textContent = '';
  try {
    const r = await api('POST', '/admin/webhook/test-notification', {});
    $('webhook-saved').textContent = t('hooks.testAllSent', { ok: r.data.succeeded, failed: r.data.failed });
  } catch (err) {
    $('webhook-error').textContent = err.message;
  }
});

$('platform-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('platform-error').textContent = '';
  try {
    await api('POST', '/admin/webhook/platforms', platformBody());
    $('platform-form').reset();
    platformTypeChanged();
    VIEWS.webhooks();
  } catch (err) {
    $('platform-error').textContent = err.message;
  }
});

$('platform-type').addEventListener('change', platformTypeChanged);
platformTypeChanged();
