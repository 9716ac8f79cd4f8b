/**
 * The definition of module state (analyze/module-state.ts) on the corpus in test/state/fixtures/:
 * one folder per behaviour with input.<ext>, a one-line description.txt, and expected.json listing
 * `name reason line:column` (1-based; the first write or change) without and with `objects`. The
 * plugin's virtualize option and the codemod both use it; packages/cli/test/state-agreement.test.ts
 * checks that they agree on the same corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findModuleState, transform } from '../src/index.js';

const STATE_FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'state/fixtures');

function lineColumn(code: string, offset: number): string {
  const before = code.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('module state', () => {
  for (const name of fs.readdirSync(STATE_FIXTURES).sort()) {
    const dir = path.join(STATE_FIXTURES, name);
    const input = fs.readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const code = fs.readFileSync(path.join(dir, input), 'utf8');
    const description = fs.readFileSync(path.join(dir, 'description.txt'), 'utf8').trim();
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
      plain: string[];
      objects: string[];
    };
    const id = `/project/src/${name}/${input}`;
    it(`${name}: ${description}`, () => {
      for (const objects of [false, true]) {
        const found = findModuleState(code, id, { objects }).map(
          (s) => `${s.name} ${s.reason} ${lineColumn(code, s.at)}`,
        );
        expect(found, objects ? 'with objects' : 'without objects').toEqual(
          objects ? expected.objects : expected.plain,
        );
        // The virtualize option makes exactly these automatic.
        const auto =
          transform(code, id, { vimage: true, root: '/project', virtualize: { objects } })?.meta
            .defines ?? [];
        expect(auto.map((d) => d.name).sort()).toEqual(found.map((f) => f.split(' ')[0]).sort());
      }
    });
  }
});
