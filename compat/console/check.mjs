// Drives the relay's web console (/admin-next/) in headless Debian chromium through playwright-core:
// log in, create a key (plaintext shown once), use it through the relay, see the request counted and
// the current RPM/TPM; add and edit a Claude console account through the account form; onboard a
// Claude subscription account through the PKCE authorize link and from pasted credentials; delete
// the selected keys in one batch.
// Env: RELAY_URL, ADMIN_USER, ADMIN_PASSWORD, SCREENSHOT (png path), CHROMIUM (default /usr/bin/chromium),
// TOKEN_CONTROL_URL (the fake token endpoint's POST {code, challenge} hook; the subscription checks fail without it).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const relay = process.env.RELAY_URL;
const screenshot = process.env.SCREENSHOT;
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`PASS ${name}${detail ? ' — ' + detail : ''}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err?.message ?? err}`);
  }
}

// page.waitForFunction evaluates its predicate from a string, which the console's CSP (no
// 'unsafe-eval') rightly refuses; page.evaluate goes through the DevTools protocol and is not blocked.
async function waitUntil(p, predicate, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await p.evaluate(predicate))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + predicate.toString());
    await new Promise((r) => setTimeout(r, 100));
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const profile = mkdtempSync(join(tmpdir(), 'relay-console-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 900 },
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(15000);
// The relay sends a strict CSP: anything it blocks (inline script or style) shows up as a console message.
const cspViolations = [];
page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
let key = '';

try {
  await check('the console loads and a wrong password is refused', async () => {
    await page.goto(relay + '/admin-next/');
    await page.fill('#username', process.env.ADMIN_USER);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-form button[type=submit]');
    await waitUntil(page, () => document.getElementById('login-error').textContent.length > 0);
    return await page.textContent('#login-error');
  });

  await check('the admin logs in and sees the dashboard', async () => {
    await page.fill('#password', process.env.ADMIN_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#dashboard', { state: 'visible' });
    await waitUntil(page, () => document.getElementById('requests-today').textContent !== '–');
    return 'requests today: ' + await page.textContent('#requests-today');
  });

  await check('a new key is created and its plaintext shown once', async () => {
    await page.click('#tabs button[data-tab=keys]');
    await page.fill('#key-name', 'browser-key');
    await page.fill('#key-daily', '5');
    await page.click('#key-submit');
    await page.waitForSelector('#new-key', { state: 'visible' });
    key = (await page.textContent('#new-key-value')).trim();
    assert(key.startsWith('cr_'), `shown key is ${key.slice(0, 3)}…`);
    await page.waitForSelector('#keys-body tr:has-text("browser-key")');
    return 'key shown with a copy button';
  });

  await check('the key works through the relay', async () => {
    const res = await fetch(relay + '/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5-20250929', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    assert(res.status === 200, `status ${res.status}: ${await res.text()}`);
    return 'HTTP 200';
  });

  await check('the key list counts the request', async () => {
    await page.click('#tabs button[data-tab=accounts]');
    await page.click('#tabs button[data-tab=keys]');
    const row = page.locator('#keys-body tr', { hasText: 'browser-key' });
    await row.locator('td.requests', { hasText: '1' }).waitFor();
    return 'requests today: ' + await row.locator('td.requests').textContent();
  });

  await check('the key owner page shows the key\'s usage under the security policy', async () => {
    const owner = await context.newPage();
    owner.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
    await owner.goto(relay + '/apiStats/');
    await owner.fill('#key', key);
    await owner.click('#form button[type=submit]');
    await owner.waitForSelector('#out', { state: 'visible' });
    const usage = await owner.textContent('#usage');
    await owner.close();
    assert(usage.includes('Today'), 'no usage table: ' + usage);
    return usage;
  });

  await check('the key can be edited and disabled', async () => {
    const row = page.locator('#keys-body tr', { hasText: 'browser-key' });
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.fill('#key-name', 'browser-key-renamed');
    await page.click('#key-submit');
    const renamed = page.locator('#keys-body tr', { hasText: 'browser-key-renamed' });
    await renamed.getByRole('button', { name: 'Disable' }).click();
    await page.locator('#keys-body tr', { hasText: 'browser-key-renamed' }).locator('td', { hasText: 'disabled' }).waitFor();
    return 'renamed and disabled';
  });

  await check('the accounts page shows the upstream account and its state', async () => {
    await page.click('#tabs button[data-tab=accounts]');
    await page.waitForSelector('#accounts-body tr:has-text("fake-upstream")');
    return await page.locator('#accounts-body tr').first().textContent();
  });

  await check('the dashboard counts the request and draws the charts', async () => {
    await page.click('#tabs button[data-tab=dashboard]');
    await waitUntil(page, () => document.getElementById('requests-today').textContent === '1');
    const bars = await page.locator('#chart-days svg rect').count();
    assert(bars === 14, `${bars} day bars`);
    const models = await page.locator('#chart-models svg text').allTextContents();
    assert(models.some((t) => t.includes('claude-sonnet-4-5')), `model chart labels: ${models.join(', ')}`);
    return `cost today ${await page.textContent('#cost-today')}`;
  });

  await check('the dashboard shows the current RPM/TPM and a per-minute chart', async () => {
    await waitUntil(page, () => Number(document.getElementById('rpm-now').textContent) > 0);
    const rpm = Number(await page.textContent('#rpm-now'));
    const tpm = Number(await page.textContent('#tpm-now'));
    assert(rpm === 0.2, `rpm ${rpm} (1 request over 5 minutes)`);
    assert(tpm === 4, `tpm ${tpm} (20 tokens over 5 minutes)`);
    const bars = await page.locator('#chart-minutes svg rect').count();
    assert(bars === 60, `${bars} minute bars`);
    const tips = await page.locator('#chart-minutes svg rect title').allTextContents();
    const counted = tips.reduce((n, t) => n + Number(t.match(/: (\d+) requests/)[1]), 0);
    assert(counted === 1, `${counted} requests in the last hour's bars`);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return `rpm ${rpm}, tpm ${tpm}, ${bars} minute bars`;
  });

  await check('a Claude console account is added through the form and listed', async () => {
    await page.click('#tabs button[data-tab=accounts]');
    await page.selectOption('#account-type', 'claude-console-accounts');
    await page.fill('#account-name', 'browser-console');
    await page.fill('#account-url', 'http://127.0.0.1:9');
    await page.fill('#account-key', 'sk-ant-browser-form');
    await page.fill('#account-priority', '30');
    await page.fill('#account-models', 'claude-sonnet-4-5-20250929, claude-haiku-4-5');
    // Not schedulable: the check must not send the relay's traffic to an address that answers nothing.
    await page.uncheck('#account-schedulable');
    await page.click('#account-submit');
    const row = page.locator('#accounts-body tr', { hasText: 'browser-console' });
    await row.locator('td.status', { hasText: 'not scheduled' }).waitFor();
    const cells = await row.locator('td').allTextContents();
    assert(cells[1] === 'claude-console' && cells[3] === '30', `row ${cells.join(' | ')}`);
    assert(!cells.join(' ').includes('sk-ant-browser-form'), 'the key is shown');
    return cells.slice(0, 5).join(' | ');
  });

  await check('the account is edited through the same form', async () => {
    const row = page.locator('#accounts-body tr', { hasText: 'browser-console' });
    await row.getByRole('button', { name: 'Edit' }).click();
    assert(await page.inputValue('#account-models') === 'claude-sonnet-4-5-20250929, claude-haiku-4-5', 'models not filled in');
    assert(await page.inputValue('#account-key') === '', 'the stored key is filled in');
    await page.fill('#account-name', 'browser-console-edited');
    await page.fill('#account-priority', '7');
    await page.click('#account-submit');
    const edited = page.locator('#accounts-body tr', { hasText: 'browser-console-edited' });
    await edited.locator('td', { hasText: /^7$/ }).waitFor();
    return (await edited.locator('td').allTextContents()).slice(0, 5).join(' | ');
  });

  const code = 'browser-auth-code';
  await check('the accounts page generates a Claude authorization link with PKCE', async () => {
    await page.click('#tabs button[data-tab=accounts]');
    await page.click('#oauth-generate');
    await page.waitForSelector('#oauth-session', { state: 'visible' });
    const href = await page.getAttribute('#oauth-url', 'href');
    const shown = (await page.textContent('#oauth-url')).trim();
    assert(shown === href, `link text ${shown} is not the URL ${href}`);
    const url = new URL(href);
    const challenge = url.searchParams.get('code_challenge');
    assert(challenge, `no code_challenge in ${href}`);
    assert(url.searchParams.get('state'), `no state in ${href}`);
    assert((await page.textContent('#oauth-session-id')).trim().length > 0, 'no session shown');
    assert(process.env.TOKEN_CONTROL_URL, 'TOKEN_CONTROL_URL is not set');
    const told = await fetch(process.env.TOKEN_CONTROL_URL, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, challenge }) });
    assert(told.ok, `the fake token endpoint answered ${told.status}`);
    return `${url.origin}${url.pathname} with code_challenge and state`;
  });

  await check('the pasted code adds an active subscription account', async () => {
    await page.fill('#oauth-code', code);
    await page.fill('#oauth-name', 'browser-subscription');
    await page.click('#oauth-exchange');
    const row = page.locator('#oauth-body tr', { hasText: 'browser-subscription' });
    await row.locator('td.status', { hasText: 'active' }).waitFor();
    await page.waitForSelector('#oauth-session', { state: 'hidden' });
    const cells = await row.locator('td').allTextContents();
    assert(cells[2] !== '–' && !cells[2].includes('expired'), `token expiry shown as ${cells[2]}`);
    assert(!cells.join(' ').includes('sk-ant-'), 'a token is shown');
    return cells.slice(0, 5).join(' | ');
  });

  await check('pasted credentials JSON adds a subscription account', async () => {
    await page.click('#oauth-paste summary');
    await page.fill('#oauth-paste-name', 'pasted-subscription');
    await page.fill('#oauth-paste-json', JSON.stringify({ claudeAiOauth: {
      accessToken: 'sk-ant-oat01-pasted', refreshToken: 'sk-ant-ort01-pasted', expiresAt: Date.now() + 3600_000,
      scopes: ['user:inference', 'user:profile'], subscriptionType: 'pro' } }));
    await page.click('#oauth-paste-submit');
    const row = page.locator('#oauth-body tr', { hasText: 'pasted-subscription' });
    await row.locator('td.status', { hasText: 'active' }).waitFor();
    const cells = await row.locator('td').allTextContents();
    assert(cells[3] === 'pro', `plan shown as ${cells[3]}`);
    assert(await page.locator('#oauth-body tr', { hasText: 'browser-subscription' }).count() === 1, 'the first account vanished');
    if (screenshot) await page.screenshot({ path: screenshot.replace(/\.png$/, '-accounts.png'), fullPage: true });
    return cells.slice(0, 5).join(' | ');
  });

  await check('a Gemini account is added through the form with the default URL', async () => {
    await page.selectOption('#account-type', 'gemini-api-accounts');
    await page.fill('#account-name', 'browser-gemini');
    await page.fill('#account-key', 'AIza-browser-form');
    await page.uncheck('#account-schedulable');
    await page.click('#account-submit');
    const row = page.locator('#accounts-body tr', { hasText: 'browser-gemini' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert(cells[1] === 'gemini' && cells[2].includes('generativelanguage.googleapis.com'), `row ${cells.join(' | ')}`);
    return cells.slice(0, 4).join(' | ');
  });

  await check('a subscription account is edited without touching its tokens', async () => {
    const row = page.locator('#oauth-body tr', { hasText: 'pasted-subscription' });
    await row.getByRole('button', { name: 'Edit' }).click();
    assert(!(await page.isVisible('#account-key')) && !(await page.isVisible('#account-url')), 'token fields shown');
    await page.fill('#account-priority', '12');
    await page.fill('#account-name', 'pasted-subscription-edited');
    await page.click('#account-submit');
    await page.locator('#oauth-body tr', { hasText: 'pasted-subscription-edited' }).locator('td.status', { hasText: 'active' })
      .waitFor();
    return 'renamed, priority 12, still active';
  });

  await check('selected keys are deleted in one batch', async () => {
    await page.click('#tabs button[data-tab=keys]');
    await page.fill('#key-name', 'batch-doomed');
    await page.click('#key-submit');
    await page.waitForSelector('#keys-body tr:has-text("batch-doomed")');
    await page.check('#keys-select-all');
    assert(await page.textContent('#keys-delete-selected') === 'Delete selected (2)', 'not both keys selected');
    page.once('dialog', (d) => d.accept());
    await page.click('#keys-delete-selected');
    await waitUntil(page, () => document.getElementById('keys-batch-result').textContent === 'Deleted 2.');
    await waitUntil(page, () => document.querySelectorAll('#keys-body tr').length === 0);
    return await page.textContent('#keys-batch-result');
  });
  await check('no Content-Security-Policy violation on any page', async () => {
    assert(cspViolations.length === 0, cspViolations.join(' | '));
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
