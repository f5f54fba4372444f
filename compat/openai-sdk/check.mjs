// Runs the official OpenAI TypeScript SDK against the relay: Chat Completions and Responses (JSON
// and streaming) on RELAY_URL, and a tool-call round trip on RELAY_CLAUDE_URL (Claude behind the
// OpenAI-compatible front door).
//
//   RELAY_URL=http://127.0.0.1:8080/openai/v1 RELAY_CLAUDE_URL=http://127.0.0.1:8080/openai/claude/v1 \
//     RELAY_KEY=cr_... node check.mjs
//
// Optional: RELAY_BAD_KEY (default "bad-key"), RELAY_MODEL (default gpt-4.1),
// RELAY_CLAUDE_MODEL (default claude-sonnet-4-5-20250929), RELAY_TIMEOUT_MS (default 60000).
// Prints one line per check, then "N passed, M failed"; exits 1 if anything failed.
import OpenAI from 'openai';
import { assert, check, finish } from '../lib/checks.mjs';

const baseURL = process.env.RELAY_URL;
const claudeURL = process.env.RELAY_CLAUDE_URL;
const key = process.env.RELAY_KEY;
const badKey = process.env.RELAY_BAD_KEY || 'bad-key';
const model = process.env.RELAY_MODEL || 'gpt-4.1';
const claudeModel = process.env.RELAY_CLAUDE_MODEL || 'claude-sonnet-4-5-20250929';
const timeout = Number(process.env.RELAY_TIMEOUT_MS || 60000);

if (!baseURL || !key) {
  console.error('RELAY_URL and RELAY_KEY must be set');
  process.exit(2);
}

// No retries: a relay that only works on the second attempt must fail the check.
const client = new OpenAI({ baseURL, apiKey: key, maxRetries: 0, timeout });
const messages = [{ role: 'user', content: 'Say hello.' }];

await check('chat.completions.create', async () => {
  const r = await client.chat.completions.create({ model, messages });
  assert(r.object === 'chat.completion', `object is ${r.object}`);
  const text = r.choices[0]?.message?.content;
  assert(text, 'no content');
  assert(r.usage?.prompt_tokens > 0 && r.usage?.completion_tokens > 0, `usage ${JSON.stringify(r.usage)}`);
  return `${text.length} chars, ${r.usage.total_tokens} tokens`;
});

await check('chat.completions stream without include_usage', async () => {
  const stream = await client.chat.completions.create({ model, messages, stream: true });
  let text = '';
  let finish = null;
  let usageChunks = 0;
  for await (const chunk of stream) {
    if (chunk.usage) usageChunks++;
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert(text.length > 0, 'no streamed text');
  assert(finish === 'stop', `finish_reason ${finish}`);
  assert(usageChunks === 0, `saw ${usageChunks} usage chunk(s) it did not ask for`);
  return `${text.length} chars`;
});

await check('chat.completions stream with include_usage', async () => {
  const stream = await client.chat.completions.create({
    model, messages, stream: true, stream_options: { include_usage: true },
  });
  let usage = null;
  for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
  assert(usage?.prompt_tokens > 0 && usage?.completion_tokens > 0, `usage ${JSON.stringify(usage)}`);
  return `${usage.total_tokens} tokens`;
});

await check('responses.create', async () => {
  const r = await client.responses.create({ model, input: 'Say hello.' });
  assert(r.status === 'completed', `status ${r.status}`);
  assert(r.output_text?.length > 0, 'no output_text');
  assert(r.usage?.input_tokens > 0 && r.usage?.output_tokens > 0, `usage ${JSON.stringify(r.usage)}`);
  return `${r.output_text.length} chars`;
});

await check('responses.stream', async () => {
  const stream = client.responses.stream({ model, input: 'Say hello.' });
  let text = '';
  for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
  const final = await stream.finalResponse();
  assert(text.length > 0 && text === final.output_text, `streamed "${text}" vs final "${final.output_text}"`);
  assert(final.usage?.output_tokens > 0, `usage ${JSON.stringify(final.usage)}`);
  return `${text.length} chars`;
});

await check('wrong key is an AuthenticationError', async () => {
  const bad = new OpenAI({ baseURL, apiKey: badKey, maxRetries: 0, timeout });
  try {
    await bad.chat.completions.create({ model, messages });
  } catch (err) {
    assert(err instanceof OpenAI.AuthenticationError, `got ${err?.constructor?.name}`);
    assert(err.status === 401, `status ${err.status}`);
    return err.error?.type ?? err.type;
  }
  throw new Error('the call succeeded');
});

if (claudeURL) {
  const claude = new OpenAI({ baseURL: claudeURL, apiKey: key, maxRetries: 0, timeout });
  const tools = [{
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather of a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  }];
  const ask = [{ role: 'user', content: 'What is the weather in Paris?' }];

  await check('claude: tool call round trip', async () => {
    const first = await claude.chat.completions.create({ model: claudeModel, messages: ask, tools });
    const choice = first.choices[0];
    assert(choice.finish_reason === 'tool_calls', `finish_reason ${choice.finish_reason}`);
    const call = choice.message.tool_calls?.[0];
    assert(call?.function?.name === 'get_weather', `tool call ${JSON.stringify(call)}`);
    const args = JSON.parse(call.function.arguments);
    assert(typeof args.city === 'string', `arguments ${call.function.arguments}`);
    const second = await claude.chat.completions.create({
      model: claudeModel, tools,
      messages: [...ask, choice.message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 21°C' }],
    });
    assert(second.choices[0].finish_reason === 'stop', `second finish_reason ${second.choices[0].finish_reason}`);
    assert(second.choices[0].message.content?.length > 0, 'no final text');
    return `${call.function.name}(${call.function.arguments})`;
  });

  await check('claude: streamed tool call', async () => {
    const stream = await claude.chat.completions.create({ model: claudeModel, messages: ask, tools, stream: true });
    let name = '';
    let args = '';
    let finish = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      for (const c of delta?.tool_calls ?? []) {
        name += c.function?.name ?? '';
        args += c.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert(name === 'get_weather', `name "${name}"`);
    assert(typeof JSON.parse(args).city === 'string', `arguments "${args}"`);
    assert(finish === 'tool_calls', `finish_reason ${finish}`);
    return args;
  });

  await check('claude: models.list', async () => {
    const ids = [];
    for await (const m of claude.models.list()) ids.push(m.id);
    assert(ids.length > 0 && ids.every((id) => id.startsWith('claude')), `ids ${ids}`);
    return `${ids.length} models`;
  });
}

finish();
