// Runs Google's official Gen AI SDK (@google/genai) against the relay's Gemini routes:
// generateContent, generateContentStream, countTokens and a rejected key.
//
//   RELAY_URL=http://127.0.0.1:8080/gemini RELAY_KEY=cr_... node check.mjs
//
// Optional: RELAY_BAD_KEY (default "bad-key"), RELAY_MODEL (default gemini-2.5-flash).
// Prints one line per check, then "N passed, M failed"; exits 1 if anything failed.
import { GoogleGenAI } from '@google/genai';
import { assert, check, finish } from '../lib/checks.mjs';

const baseUrl = process.env.RELAY_URL;
const key = process.env.RELAY_KEY;
const badKey = process.env.RELAY_BAD_KEY || 'bad-key';
const model = process.env.RELAY_MODEL || 'gemini-2.5-flash';

if (!baseUrl || !key) {
  console.error('RELAY_URL and RELAY_KEY must be set');
  process.exit(2);
}

const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl } });

await check('models.generateContent', async () => {
  const r = await ai.models.generateContent({ model, contents: 'Say hello.' });
  assert(r.text?.length > 0, 'no text');
  assert(r.usageMetadata?.promptTokenCount > 0 && r.usageMetadata?.candidatesTokenCount > 0,
    `usageMetadata ${JSON.stringify(r.usageMetadata)}`);
  return `${r.text.length} chars`;
});

await check('models.generateContentStream', async () => {
  const stream = await ai.models.generateContentStream({ model, contents: 'Say hello.' });
  let text = '';
  let chunks = 0;
  let usage = null;
  let finish = null;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.text ?? '';
    usage = chunk.usageMetadata ?? usage;
    finish = chunk.candidates?.[0]?.finishReason ?? finish;
  }
  assert(chunks > 1, `${chunks} chunk(s)`);
  assert(text.length > 0, 'no streamed text');
  assert(finish === 'STOP', `finishReason ${finish}`);
  assert(usage?.candidatesTokenCount > 0, `usageMetadata ${JSON.stringify(usage)}`);
  return `${chunks} chunks, ${text.length} chars`;
});

await check('models.countTokens', async () => {
  const r = await ai.models.countTokens({ model, contents: 'Say hello.' });
  assert(r.totalTokens > 0, `totalTokens ${r.totalTokens}`);
  return `${r.totalTokens} tokens`;
});

await check('wrong key is rejected with 401', async () => {
  const bad = new GoogleGenAI({ apiKey: badKey, httpOptions: { baseUrl } });
  try {
    await bad.models.generateContent({ model, contents: 'Say hello.' });
  } catch (err) {
    assert(err?.status === 401, `status ${err?.status}: ${err?.message}`);
    assert(String(err.message).includes('UNAUTHENTICATED'), `message ${err.message}`);
    return 'UNAUTHENTICATED';
  }
  throw new Error('the call succeeded');
});

finish();
