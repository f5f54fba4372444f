// Claude subscription (OAuth) accounts: PKCE onboarding, pasted credentials, and their list.
// Uses app.js's helpers ($, api, cell, button, emptyRow) and accounts.js's editAccount.
'use strict';
let oauthSessionId = null;

$('oauth-generate').addEventListener('click', async () => {
  $('oauth-start-error').textContent = '';
  $('oauth-added').textContent = '';
  try {
    const r = await api('POST', '/admin/claude-accounts/generate-auth-url', {});
    oauthSessionId = r.data.sessionId;
    $('oauth-url').href = r.data.authUrl;
    $('oauth-url').textContent = r.data.authUrl;
    $('oauth-session-id').textContent = r.data.sessionId;
    $('oauth-expires').textContent = fmt.dateTime(r.data.expiresAt);
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
    $('oauth-added').textContent = t('accounts.added', { name: r.data.name });
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
    if (!pasted || typeof pasted !== 'object' || Array.isArray(pasted)) throw new Error(t('oauth.notObject'));
  } catch (err) {
    $('oauth-paste-error').textContent = t('oauth.badJson', { error: err.message });
    return;
  }
  try {
    const r = await api('POST', '/admin/claude-accounts', Object.assign({}, pasted, { name: $('oauth-paste-name').value }));
    $('oauth-paste-form').reset();
    $('oauth-added').textContent = t('accounts.added', { name: r.data.name });
    loadOAuthAccounts();
  } catch (err) {
    $('oauth-paste-error').textContent = err.message;
  }
});

/** One usage window of a subscription as the list shows it: status, share used, when it resets. */
function windowText(a, name) {
  const w = (a.usageWindows || []).find((x) => x.name === name);
  if (!w) return name === '5h' && a.sessionWindowStatus ? tOr('window.' + a.sessionWindowStatus, a.sessionWindowStatus) : '–';
  const parts = [];
  if (w.status) parts.push(tOr('window.' + w.status, w.status));
  if (w.percent >= 0) parts.push(t('oauth.used', { percent: fmt.num(w.percent) }));
  parts.push(t('oauth.resets', { time: fmt.dateTime(w.resetAt) }));
  return parts.join(' · ');
}

async function loadOAuthAccounts() {
  const r = await api('GET', '/admin/claude-accounts');
  const body = $('oauth-body');
  body.replaceChildren();
  r.data.forEach((a) => {
    const tr = document.createElement('tr');
    tr.dataset.accountId = a.id;
    cell(tr, a.name);
    cell(tr, accountStatus(a)).className = 'status';
    cell(tr, a.tokenExpiresAt ? fmt.dateTime(a.tokenExpiresAt) + (a.tokenExpired ? ' ' + t('oauth.expired') : '') : '–')
      .className = a.tokenExpired ? 'cooling' : '';
    cell(tr, a.plan ? tOr('plan.' + a.plan, a.plan) : t('oauth.planUnknown'));
    cell(tr, windowText(a, '5h'));
    cell(tr, windowText(a, '7d'));
    cell(tr, a.credentialError || a.errorMessage || '–').className = (a.credentialError || a.errorMessage) ? 'bad' : '';
    cell(tr, '').append(button(t('common.details'), () => show('account-detail', { id: a.id, path: 'claude-accounts' })),
      button(t('common.edit'), () => editAccount(a, 'claude-accounts')), button(t('oauth.refresh'), async () => {
        try { await api('POST', `/admin/claude-accounts/${encodeURIComponent(a.id)}/refresh`, {}); }
        catch (err) { $('oauth-added').textContent = t('oauth.refreshFailed', { name: a.name, error: err.message }); }
        loadOAuthAccounts();
      }));
    body.appendChild(tr);
  });
  if (!r.data.length) emptyRow(body, t('oauth.none'), 8);
}
