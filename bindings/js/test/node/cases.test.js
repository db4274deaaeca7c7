// Every example case file, decided through the package, agrees with the native engine: the
// package's decision is exactly what `refund-policy decide` prints for the same inputs, in both
// languages, and it meets the case's expectations (checked here in JavaScript, independently of
// the engine's own case runner).
//
// The native command line comes from `cargo build -p refund-policy-cli` (ci.sh builds it);
// REFUND_POLICY_CLI names another binary.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Engine, decide, readCase } from '../../js/node.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = process.env.REFUND_POLICY_CLI ?? join(root, 'target/debug/refund-policy');
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'refund-policy-cases-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function caseFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return caseFiles(path);
      return /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

const files = caseFiles(join(root, 'examples/cases'));

// What the case expects, checked as contract §6 says: the verdict, each reason and note
// reported (none with allow), the refund amount.
function unmet(expect, decision) {
  const problems = [];
  const reasons = decision.reasons.map((r) => r.code);
  const notes = decision.notes.map((n) => n.code);
  if (decision.verdict !== expect.verdict) problems.push(`verdict ${decision.verdict}, expected ${expect.verdict}`);
  if (expect.verdict === 'allow' && reasons.length > 0) problems.push(`allow with reasons ${reasons}`);
  for (const code of expect.reasons ?? []) if (!reasons.includes(code)) problems.push(`reason ${code} missing (${reasons})`);
  for (const code of expect.notes ?? []) if (!notes.includes(code)) problems.push(`note ${code} missing (${notes})`);
  if (expect.refund_amount !== undefined && String(decision.refund.amount) !== String(expect.refund_amount)) {
    problems.push(`refund ${decision.refund.amount}, expected ${expect.refund_amount}`);
  }
  return problems;
}

// The native engine's answers for every case in one process per language, through the command
// line's batch mode: one JSON line per case in, one decision per line out, in order.
async function nativeBatch(cases, lang) {
  const input = join(scratch, `cases-${lang}.jsonl`);
  writeFileSync(
    input,
    cases.map((parts) => JSON.stringify({ payment: parts.payment, request: parts.request, merchant: parts.merchant, now: parts.now })).join('\n') + '\n',
  );
  const { stdout } = await run(cli, ['decide', '--batch', input, '--lang', lang], { maxBuffer: 256 * 1024 * 1024 });
  return stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
}

test('the example cases are there', () => {
  assert.ok(files.length >= 250, `${files.length} case files`);
  assert.ok(existsSync(cli), `no native command line at ${cli}: run \`cargo build -p refund-policy-cli\``);
});

test('every example case decided through the package meets its expectations', () => {
  const failures = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const parts = readCase(text);
    const decision = decide({ payment: parts.payment, request: parts.request, merchant: parts.merchant, now: parts.now });
    const problems = unmet(parts.expect, decision);
    const outcome = Engine.builtin().checkCase(text);
    if (outcome.passed !== (problems.length === 0)) problems.push(`the engine's case runner says passed=${outcome.passed}`);
    if (problems.length > 0) failures.push(`${file.slice(root.length)}: ${problems.join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('every example case decides exactly as the native engine, in Korean and English', async () => {
  const cases = files.map((file) => readCase(readFileSync(file, 'utf8')));
  const differences = [];
  for (const lang of ['ko', 'en']) {
    const theirs = await nativeBatch(cases, lang);
    assert.equal(theirs.length, cases.length, `the batch answered ${theirs.length} lines for ${cases.length} cases`);
    cases.forEach((parts, i) => {
      const ours = decide({ payment: parts.payment, request: parts.request, merchant: parts.merchant, now: parts.now, lang });
      try {
        assert.deepEqual(ours, theirs[i]);
      } catch (error) {
        differences.push(`${files[i].slice(root.length)} (${lang}): ${error.message.split('\n').slice(0, 12).join('\n')}`);
      }
    });
  }
  assert.deepEqual(differences, []);
});
