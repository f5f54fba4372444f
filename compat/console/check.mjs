// Drives the relay's web console (/admin-next/) in headless Debian chromium through playwright-core:
// log in, create a key (plaintext shown once), use it through the relay, see the request counted and
// the current RPM/TPM; add and edit a Claude console account through the account form; onboard a
// Claude subscription account through the PKCE authorize link and from pasted credentials; delete
// the selected keys in one batch; a key's page (limits as progress bars), the request log, an
// account's page with its test button, the alert settings; then the same console in Chinese
// (switched, kept over a reload, chosen from the browser's languages) with nothing left in English.
// Env: RELAY_URL, ADMIN_USER, ADMIN_PASSWORD, SCREENSHOT (png path), CHROMIUM (default /usr/bin/chromium),
// TOKEN_CONTROL_URL (the fake token endpoint's POST {code, challenge} hook; the subscription checks fail without it),
// HOOK_URL (a webhook receiver for the alert channel's test message), TIMEZONE_OFFSET (the relay's, in hours).
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
  locale: 'en-US',
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
    const title = await page.textContent('#login h2');
    assert(title === 'Admin login', `an English browser sees "${title}"`);
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
    await page.fill('#key-window', '60');
    await page.fill('#key-window-requests', '10');
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

  await check('a key page shows each limit as a progress bar and its recent request', async () => {
    await page.click('#tabs button[data-tab=keys]');
    const row = page.locator('#keys-body tr', { hasText: 'browser-key-renamed' });
    await row.getByRole('button', { name: 'Details' }).click();
    await page.waitForSelector('#key-detail', { state: 'visible' });
    await page.waitForSelector('#key-limits progress');
    await page.waitForSelector('#key-recent-body td.model');
    const limits = await page.$$eval('#key-limits .limit', (rows) => rows.map((r) => ({ label: r.children[0].textContent,
      value: r.querySelector('progress').value, text: r.querySelector('.value').textContent })));
    const window = limits.find((l) => l.label === 'Requests per 60-minute window');
    assert(window && window.value === 10 && window.text === '1 of 10 (10 %)', `limits ${JSON.stringify(limits)}`);
    const daily = limits.find((l) => l.label === 'Daily cost');
    assert(daily && daily.value === 0 && daily.text.endsWith(' of $5.00 (0 %)'), `limits ${JSON.stringify(limits)}`);
    assert(limits.length === 2, `only the key's two limits have bars: ${JSON.stringify(limits)}`);
    const recent = await page.locator('#key-recent-body tr').allTextContents();
    assert(recent.length === 1 && recent[0].includes('claude-sonnet-4-5'), `recent ${recent.join(' / ')}`);
    const bars = await page.locator('#key-chart-requests svg rect').count();
    assert(bars === 14, `${bars} day bars`);
    if (screenshot) await page.screenshot({ path: screenshot.replace(/\.png$/, '-key.png'), fullPage: true });
    return limits.map((l) => `${l.label}: ${l.text}`).join('; ');
  });

  await check('the request log lists the relayed request with its key, account, tokens and cost', async () => {
    await page.click('#tabs button[data-tab=requests]');
    const row = page.locator('#requests-body tr').first();
    await row.locator('td.key').waitFor();
    const cells = await row.locator('td').allTextContents();
    assert(cells[1] === 'browser-key-renamed' && cells[2] === 'fake-upstream' && cells[3] === 'claude-sonnet-4-5-20250929'
      && cells[4] === '200' && cells[6] === '20' && /^\$0\.000\d+$/.test(cells[7]), `row ${cells.join(' | ')}`);
    assert(!cells.join(' ').includes('cr_'), 'a key secret is shown');
    assert(await page.locator('#requests-body tr').count() === 1, 'more rows than requests');
    return cells.join(' | ');
  });

  await check('an account page shows its usage and error history, and its test button works', async () => {
    await page.click('#tabs button[data-tab=accounts]');
    const row = page.locator('#accounts-body tr', { hasText: 'fake-upstream' });
    await row.getByRole('button', { name: 'Details' }).click();
    await page.waitForSelector('#account-detail', { state: 'visible' });
    await waitUntil(page, () => document.getElementById('account-detail-name').textContent === 'fake-upstream');
    const tips = await page.locator('#account-chart-requests svg text').allTextContents();
    assert(tips.includes('1'), `request chart labels ${tips.join(',')}`);
    const history = await page.textContent('#account-errors-body');
    assert(history === 'No cool-down or error recorded', `history ${history}`);
    await page.click('#account-test');
    await waitUntil(page, () => document.getElementById('account-test-result').textContent.startsWith('Works: HTTP 200'));
    return await page.textContent('#account-test-result');
  });

  await check('a cooled-down account\'s page shows its cool-down and its error history', async () => {
    await page.click('#tabs button[data-tab=accounts]');
    const row = page.locator('#accounts-body tr', { hasText: 'flaky-upstream' });
    await row.locator('td.cooling').waitFor();
    await row.getByRole('button', { name: 'Details' }).click();
    await waitUntil(page, () => document.getElementById('account-detail-name').textContent === 'flaky-upstream');
    const cooling = await page.textContent('#account-detail-cooling');
    assert(cooling.startsWith('until '), `cool-down shown as ${cooling}`);
    const history = await page.locator('#account-errors-body tr').allTextContents();
    assert(history.length === 1 && /rate/i.test(history[0]), `history ${history.join(' / ')}`);
    return `${cooling} / ${history[0]}`;
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
    assert(cells[1] === 'Claude Console' && cells[3] === '30', `row ${cells.join(' | ')}`);
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
    assert(cells[3] === 'Pro', `plan shown as ${cells[3]}`);
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
    assert(cells[1] === 'Gemini' && cells[2].includes('generativelanguage.googleapis.com'), `row ${cells.join(' | ')}`);
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
  await check('the alerts page saves its settings and adds a channel that receives a test', async () => {
    await page.click('#tabs button[data-tab=webhooks]');
    await page.waitForSelector('#webhook-platforms-body tr');
    await page.check('#webhook-enabled');
    await page.uncheck('#webhook-form input[data-type=test]');
    await page.fill('#webhook-retries', '2');
    await page.click('#webhook-save');
    await waitUntil(page, () => document.getElementById('webhook-saved').textContent === 'Settings saved.');
    await page.selectOption('#platform-type', 'custom');
    assert(!(await page.isVisible('#platform-bot-token')), 'telegram fields shown for a custom webhook');
    await page.fill('#platform-name', 'browser-hook');
    await page.fill('#platform-url', process.env.HOOK_URL);
    await page.click('#platform-add');
    const row = page.locator('#webhook-platforms-body tr', { hasText: 'browser-hook' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Test' }).click();
    await waitUntil(page, () => document.getElementById('webhook-saved').textContent === 'Test message delivered to browser-hook.');
    await page.reload();
    await page.click('#tabs button[data-tab=webhooks]');
    await page.locator('#webhook-platforms-body tr', { hasText: 'browser-hook' }).waitFor();
    assert(await page.isChecked('#webhook-enabled'), 'not kept enabled');
    assert(!(await page.isChecked('#webhook-form input[data-type=test]')), 'test messages not kept off');
    assert(await page.inputValue('#webhook-retries') === '2', 'retries not kept');
    return (await row.locator('td').allTextContents()).slice(0, 3).join(' | ');
  });

  await check('the console switches to Chinese and stays so after a reload', async () => {
    await page.selectOption('#lang-switch', 'zh-CN');
    await waitUntil(page, () => document.querySelector('#tabs button[data-tab=dashboard]').textContent === '仪表盘');
    await page.reload();
    await page.waitForSelector('#dashboard', { state: 'visible' });
    assert(await page.textContent('#tabs button[data-tab=keys]') === 'API 密钥', 'not Chinese after the reload');
    assert(await page.evaluate(() => document.documentElement.lang) === 'zh-CN', 'html lang');
    assert(await page.inputValue('#lang-switch') === 'zh-CN', 'the switch forgot the language');
    await waitUntil(page, () => document.getElementById('zone-note').textContent.includes('UTC+'));
    const zone = await page.textContent('#zone-note');
    const hours = Number(process.env.TIMEZONE_OFFSET || 0);
    assert(zone.includes(`UTC+${String(hours).padStart(2, '0')}:00`), zone);
    return zone;
  });

  // A label left in English on a Chinese page: words of 3+ Latin letters, less product names and
  // what is data or code (URLs, paths, field names, identifiers with digits such as us-east5,
  // 2025-04-01-preview or SigV4).
  const ALLOWED = new Set(['API', 'URL', 'JSON', 'Claude', 'Code', 'Pro', 'Max', 'OpenAI', 'Gemini', 'Webhook', 'SMTP',
    'HTTP', 'UTC', 'Slack', 'Discord', 'Telegram', 'Bark', 'TIMEZONE_OFFSET', 'Anthropic', 'Lark',
    'AWS', 'Amazon', 'Bedrock', 'VPC', 'Azure', 'Vertex', 'Google']);
  async function englishLeft(section) {
    return page.evaluate(({ section, allowed }) => {
      const found = [];
      const roots = [document.querySelector('header'), document.getElementById(section)];
      for (const root of roots) {
        root.querySelectorAll('h2, h3, th, button, label > span, legend, summary, option, p[data-i18n], .card > span, #zone-note')
          .forEach((el) => {
            if (el.closest('[translate=no]')) return;
            // Names and other data inside the element are marked translate="no"; only the rest is a label.
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let label = '';
            for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest('[translate=no]')) label += ' ' + n.data;
            const words = label.split(/\s+/).filter((w) => !/[./=~_:0-9]/.test(w));
            for (const w of words) {
              for (const m of w.match(/[A-Za-z]{3,}/g) || []) if (!allowed.includes(m)) found.push(`${el.tagName}: ${el.textContent.trim()}`);
            }
          });
      }
      return [...new Set(found)];
    }, { section, allowed: [...ALLOWED] });
  }

  await check('every page in Chinese, numbers, money and times in its locale and the relay\'s offset', async () => {
    const seen = [];
    for (const tab of ['dashboard', 'keys', 'accounts', 'requests', 'webhooks']) {
      await page.click(`#tabs button[data-tab=${tab}]`);
      await page.waitForSelector('#' + tab, { state: 'visible' });
      await page.waitForTimeout(300);
      const left = await englishLeft(tab);
      assert(left.length === 0, `${tab}: ${left.join(' / ')}`);
      seen.push(tab);
    }
    await page.click('#tabs button[data-tab=accounts]');
    await page.locator('#accounts-body tr', { hasText: 'fake-upstream' }).getByRole('button', { name: '详情' }).click();
    await waitUntil(page, () => document.getElementById('account-detail-name').textContent === 'fake-upstream');
    let left = await englishLeft('account-detail');
    assert(left.length === 0, `account page: ${left.join(' / ')}`);
    await page.click('#tabs button[data-tab=requests]');
    const row = page.locator('#requests-body tr').first();
    await row.locator('td.key').waitFor();
    const cells = await row.locator('td').allTextContents();
    assert(cells[7].startsWith('US$0.000'), `cost in zh-CN shown as ${cells[7]}`);
    assert(cells[5] === cells[5].replace('ms', '') && cells[5].includes('毫秒'), `latency ${cells[5]}`);
    const expected = await page.evaluate(async (hours) => {
      const r = await fetch('/admin/request-log?limit=1', { headers: { authorization: 'Bearer ' + sessionStorage.getItem('adminToken') } });
      const at = new Date(Date.parse((await r.json()).data.items[0].timestamp) + hours * 3600000);
      const p = (n) => String(n).padStart(2, '0');
      return `${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())}`;
    }, Number(process.env.TIMEZONE_OFFSET || 0));
    assert(cells[0].endsWith(expected), `time ${cells[0]}, on the relay's clock ${expected}`);
    if (screenshot) await page.screenshot({ path: screenshot.replace(/\.png$/, '-zh.png'), fullPage: true });
    return `${seen.join(', ')} and an account page; ${cells[0]} | ${cells[7]}`;
  });

  await check('a browser preferring Chinese gets the Chinese console and key owners\' page without choosing', async () => {
    const zhProfile = mkdtempSync(join(tmpdir(), 'relay-console-zh-'));
    const zh = await chromium.launchPersistentContext(zhProfile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      locale: 'zh-CN',
    });
    try {
      const p = zh.pages()[0] ?? await zh.newPage();
      await p.goto(relay + '/admin-next/');
      const title = await p.textContent('#login h2');
      const lang = await p.evaluate(() => document.documentElement.lang);
      assert(title === '管理员登录' && lang === 'zh-CN', `title ${title}, lang ${lang}`);
      await p.goto(relay + '/apiStats/');
      const owner = await p.textContent('h1');
      assert(owner === '我的用量', `the key owners' page says ${owner}`);
      return `${title}; ${owner}`;
    } finally {
      await zh.close();
      rmSync(zhProfile, { recursive: true, force: true });
    }
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
