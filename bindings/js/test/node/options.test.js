// Refund options through the package: every example case's payment and every option case gives
// exactly the options `refund-policy options --format json` prints, in Korean and English; the
// option cases' expectations hold (checked here in JavaScript, independently of the engine's
// own case runner); provider payment objects give the options of their normalized form; and
// failures are typed as for `decide`.
//
// `refund-policy options` answers one payment per process (it has no batch mode), so the native
// side runs as a small pool of processes. Every case is compared, not a sample, because a
// sample would miss the one PG whose options differ: option cases in both languages, decision
// cases in one language each, alternating, which keeps the test within a minute on a loaded
// machine while both languages' messages are compared across every kind of payment. The native
// command line comes from `cargo build -p refund-policy-cli` (ci.sh builds it);
// REFUND_POLICY_CLI names another binary.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  Engine,
  InputError,
  InstantError,
  UnknownFormat,
  UnknownLanguage,
  options,
  readCase,
  readOptionsCase,
  readPayment,
} from '../../js/node.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = process.env.REFUND_POLICY_CLI ?? join(root, 'target/debug/refund-policy');
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'refund-policy-options-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

const decisionCases = files(join(root, 'examples/cases')).map((file) => ({ file, ...readCase(readFileSync(file, 'utf8')) }));
const optionCases = files(join(root, 'examples/options')).map((file) => ({ file, ...readOptionsCase(readFileSync(file, 'utf8')) }));
const short = (file) => file.slice(root.length);

test('the cases are there', () => {
  assert.ok(decisionCases.length >= 250, `${decisionCases.length} decision cases`);
  assert.ok(optionCases.length >= 10, `${optionCases.length} option cases`);
  assert.ok(existsSync(cli), `no native command line at ${cli}: run \`cargo build -p refund-policy-cli\``);
});

// What an option case expects, checked as its fields say; absent fields are not checked.
function unmet(expect, got) {
  const problems = [];
  const codes = (list) => list.map((entry) => entry.code);
  const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  if (got.refundable !== expect.refundable) problems.push(`refundable ${got.refundable}, expected ${expect.refundable}`);
  for (const code of expect.blocking ?? []) if (!codes(got.blocking).includes(code)) problems.push(`blocking ${code} missing`);
  if (expect.max_amount !== undefined && String(got.max_amount) !== String(expect.max_amount)) problems.push(`max_amount ${got.max_amount}, expected ${expect.max_amount}`);
  if (expect.partial_allowed !== undefined && got.partial_allowed !== expect.partial_allowed) problems.push(`partial_allowed ${got.partial_allowed}`);
  for (const code of expect.partial_refused ?? []) if (!codes(got.partial.refused).includes(code)) problems.push(`partial refusal ${code} missing`);
  if (expect.last_refundable_day !== undefined && got.last_refundable_day !== expect.last_refundable_day) problems.push(`last_refundable_day ${got.last_refundable_day}`);
  if (expect.required_fields !== undefined && !sameSet(got.required_fields, expect.required_fields)) problems.push(`required_fields ${got.required_fields}`);
  if (expect.missing_contracts !== undefined && !sameSet(got.missing_contracts, expect.missing_contracts)) problems.push(`missing_contracts ${got.missing_contracts}`);
  for (const code of expect.notes ?? []) if (!codes(got.notes).includes(code)) problems.push(`note ${code} missing`);
  if (expect.expected_by !== undefined && got.processing?.expected_by !== expect.expected_by) problems.push(`expected_by ${got.processing?.expected_by}`);
  return problems;
}

test('every option case through the package meets its expectations, as the engine says', () => {
  const failures = [];
  for (const c of optionCases) {
    const got = options({ payment: c.payment, merchant: c.merchant, now: c.now, lang: 'en' });
    const problems = unmet(c.expect_options, got);
    const outcome = Engine.builtin().checkOptionsCase(readFileSync(c.file, 'utf8'), { lang: 'en' });
    if (outcome.passed !== (problems.length === 0)) problems.push(`the engine's case runner says passed=${outcome.passed}`);
    assert.deepEqual(outcome.options, got, short(c.file));
    if (problems.length > 0) failures.push(`${short(c.file)}: ${problems.join('; ')}`);
  }
  assert.deepEqual(failures, []);
  // The cases cover what the operator page shows.
  const all = optionCases.map((c) => options({ payment: c.payment, merchant: c.merchant, now: c.now }));
  assert.ok(all.some((o) => !o.refundable) && all.some((o) => o.refundable), 'refundable and not');
  assert.ok(all.some((o) => o.processing?.expected_by), 'an expected completion date');
});

// Runs `task` over `items` with at most `width` running at once; answers in the items' order.
async function pool(items, width, task) {
  const answers = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      answers[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return answers;
}

async function native(c, i, lang, format = 'normalized') {
  const payment = join(scratch, `payment-${i}.json`);
  const merchant = join(scratch, `merchant-${i}.json`);
  writeFileSync(payment, typeof c.payment === 'string' ? c.payment : JSON.stringify(c.payment));
  writeFileSync(merchant, JSON.stringify(c.merchant ?? {}));
  const args = ['options', '--payment', payment, '--merchant', merchant, '--now', c.now, '--lang', lang, '--payment-format', format];
  const { stdout } = await run(cli, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

test('every case gives exactly the native engine’s options, in Korean and English', async () => {
  const width = Math.max(2, Math.min(4, availableParallelism()));
  const jobs = [
    ...decisionCases.map((c, i) => ({ c, i, lang: i % 2 === 0 ? 'ko' : 'en' })),
    ...optionCases.flatMap((c, i) => ['ko', 'en'].map((lang) => ({ c, i: `option-${i}`, lang }))),
  ];
  const differences = [];
  await pool(jobs, width, async ({ c, i, lang }) => {
    const theirs = await native(c, `${i}-${lang}`, lang);
    const ours = options({ payment: c.payment, merchant: c.merchant, now: c.now, lang });
    try {
      assert.deepEqual(ours, theirs);
    } catch (error) {
      differences.push(`${short(c.file)} (${lang}): ${error.message.split('\n').slice(0, 12).join('\n')}`);
    }
  });
  assert.deepEqual(differences, []);
});

// The provider payment objects among the fixtures, each with its normalized form beside it.
const providerPayments = ['portone_v2', 'portone_v1', 'bootpay', 'toss_payments'].flatMap((provider) =>
  readdirSync(join(root, 'tests/fixtures', provider))
    .filter((n) => n.endsWith('.json') && !n.includes('.cancel-') && !n.endsWith('.refused.json'))
    .sort()
    .map((n) => {
      const base = join(root, 'tests/fixtures', provider, n.slice(0, -'.json'.length));
      return { provider, file: `${base}.json`, text: readFileSync(`${base}.json`, 'utf8'), normalized: readFileSync(`${base}.expected.yaml`, 'utf8') };
    }),
);

test('provider payment objects give the options of their normalized form, as natively', async () => {
  assert.ok(providerPayments.length >= 50, `${providerPayments.length} provider payments`);
  const now = '2026-12-01T10:00:00+09:00';
  for (const p of providerPayments) {
    const paidAt = readPayment(p.normalized).paid_at;
    for (const at of [paidAt, now].filter(Boolean)) {
      const asProvider = options({ payment: p.text, paymentFormat: p.provider, now: at, lang: 'en' });
      assert.deepEqual(asProvider, options({ payment: p.normalized, now: at, lang: 'en' }), short(p.file));
    }
  }
  // The native command line reads the same objects alike: one per provider.
  const firsts = ['portone_v2', 'portone_v1', 'bootpay', 'toss_payments'].map((provider) => providerPayments.find((p) => p.provider === provider));
  await pool(firsts, 2, async (p, i) => {
    const theirs = await native({ payment: p.text, merchant: {}, now }, `provider-${i}`, 'ko', p.provider);
    assert.deepEqual(options({ payment: p.text, paymentFormat: p.provider, now }), theirs, short(p.file));
  });
});

test('options fail with the same error classes as decisions', () => {
  const payment = { provider: 'portone_v2', pg: 'kcp_v2', method: 'mobile', status: 'paid', amount: { total: 10000 }, paid_at: '2026-01-31T23:30:00+09:00' };
  const base = { payment, now: '2026-02-01T00:10:00+09:00' };
  assert.throws(() => options({ ...base, now: '2026-02-01T00:10:00' }), (e) => e instanceof InstantError && e.input === 'now');
  assert.throws(() => options({ ...base, lang: 'ja' }), (e) => e instanceof UnknownLanguage && e.message === 'unknown language `ja`, expected `ko` or `en`');
  assert.throws(() => options({ ...base, paymentFormat: 'portone' }), (e) => e instanceof UnknownFormat && e.input === 'payment_format');
  assert.throws(
    () => options({ ...base, payment: 'provider: portone_v2\nmethod: crad\n' }),
    (e) => e instanceof InputError && e.input === 'payment' && e.help === 'did you mean `card`?' && e.line === 2,
  );
  assert.throws(
    () => options({ ...base, merchant: { contracts: ['mobile_next_month_refnd'] } }),
    (e) => e instanceof InputError && e.input === 'merchant' && e.help === 'did you mean `mobile_next_month_refund`?',
  );
  assert.throws(() => readOptionsCase('name: x\n'), (e) => e instanceof InputError && e.input === 'case');
  // Options and decisions say the same: the month changed, so nothing can be refunded.
  const got = options({ ...base, lang: 'en' });
  assert.equal(got.refundable, false);
  assert.deepEqual(got.blocking.map((r) => [r.code, r.provider_error.name]), [['MONTH_CHANGED', 'PG_PROVIDER']]);
  assert.equal(got.last_refundable_day, '2026-01-31');
  const signed = options({ ...base, merchant: { contracts: ['mobile_next_month_refund'] } });
  assert.equal(signed.refundable, true);
});
