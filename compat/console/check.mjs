// Drives the relay's web console (/admin-next/) in headless Debian chromium through playwright-core:
// log in, create a key (plaintext shown once), use it through the relay, see the request counted.
// Env: RELAY_URL, ADMIN_USER, ADMIN_PASSWORD, SCREENSHOT (png path), CHROMIUM (default /usr/bin/chromium).
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
let key = '';

try {
  await check('the console loads and a wrong password is refused', async () => {
    await page.goto(relay + '/admin-next/');
    await page.fill('#username', process.env.ADMIN_USER);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
    return await page.textContent('#login-error');
  });

  await check('the admin logs in and sees the dashboard', async () => {
    await page.fill('#password', process.env.ADMIN_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#dashboard', { state: 'visible' });
    await page.waitForFunction(() => document.getElementById('requests-today').textContent !== '–');
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
    await page.waitForFunction(() => document.getElementById('requests-today').textContent === '1');
    const bars = await page.locator('#chart-days svg rect').count();
    assert(bars === 14, `${bars} day bars`);
    const models = await page.locator('#chart-models svg text').allTextContents();
    assert(models.some((t) => t.includes('claude-sonnet-4-5')), `model chart labels: ${models.join(', ')}`);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return `cost today ${await page.textContent('#cost-today')}`;
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
