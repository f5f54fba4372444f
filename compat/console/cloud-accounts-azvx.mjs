// Drives the console's cloud accounts section (webui/console/cloud-accounts-azvx.js) in headless
// Debian chromium through playwright-core: add an Azure OpenAI account and a Vertex AI account
// through the form, list them, test each (the relay sends the smallest real request to the fakes),
// edit one without retyping its key; no secret appears on the page, nothing breaks the CSP.
// Env: RELAY_URL, ADMIN_USER, ADMIN_PASSWORD, CHROMIUM (default /usr/bin/chromium), AZURE_ENDPOINT,
// AZURE_KEY, VERTEX_ENDPOINT, VERTEX_KEY_FILE (path of a service account key file), SCREENSHOT (png path).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const relay = process.env.RELAY_URL;
const keyFile = readFileSync(process.env.VERTEX_KEY_FILE, 'utf8');
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

const profile = mkdtempSync(join(tmpdir(), 'relay-cloud-console-'));
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

try {
  await check('the admin logs in and opens the accounts tab', async () => {
    await page.goto(relay + '/admin-next/');
    await page.fill('#username', process.env.ADMIN_USER);
    await page.fill('#password', process.env.ADMIN_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#dashboard', { state: 'visible' });
    await page.click('#tabs button[data-tab=accounts]');
    await page.waitForSelector('#cloud-body tr');
    return await page.textContent('#cloud-accounts h2');
  });

  await check('an Azure OpenAI account is added through the form and listed with its deployment', async () => {
    await page.selectOption('#cloud-type', 'azure-openai-accounts');
    assert(await page.isHidden('#cloud-serviceAccountJson'), 'the key file field shows for Azure');
    await page.fill('#cloud-name', 'browser-azure');
    await page.fill('#cloud-azureEndpoint', process.env.AZURE_ENDPOINT);
    await page.fill('#cloud-deploymentName', 'gpt4o-prod');
    await page.fill('#cloud-apiKey', process.env.AZURE_KEY);
    await page.click('#cloud-submit');
    const row = page.locator('#cloud-body tr', { hasText: 'browser-azure' });
    await row.waitFor();
    const text = await row.textContent();
    assert(text.includes('gpt4o-prod') && text.includes('azure-openai'), text);
    return text;
  });

  await check('the Azure account\'s test reaches the deployment', async () => {
    const row = page.locator('#cloud-body tr', { hasText: 'browser-azure' });
    await row.getByRole('button', { name: 'Test' }).click();
    await row.locator('td.test-result', { hasText: 'OK 200' }).waitFor();
    return await row.locator('td.test-result').textContent();
  });

  await check('the Azure account is edited without retyping its key', async () => {
    await page.locator('#cloud-body tr', { hasText: 'browser-azure' }).getByRole('button', { name: 'Edit' }).click();
    assert(await page.inputValue('#cloud-apiKey') === '', 'the stored key was put in the form');
    assert(await page.inputValue('#cloud-deploymentName') === 'gpt4o-prod', 'the deployment is not in the form');
    await page.fill('#cloud-name', 'browser-azure-edited');
    await page.fill('#cloud-priority', '7');
    await page.click('#cloud-submit');
    await page.locator('#cloud-body tr', { hasText: 'browser-azure-edited' }).waitFor();
    return await page.textContent('#cloud-saved');
  });

  await check('a Vertex AI account is added from its key file and listed with its service account', async () => {
    await page.selectOption('#cloud-type', 'vertex-accounts');
    assert(await page.isHidden('#cloud-azureEndpoint'), 'the Azure endpoint field shows for Vertex');
    await page.fill('#cloud-name', 'browser-vertex');
    await page.fill('#cloud-serviceAccountJson', keyFile);
    await page.fill('#cloud-region', 'europe-west1');
    await page.fill('#cloud-apiUrl', process.env.VERTEX_ENDPOINT);
    await page.fill('#cloud-models', 'claude-haiku-4-5=claude-haiku-4-5@20251001');
    await page.click('#cloud-submit');
    const row = page.locator('#cloud-body tr', { hasText: 'browser-vertex' });
    await row.waitFor();
    const text = await row.textContent();
    assert(text.includes('europe-west1') && text.includes('iam.gserviceaccount.com'), text);
    return text;
  });

  await check('the Vertex account\'s test gets a token and reaches rawPredict', async () => {
    const row = page.locator('#cloud-body tr', { hasText: 'browser-vertex' });
    await row.getByRole('button', { name: 'Test' }).click();
    await row.locator('td.test-result', { hasText: 'OK 200' }).waitFor();
    return await row.locator('td.test-result').textContent();
  });

  await check('no secret is on the page and nothing broke the security policy', async () => {
    const html = await page.content();
    assert(!html.includes(process.env.AZURE_KEY), 'the Azure key is on the page');
    assert(!html.includes('PRIVATE KEY'), 'the key file is on the page');
    assert(cspViolations.length === 0, cspViolations.join('; '));
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    return 'clean';
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
