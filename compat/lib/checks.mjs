// The check protocol shared by the compatibility scripts: one "PASS name (detail)" or
// "FAIL name: error" line per check, then "N passed, M failed" (NodeCheck reads that line),
// exit code 1 if anything failed.
let passed = 0;
let failed = 0;

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err?.constructor?.name ?? 'Error'}: ${err?.message ?? err}`);
  }
}

export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
