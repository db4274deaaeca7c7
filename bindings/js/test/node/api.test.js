// The package's API in Node.js: decisions in both languages, provider payloads, custom
// policies, validation, `policies show`, and typed errors with the library's kinds and messages.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import {
  Engine,
  InputError,
  InstantError,
  LoadError,
  RefundPolicyError,
  UnknownFormat,
  UnknownLanguage,
  UnknownProvider,
  builtinPolicies,
  decide,
  formats,
  readCase,
  readPayment,
  validatePolicies,
} from '../../js/node.js';

const root = new URL('../../../../', import.meta.url);
const fixture = (path) => readFileSync(new URL(`tests/fixtures/${path}`, root), 'utf8');

const mobile = {
  provider: 'portone_v2',
  pg: 'kcp_v2',
  method: 'mobile',
  status: 'paid',
  amount: { total: 10000 },
  paid_at: '2026-01-31T23:30:00+09:00',
};
const nextDay = '2026-02-01T00:10:00+09:00';

test('a mobile payment cannot be refunded once the month changed in Seoul', () => {
  const ko = decide({ payment: mobile, request: { reason: '고객 요청' }, now: nextDay });
  assert.equal(ko.verdict, 'deny');
  assert.deepEqual(ko.reasons.map((r) => r.code), ['MONTH_CHANGED']);
  assert.equal(ko.reasons[0].rule, 'portone_v2 › mobile › same_month');
  assert.equal(ko.reasons[0].provider_error.name, 'PG_PROVIDER');
  assert.deepEqual(ko.notes.map((n) => n.code), ['MANUAL_REFUND']);
  assert.equal(ko.deadline.last_refundable_day, '2026-01-31');
  assert.deepEqual(ko.refund, { amount: 10000, partial: false, remaining_after: 0, balance: 10000, tax_free_balance: 0, currency: 'KRW' });

  const en = decide({ payment: mobile, request: { reason: '고객 요청' }, now: new Date(nextDay), lang: 'en' });
  assert.equal(en.reasons[0].code, 'MONTH_CHANGED');
  assert.notEqual(en.reasons[0].message, ko.reasons[0].message);
  assert.match(ko.reasons[0].message, /[가-힣]/);
  assert.doesNotMatch(en.reasons[0].message, /[가-힣]/);
});

test('inputs may be YAML text as well as objects', () => {
  const yaml = 'provider: portone_v2\npg: kcp_v2\nmethod: mobile\nstatus: paid\namount: { total: 10000 }\npaid_at: 2026-01-31T23:30:00+09:00\n';
  assert.deepEqual(decide({ payment: yaml, request: 'reason: 고객 요청', now: nextDay }), decide({ payment: mobile, request: { reason: '고객 요청' }, now: nextDay }));
});

test("the merchant's contract lifts the month rule", () => {
  const request = { reason: '고객 요청', refund_account: { bank: 'SHINHAN', number: '56211105948400', holder_name: '홍길동' } };
  const without = decide({ payment: mobile, request, now: nextDay });
  const withContract = decide({ payment: mobile, request, merchant: { contracts: ['mobile_next_month_refund'] }, now: nextDay });
  assert.equal(without.verdict, 'deny');
  assert.equal(withContract.verdict, 'allow');
});

test('provider payloads go through their adapters, payment and cancel body', () => {
  const payment = fixture('toss_payments/card-done.json');
  const normalized = readPayment(payment, 'toss_payments');
  assert.equal(normalized.provider, 'toss_payments');
  assert.equal(normalized.method, 'card');
  const decision = decide({
    payment,
    paymentFormat: 'toss_payments',
    request: { cancelReason: '고객 변심', cancelAmount: 1000 },
    requestFormat: 'toss_payments',
    now: normalized.paid_at,
    lang: 'en',
  });
  assert.equal(decision.provider, 'toss_payments');
  assert.equal(decision.refund.amount, 1000);
  const request = Engine.builtin().readRequest({ cancelReason: '고객 변심', cancelAmount: 1000 }, { format: 'toss_payments', payment, paymentFormat: 'toss_payments' });
  assert.deepEqual(request, { amount: 1000, reason: '고객 변심' });
  assert.deepEqual(formats, ['normalized', 'portone_v2', 'portone_v1', 'bootpay', 'toss_payments']);
});

test('every provider fixture reads as the normalized form beside it, and decides alike', () => {
  let payments = 0;
  let requests = 0;
  let refused = 0;
  const engine = Engine.builtin();
  for (const provider of ['portone_v2', 'portone_v1', 'bootpay', 'toss_payments']) {
    const names = readdirSync(new URL(`tests/fixtures/${provider}/`, root))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length));
    for (const name of names) {
      if (name.endsWith('.refused')) {
        // A payload the adapter refuses, with each line of the `.refused.txt` beside it in its message.
        const [paymentName] = name.split('.cancel-');
        const wanted = fixture(`${provider}/${name}.txt`).split('\n').filter((l) => l.trim());
        const refuse = name.includes('.cancel-')
          ? () => engine.readRequest(fixture(`${provider}/${name}.json`), { format: provider, payment: fixture(`${provider}/${paymentName}.json`), paymentFormat: provider })
          : () => readPayment(fixture(`${provider}/${name}.json`), provider);
        assert.throws(refuse, (e) => e instanceof InputError && wanted.every((line) => e.message.includes(line)), name);
        refused += 1;
        continue;
      }
      const text = fixture(`${provider}/${name}.json`);
      const expected = fixture(`${provider}/${name}.expected.yaml`);
      const [paymentName] = name.split('.cancel-');
      const payment = fixture(`${provider}/${paymentName}.json`);
      const normalizedPayment = fixture(`${provider}/${paymentName}.expected.yaml`);
      const now = readPayment(normalizedPayment).paid_at ?? '2026-12-01T00:00:00+09:00';
      if (name.includes('.cancel-')) {
        const converted = engine.readRequest(text, { format: provider, payment, paymentFormat: provider });
        assert.deepEqual(converted, engine.readRequest(expected, { payment: normalizedPayment }), name);
        const asProvider = decide({ payment, paymentFormat: provider, request: text, requestFormat: provider, now });
        assert.deepEqual(asProvider, decide({ payment: normalizedPayment, request: expected, now }), name);
        requests += 1;
      } else {
        assert.deepEqual(readPayment(text, provider), readPayment(expected), name);
        assert.deepEqual(decide({ payment: text, paymentFormat: provider, now }), decide({ payment: expected, now }), name);
        payments += 1;
      }
    }
  }
  assert.ok(payments >= 50, `${payments} payment fixtures`);
  assert.ok(requests >= 10, `${requests} cancel-body fixtures`);
  assert.ok(refused >= 8, `${refused} refused fixtures`);
});

test('unreadable input throws InputError with the library message and its place', () => {
  assert.throws(
    () => decide({ payment: 'provider: portone_v2\nmethod: crad\n', now: nextDay }),
    (error) => {
      assert.ok(error instanceof InputError);
      assert.ok(error instanceof RefundPolicyError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'InputError');
      assert.equal(error.kind, 'InputError');
      assert.equal(error.input, 'payment');
      assert.equal(error.message, '`method`: unknown value `crad` (did you mean `card`?) at line 2, column 9');
      assert.equal(error.help, 'did you mean `card`?');
      assert.equal(error.line, 2);
      assert.equal(error.column, 9);
      return true;
    },
  );
});

test('each argument fails with its own error class', () => {
  const base = { payment: mobile, now: nextDay };
  assert.throws(() => decide({ ...base, now: '2026-02-01T00:10:00' }), (e) => e instanceof InstantError && e.input === 'now');
  assert.throws(() => decide({ ...base, lang: 'ja' }), (e) => e instanceof UnknownLanguage && e.message === 'unknown language `ja`, expected `ko` or `en`');
  assert.throws(() => decide({ ...base, paymentFormat: 'portone' }), (e) => e instanceof UnknownFormat && e.input === 'payment_format');
  assert.throws(() => Engine.builtin().show('portone'), (e) => e instanceof UnknownProvider);
  assert.throws(
    () => decide({ ...base, merchant: { contracts: ['virtual_account_refnd'] } }),
    (e) => e instanceof InputError && e.input === 'merchant' && e.help === 'did you mean `virtual_account_refund`?',
  );
  assert.throws(
    () => decide({ ...base, request: { reason: 'x', amout: 1000 } }),
    (e) => e instanceof InputError && e.input === 'request' && e.message.includes('`amout`'),
  );
  assert.throws(() => new Engine({}), TypeError);
});

const broken = {
  name: 'mine.yaml',
  text: 'policy: mine\nprovider: bootpay\ntime_zone: Asia/Seol\nsources: {}\nprovider_errors: {}\nmethods: { crad: {} }\n',
};

test('custom policies that do not load throw LoadError with every problem', () => {
  assert.throws(
    () => Engine.fromPolicies([broken]),
    (error) => {
      assert.ok(error instanceof LoadError);
      assert.equal(error.problems[0].text, 'mine.yaml:3:12: `time_zone`: unknown time zone `Asia/Seol` (did you mean `Asia/Seoul`?)');
      assert.ok(error.problems.some((p) => p.text === 'mine.yaml:6:12: in `methods`: unknown value `crad` (did you mean `card`?)'));
      assert.equal(error.message, error.problems.map((p) => p.text).join('\n'));
      return true;
    },
  );
  const answer = validatePolicies([broken]);
  assert.equal(answer.ok, false);
  assert.deepEqual(answer.problems[0], { file: 'mine.yaml', line: 3, column: 12, message: '`time_zone`: unknown time zone `Asia/Seol`', help: 'did you mean `Asia/Seoul`?', text: 'mine.yaml:3:12: `time_zone`: unknown time zone `Asia/Seol` (did you mean `Asia/Seoul`?)' });
});

test('custom policies decide instead of the built-in ones', () => {
  const files = builtinPolicies();
  assert.deepEqual(files.map((f) => f.name), ['policies/portone-v2.yaml', 'policies/portone-v1.yaml', 'policies/bootpay.yaml', 'policies/toss-payments.yaml']);
  assert.deepEqual(validatePolicies(files), { ok: true, providers: ['portone_v2', 'portone_v1', 'bootpay', 'toss_payments'], problems: [] });
  const v2 = files.filter((f) => f.name.endsWith('portone-v2.yaml'));
  const engine = Engine.fromPolicies(v2);
  assert.deepEqual(engine.show().map((p) => p.provider), ['portone_v2']);
  const bootpay = { provider: 'bootpay', method: 'card', status: 'paid', amount: { total: 1000 }, paid_at: '2026-03-02T10:00:00+09:00' };
  assert.equal(engine.decide({ payment: bootpay, now: '2026-03-02T11:00:00+09:00' }).reasons[0].code, 'NO_POLICY');
  assert.equal(engine.decide({ payment: mobile, request: { reason: 'x' }, now: nextDay }).reasons[0].code, 'MONTH_CHANGED');
});

test('policies show gives the effective rules the engine decides with', () => {
  const [v2] = Engine.builtin().show('portone_v2');
  assert.equal(v2.provider, 'portone_v2');
  assert.equal(v2.time_zone, 'Asia/Seoul');
  const ksnetCard = v2.effective.find((g) => g.method === 'card' && g.pgs.length === 1 && g.pgs[0] === 'ksnet');
  assert.ok(ksnetCard.rules.some((r) => r.says === 'within 6 months'));
  assert.ok(Object.keys(v2.document.provider_errors).includes('MONTH_CHANGED'));
  assert.deepEqual(Engine.builtin().show().map((p) => p.provider), ['portone_v2', 'portone_v1', 'bootpay', 'toss_payments']);
  const contracts = Engine.builtin().contracts().map((c) => c.id);
  for (const id of ['virtual_account_refund', 'mobile_next_month_refund', 'partial_refund_service']) assert.ok(contracts.includes(id), id);
});

test('case files run through the package', () => {
  const text = readFileSync(new URL('examples/cases/portone-v2/card-deadline-day-after.yaml', root), 'utf8');
  const outcome = Engine.builtin().checkCase(text, { lang: 'en' });
  assert.equal(outcome.passed, true, outcome.mismatches.join('; '));
  const parts = readCase(text);
  assert.equal(parts.payment.method, 'card');
  assert.throws(() => readCase('name: x\n'), (e) => e instanceof InputError && e.input === 'case');
});
