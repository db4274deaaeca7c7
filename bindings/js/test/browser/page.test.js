// The operator page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): it loads a provider payload, shows the payment, what can be refunded of it
// now (the options, with the expected completion date) and the decision with every reason, and
// switches language. What it shows is compared with the package's own options and decision in
// Node.js for the same inputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { decide, options } from '../../js/node.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

// A static server for the package directory, on 127.0.0.1 only, as any web server would serve it.
function serve() {
  const server = createServer((request, response) => {
    const path = normalize(join(packageDir, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    if (!path.startsWith(packageDir) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    response.end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server;
let context;
let page;
let profile;
const pageErrors = [];

before(async () => {
  server = await serve();
  profile = mkdtempSync(join(tmpdir(), 'refund-policy-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const { port } = server.address();
  await page.goto(`http://127.0.0.1:${port}/page/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const payload = readFileSync(join(root, 'tests/fixtures/portone_v2/virtual-account-paid.json'), 'utf8');
const now = '2026-03-20T10:00:00+09:00';

async function texts(selector) {
  return page.locator(selector).allTextContents();
}

test('a PortOne V2 payload shows the payment as read and the decision with every reason', async () => {
  await page.click('#lang-ko');
  await page.fill('#now', now);
  await page.fill('#payment', payload);
  await page.waitForSelector('#decision-body:not([hidden])');

  assert.match(await page.textContent('#payment-detected'), /PortOne V2/);
  assert.equal(await page.textContent('[data-fact="provider"]'), 'portone_v2');
  assert.equal(await page.textContent('[data-fact="method"]'), 'virtual_account');

  // The request form starts from the options: the largest amount.
  const offered = options({ payment: payload, paymentFormat: 'portone_v2', now, lang: 'ko' });
  assert.equal(await page.inputValue('input[name="amount"]'), String(offered.max_amount));
  const expected = decide({ payment: payload, paymentFormat: 'portone_v2', request: { amount: String(offered.max_amount) }, merchant: { contracts: [] }, now, lang: 'ko' });
  assert.equal(expected.verdict, 'deny');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'deny');
  assert.equal(await page.textContent('#verdict'), '환불 불가');
  const codes = await page.locator('#reasons > li').evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.deepEqual(codes, expected.reasons.map((r) => r.code));
  assert.ok(codes.includes('REFUND_ACCOUNT_REQUIRED'), String(codes));
  assert.deepEqual(await texts('#reasons .message'), expected.reasons.map((r) => r.message));
  assert.deepEqual(await texts('#notes .message'), expected.notes.map((n) => n.message));
  // The provider's own error is on each reason, the rule and details one click away.
  const firstError = expected.reasons.find((r) => r.provider_error)?.provider_error;
  if (firstError) assert.ok((await texts('#reasons .item-error code')).some((t) => t.startsWith(firstError.name)));
  assert.ok((await page.textContent('#decision-json')).includes(`"verdict": "deny"`));
});

test('the merchant contract and a refund account turn the decision into an allow, with its fee and processing days', async () => {
  await page.click('#lang-ko');
  await page.fill('#now', now);
  await page.fill('#payment', payload);
  await page.check('input[value="virtual_account_refund"]');
  await page.fill('input[name="reason"]', '고객 요청');
  await page.fill('input[name="bank"]', 'SHINHAN');
  await page.fill('input[name="number"]', '56211105948400');
  await page.fill('input[name="holder_name"]', '홍길동');
  await page.fill('input[name="holder_phone"]', '01012345678');
  const request = { amount: await page.inputValue('input[name="amount"]'), reason: '고객 요청', refund_account: { bank: 'SHINHAN', number: '56211105948400', holder_name: '홍길동', holder_phone: '01012345678' } };
  const expected = decide({ payment: payload, paymentFormat: 'portone_v2', request, merchant: { contracts: ['virtual_account_refund'] }, now, lang: 'ko' });
  await page.waitForSelector(`#verdict[data-verdict="${expected.verdict}"]`);
  assert.deepEqual(await page.locator('#reasons > li').evaluateAll((items) => items.map((li) => li.dataset.code)), expected.reasons.map((r) => r.code));
  if (expected.fee) assert.match(await page.textContent('[data-fact="fee"]'), new RegExp(`${expected.fee.currency} ${Number(expected.fee.amount).toLocaleString('ko-KR')}`));
  if (expected.processing_days) assert.match(await page.textContent('[data-fact="processing_days"]'), new RegExp(String(expected.processing_days.max)));
  if (expected.deadline) assert.match(await page.textContent('[data-fact="last_refundable_day"]'), new RegExp(expected.deadline.last_refundable_day));
  assert.ok(expected.fee || expected.processing_days, 'a virtual-account refund has a fee or processing days');
});

test('the options panel says what can be refunded now, with the expected completion date, above the decision', async () => {
  // The page still holds the payload, the contract and the refund account of the test before.
  const merchant = { contracts: ['virtual_account_refund'] };
  const expected = options({ payment: payload, paymentFormat: 'portone_v2', merchant, now, lang: 'ko' });
  const without = options({ payment: payload, paymentFormat: 'portone_v2', now, lang: 'ko' });
  await page.waitForSelector('#options-status[data-refundable="true"]');
  assert.equal(expected.refundable, true);
  assert.equal(await page.textContent('#options-status'), '지금 환불할 수 있습니다');
  assert.match(await page.textContent('[data-fact="max_amount"]'), new RegExp(Number(expected.max_amount).toLocaleString('ko-KR')));
  // The expected date is the engine's, from the business-day calendar.
  assert.ok(expected.processing?.expected_by, 'a virtual-account refund has an expected completion date');
  assert.match(await page.textContent('[data-fact="expected_by"]'), new RegExp(expected.processing.expected_by));
  const fields = await page.locator('#options-fields > li').evaluateAll((items) => items.map((li) => [li.dataset.field, li.classList.contains('needed')]));
  assert.deepEqual(fields, expected.fields.map((f) => [f.field, f.required]));
  for (const path of expected.required_fields.filter((f) => f.startsWith('refund_account.'))) {
    const name = { 'refund_account.number': 'number' }[path] ?? path.slice('refund_account.'.length);
    assert.equal(await page.getAttribute(`input[name="${name}"]`, 'required'), '', `${path} is marked required in the form`);
  }
  assert.deepEqual(JSON.parse(await page.textContent('#options-json')), expected);
  // The options sit above the decision.
  const [optionsTop, decisionTop] = await Promise.all(['#options', '#decision'].map((s) => page.locator(s).evaluate((node) => node.getBoundingClientRect().top)));
  assert.ok(optionsTop < decisionTop);

  // Without the contract nothing can be refunded: each blocking reason with its provider error.
  await page.uncheck('input[value="virtual_account_refund"]');
  await page.waitForSelector('#options-status[data-refundable="false"]');
  assert.equal(without.refundable, false);
  assert.deepEqual(await page.locator('#options-blocking > li').evaluateAll((items) => items.map((li) => li.dataset.code)), without.blocking.map((r) => r.code));
  assert.match(await page.textContent('[data-fact="missing_contracts"]'), /virtual_account_refund/);
  const blockingError = without.blocking.find((r) => r.provider_error)?.provider_error;
  if (blockingError) assert.ok((await texts('#options-blocking .item-error code')).some((text) => text.startsWith(blockingError.name)));
  await page.check('input[value="virtual_account_refund"]');
  await page.waitForSelector('#options-status[data-refundable="true"]');
});

test('switching to English shows the same decision in English', async () => {
  const koMessages = await texts('#reasons .message, #notes .message');
  await page.click('#lang-en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.textContent('h1'), 'Refund check');
  const verdict = await page.getAttribute('#verdict', 'data-verdict');
  assert.equal(await page.textContent('#verdict'), verdict === 'allow' ? 'Refund allowed' : 'Refund denied');
  assert.equal(await page.textContent('#options h2'), 'What can be refunded now');
  assert.doesNotMatch(await page.textContent('#options-status'), /[가-힣]/);
  const enMessages = await texts('#reasons .message, #notes .message');
  assert.equal(enMessages.length, koMessages.length);
  assert.ok(enMessages.length > 0);
  for (const message of enMessages) assert.doesNotMatch(message, /[가-힣]{2}/, message);
  await page.click('#lang-ko');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.deepEqual(await texts('#reasons .message, #notes .message'), koMessages);
});

test('an unreadable payload names the field instead of deciding', async () => {
  await page.fill('#payment', '{"provider": "portone_v2", "method": "crad", "status": "paid", "amount": {"total": 1000}}');
  await page.waitForSelector('#payment-error:not([hidden])');
  assert.match(await page.textContent('#payment-error'), /did you mean `card`/);
  assert.equal(await page.isHidden('#decision-body'), true);
});

test('the policies tab shows every policy and reports the problems of a broken one', async () => {
  await page.click('#tab-policies');
  const providers = await page.locator('#policy-tables .policy').evaluateAll((cards) => cards.map((c) => c.dataset.provider));
  assert.deepEqual(providers, ['portone_v2', 'portone_v1', 'bootpay', 'toss_payments']);
  await page.fill('#policy-name', 'mine.yaml');
  await page.fill('#policy-text', 'policy: mine\nprovider: bootpay\ntime_zone: Asia/Seol\nsources: {}\nprovider_errors: {}\nmethods: { crad: {} }\n');
  await page.click('#load-policies');
  await page.waitForSelector('#policy-problems li');
  const problems = (await texts('#policy-problems li')).join('\n');
  assert.match(problems, /mine\.yaml:3:12 `time_zone`: unknown time zone `Asia\/Seol`/);
  assert.match(problems, /mine\.yaml:6:12 in `methods`: unknown value `crad`/);
  assert.equal(await page.textContent('#policy-badge'), '기본 정책', 'policies with problems are not used');
  await page.click('#tab-check');
  assert.deepEqual(pageErrors, []);
});
