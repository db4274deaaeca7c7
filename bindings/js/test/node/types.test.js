// The TypeScript declarations (js/index.d.ts) describe what the package really exports and
// returns: every declared export exists and every export is declared, and decisions carry
// exactly the fields the `Decision` interface names.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../js/node.js';

const declarations = readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');
const root = fileURLToPath(new URL('../../../../', import.meta.url));

// The fields of an interface, with whether each is optional (`name?:`).
function fields(name) {
  const start = declarations.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} is declared`);
  const body = declarations.slice(start, declarations.indexOf('\n}', start));
  const found = new Map();
  for (const [, field, optional] of body.matchAll(/^ {2}(\w+)(\??):/gm)) found.set(field, optional === '?');
  return found;
}

test('the declared exports are the exports', () => {
  const declared = [...declarations.matchAll(/^export (?:class|function|const) (\w+)/gm)].map(([, name]) => name).sort();
  assert.deepEqual(declared, Object.keys(pkg).sort());
});

test('decisions have the fields the Decision interface declares', () => {
  const declared = fields('Decision');
  const reason = fields('Reason');
  const cases = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? cases(join(dir, n)) : [join(dir, n)]));
  const seen = new Set();
  for (const file of cases(join(root, 'examples/cases'))) {
    const parts = pkg.readCase(readFileSync(file, 'utf8'));
    const decision = pkg.decide({ payment: parts.payment, request: parts.request, merchant: parts.merchant, now: parts.now });
    for (const key of Object.keys(decision)) {
      assert.ok(declared.has(key), `${file}: \`${key}\` is not declared in Decision`);
      seen.add(key);
    }
    for (const [key, optional] of declared) if (!optional) assert.ok(key in decision, `${file}: \`${key}\` is missing`);
    for (const r of decision.reasons) for (const key of Object.keys(r)) assert.ok(reason.has(key), `Reason lacks \`${key}\``);
  }
  // Every declared field shows up in some example decision.
  assert.deepEqual([...declared.keys()].filter((k) => !seen.has(k)), []);
});
