// The console's request log: the latest requests across the cluster (GET /admin/request-log,
// newest first, paged with its nextBefore cursor), and requestRow, shared with a key's page.
// Uses app.js's helpers ($, api, cell, dollars, emptyRow, VIEWS) and i18n.js's t and fmt.
'use strict';
let requestsBefore = null;

/** One request as a table row; {@code withKey} adds the key's name (the log, not a key's own page). */
function requestRow(r, withKey) {
  const tr = document.createElement('tr');
  tr.dataset.requestId = r.requestId;
  cell(tr, fmt.dateTime(r.timestamp)).className = 'time';
  if (withKey) cell(tr, r.keyName || r.keyId).className = 'key';
  cell(tr, r.accountName || r.accountId || '–').className = 'account';
  cell(tr, r.model).className = 'model';
  cell(tr, r.status).className = r.status >= 400 ? 'bad status' : 'status';
  cell(tr, t('log.ms', { ms: fmt.num(r.latencyMs) })).className = 'latency';
  const tokens = cell(tr, fmt.num(r.totalTokens));
  tokens.className = 'tokens';
  tokens.title = t('log.tokenTip', { input: fmt.num(r.inputTokens), output: fmt.num(r.outputTokens),
    cacheWrite: fmt.num(r.cacheCreateTokens), cacheRead: fmt.num(r.cacheReadTokens) });
  cell(tr, dollars(r.cost)).className = 'cost';
  return tr;
}

async function loadRequests(more) {
  const query = '/admin/request-log?limit=50' + (more && requestsBefore ? '&before=' + encodeURIComponent(requestsBefore) : '');
  const r = await api('GET', query);
  const body = $('requests-body');
  if (!more) body.replaceChildren();
  r.data.items.forEach((x) => body.appendChild(requestRow(x, true)));
  if (!body.children.length) emptyRow(body, t('log.none'), 8);
  requestsBefore = r.data.nextBefore || null;
  $('requests-more').hidden = !requestsBefore;
}

VIEWS.requests = () => loadRequests(false);
$('requests-more').addEventListener('click', () => loadRequests(true));
$('requests-refresh').addEventListener('click', () => loadRequests(false));
