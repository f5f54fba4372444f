// Drives the console's AWS Bedrock section (webui/console/cloud-accounts.js) in headless Debian chromium:
// log in, add a Bedrock account with an access key, see it listed with its region and masked key, test it
// (the relay signs the smallest InvokeModel for the fake Bedrock), edit it to a Bedrock API key, and
// delete it. Writes SCREENSHOT (the accounts tab with the Bedrock section).
// Env: RELAY_URL, ADMIN_USER, ADMIN_PASSWORD, SCREENSHOT, CHROMIUM, BEDROCK_URL, BEDROCK_KEY_ID, BEDROCK_SECRET.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const relay = process.env.RELAY_URL;
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

// The console's CSP has no 'unsafe-eval', so page.waitForFunction is refused; page.evaluate is not.
async function waitUntil(p, predicate, arg, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await p.evaluate(predicate, arg))) {
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
  viewport: { width: 1100, height: 1400 },
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(15000);
const cspViolations = [];
page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
const row = '#bedrock-body tr:has-text("browser-bedrock")';

try {
  await check('the admin logs in and opens the accounts tab with its Bedrock section', async () => {
    await page.goto(relay + '/admin-next/');
    await page.fill('#username', process.env.ADMIN_USER);
    await page.fill('#password', process.env.ADMIN_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#dashboard', { state: 'visible' });
    await page.click('#tabs button[data-tab=accounts]');
    await page.waitForSelector('#bedrock-form', { state: 'visible' });
    await waitUntil(page, () => document.querySelector('#bedrock-body tr') !== null);
    assert(!(await page.isVisible('#bedrock-bearer')), 'the API key field shows for an access key');
    return await page.textContent('#bedrock-body');
  });

  await check('a Bedrock account with an access key is added and listed with its region and masked key', async () => {
    await page.fill('#bedrock-name', 'browser-bedrock');
    await page.fill('#bedrock-region', 'us-east-1');
    await page.fill('#bedrock-access-key-id', process.env.BEDROCK_KEY_ID);
    await page.fill('#bedrock-secret', process.env.BEDROCK_SECRET);
    await page.fill('#bedrock-endpoint', process.env.BEDROCK_URL);
    await page.fill('#bedrock-priority', '9');
    await page.click('#bedrock-submit');
    await page.waitForSelector(row);
    const text = await page.textContent(row);
    assert(text.includes('us-east-1'), 'no region in ' + text);
    assert(text.includes('****'), 'the key is not masked in ' + text);
    assert(!text.includes(process.env.BEDROCK_SECRET), 'the secret is shown');
    return text;
  });

  await check('its test sends a signed InvokeModel and shows the answer', async () => {
    await page.click(`${row} button:has-text("Test")`);
    await waitUntil(page, () => document.getElementById('bedrock-test-result').className === 'ok');
    return await page.textContent('#bedrock-test-result');
  });

  await check('an edit switches it to a Bedrock API key and a new default model', async () => {
    await page.click(`${row} button:has-text("Edit")`);
    assert(await page.inputValue('#bedrock-region') === 'us-east-1', 'region not filled in');
    await page.selectOption('#bedrock-credential-type', 'bearer_token');
    assert(await page.isVisible('#bedrock-bearer'), 'no API key field');
    assert(!(await page.isVisible('#bedrock-secret')), 'the secret field still shows');
    await page.fill('#bedrock-bearer', 'browser-bedrock-api-key');
    await page.fill('#bedrock-default-model', 'us.anthropic.claude-haiku-4-5-20251001-v1:0');
    await page.click('#bedrock-submit');
    await waitUntil(page, () => document.getElementById('bedrock-saved').textContent.startsWith('Saved'));
    await waitUntil(page, () => [...document.querySelectorAll('#bedrock-body tr')]
      .some((tr) => tr.textContent.includes('API key') && tr.textContent.includes('claude-haiku-4-5')));
    return await page.textContent(row);
  });

  await check('a wrong region is refused with the server\'s message', async () => {
    await page.fill('#bedrock-name', 'bad-bedrock');
    await page.fill('#bedrock-region', 'mars-1');
    await page.selectOption('#bedrock-credential-type', 'bearer_token');
    await page.fill('#bedrock-bearer', 'x');
    await page.click('#bedrock-submit');
    await waitUntil(page, () => document.getElementById('bedrock-error').textContent.includes('region'));
    await page.click('#bedrock-cancel').catch(() => {});
    return await page.textContent('#bedrock-error');
  });

  await check('the screenshot of the accounts tab is written', async () => {
    await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  });

  await check('the account is deleted after a confirmation', async () => {
    page.once('dialog', (d) => d.accept());
    await page.click(`${row} button:has-text("Delete")`);
    await waitUntil(page, () => !document.getElementById('bedrock-body').textContent.includes('browser-bedrock'));
  });

  await check('no Content-Security-Policy violation', async () => {
    assert(cspViolations.length === 0, cspViolations.join(' | '));
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
