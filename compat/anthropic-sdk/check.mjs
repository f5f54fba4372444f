// Runs the official Anthropic TypeScript SDK against a relay (or the fake upstream) and checks that
// what comes back is what the SDK understands: JSON messages, SSE streams, count_tokens, errors.
//
//   RELAY_URL=http://127.0.0.1:8080/api RELAY_KEY=cr_... node check.mjs
//
// Optional: RELAY_BAD_KEY (default "bad-key": a key the server must reject with 401),
// RELAY_MODEL (default claude-haiku-4-5-20251001), RELAY_TIMEOUT_MS (default 60000).
// Prints one line per check, then "N passed, M failed"; exits 1 if anything failed.
import Anthropic from '@anthropic-ai/sdk';
import { assert, check, finish } from '../lib/checks.mjs';

const baseURL = process.env.RELAY_URL;
const key = process.env.RELAY_KEY;
const badKey = process.env.RELAY_BAD_KEY || 'bad-key';
const model = process.env.RELAY_MODEL || 'claude-haiku-4-5-20251001';
const timeout = Number(process.env.RELAY_TIMEOUT_MS || 60000);

if (!baseURL || !key) {
  console.error('RELAY_URL and RELAY_KEY must be set');
  process.exit(2);
}

// No retries: a relay that only works on the second attempt must fail the check.
const common = { baseURL, maxRetries: 0, timeout };

// The three ways a client presents its key. Note: SDK 1.x sends `apiKey` as `Authorization: Bearer`
// too, so the classic `x-api-key` header (older SDKs, other clients) is set by hand.
const authForms = {
  'apiKey option': (k) => new Anthropic({ ...common, apiKey: k }),
  'authToken option': (k) => new Anthropic({ ...common, apiKey: null, authToken: k }),
  'x-api-key header': (k) =>
    new Anthropic({ ...common, authToken: k, defaultHeaders: { 'X-Api-Key': k, Authorization: null } }),
};

const messages = [{ role: 'user', content: 'Say hello.' }];

function assertUsage(usage, where) {
  assert(usage && typeof usage === 'object', `${where}: no usage`);
  for (const field of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']) {
    assert(Number.isInteger(usage[field]), `${where}: usage.${field} missing (${JSON.stringify(usage)})`);
  }
  assert(usage.output_tokens > 0, `${where}: usage.output_tokens is ${usage.output_tokens}`);
}

for (const [form, makeClient] of Object.entries(authForms)) {
  const client = makeClient(key);

  await check(`[${form}] messages.create`, async () => {
    const msg = await client.messages.create({ model, max_tokens: 64, messages });
    assert(msg.type === 'message' && msg.role === 'assistant', `unexpected message ${JSON.stringify(msg)}`);
    const text = msg.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
    assert(text.length > 0, 'empty text');
    assert(typeof msg.model === 'string' && msg.model.length > 0, 'no model');
    assertUsage(msg.usage, 'message');
    return `${text.length} chars, in=${msg.usage.input_tokens} out=${msg.usage.output_tokens}`;
  });

  await check(`[${form}] messages.stream`, async () => {
    const stream = client.messages.stream({ model, max_tokens: 64, messages });
    let text = '';
    let deltas = 0;
    stream.on('text', (t) => {
      text += t;
      deltas++;
    });
    const final = await stream.finalMessage();
    assert(text.length > 0, 'no text streamed');
    const finalText = final.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
    assert(finalText === text, `finalMessage text differs from streamed text: ${JSON.stringify(finalText)}`);
    assert(final.stop_reason != null, 'no stop_reason');
    assertUsage(final.usage, 'finalMessage');
    return `${deltas} deltas, in=${final.usage.input_tokens} out=${final.usage.output_tokens}`;
  });

  await check(`[${form}] messages.countTokens`, async () => {
    const counted = await client.messages.countTokens({ model, messages });
    assert(Number.isInteger(counted.input_tokens) && counted.input_tokens > 0,
      `input_tokens is ${counted.input_tokens}`);
    return `input_tokens=${counted.input_tokens}`;
  });
}

for (const form of ['apiKey option', 'x-api-key header']) {
  await check(`[${form}] wrong key is rejected`, async () => {
    try {
      await authForms[form](badKey).messages.create({ model, max_tokens: 16, messages });
    } catch (err) {
      assert(err instanceof Anthropic.AuthenticationError,
        `expected AuthenticationError, got ${err?.constructor?.name}: ${err?.message}`);
      assert(err.status === 401, `status ${err.status}`);
      const type = err.error?.error?.type;
      assert(type === 'authentication_error', `error type from body is ${JSON.stringify(type)}`);
      return `401 ${type}`;
    }
    throw new Error('the request with a wrong key succeeded');
  });
}

finish();
