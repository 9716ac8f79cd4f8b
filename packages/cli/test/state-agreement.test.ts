/**
 * The codemod (`vimage virtualize --objects`) and the plugin (`virtualize: { objects }`) find the same
 * module state on the same inputs: the transform's state corpus, and the codemod's own fixture.
 * What the codemod cannot mark (destructuring, a redeclared var, a declaration inside a block, a
 * static field) it reports as skipped, by name: it still counts as found.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { transform } from '@vimage/transform';
import { virtualizeFiles } from '../src/codemod/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.join(here, '../../transform/test/state/fixtures');
const inputs = [
  ...fs
    .readdirSync(corpus)
    .map((d) =>
      path.join(
        corpus,
        d,
        fs.readdirSync(path.join(corpus, d)).find((f) => f.startsWith('input.'))!,
      ),
    ),
  ...['counter.ts', 'greeting.ts', 'ticks.js'].map((f) =>
    path.join(here, 'fixtures/legacy/src', f),
  ),
];

describe('the codemod and the plugin agree on what module state is', () => {
  for (const file of inputs) {
    it(path.relative(path.join(here, '../..'), file), () => {
      for (const objects of [false, true]) {
        const { reports, errors } = virtualizeFiles([file], objects);
        expect(errors).toEqual([]);
        const report = reports[0]!;
        const codemod = [...report.marked.map((m) => m.name), ...report.skipped.map((s) => s.name)];
        const code = fs.readFileSync(file, 'utf8');
        const plugin =
          transform(code, file, { vimage: true, root: path.dirname(file), virtualize: { objects } })
            ?.meta.defines ?? [];
        const auto = plugin.filter((d) => d.form === 'auto').map((d) => d.name);
        expect(codemod.sort(), objects ? 'with objects' : 'without objects').toEqual(auto.sort());
      }
    });
  }
});
