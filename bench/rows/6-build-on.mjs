// Row 6: rollup build of 1,000 generated modules (10% define virtualized globals, 30% import
// them) with the plugin, VIMAGE on / without the plugin. Row 7 reuses buildRow.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import vimage from '@vimage/plugin/rollup';
import { writeProject } from '../gen/project.mjs';
import { alternate, cpuTime, fmt, line, log, main, median, outDir, quick } from '../harness.mjs';

/**
 * Builds the project alternately with and without the plugin (rollup's defaults: no output
 * sourcemap; the plugin's defaults otherwise; @vimage/runtime bundled by node-resolve on both
 * sides), then runs both outputs once: they must print the same result.
 */
export async function buildRow(row, { markers, vimage: on, label, target }) {
  const count = quick ? 60 : 1000;
  label = label.replace('1,000', count.toLocaleString('en'));
  const dir = path.join(outDir, `project-${markers ? 'marked' : 'plain'}`);
  const entry = await writeProject(dir, { count, markers });
  const last = {};
  const build =
    (name, withPlugin, input = entry, root = dir) =>
    () =>
      cpuTime(async () => {
        // No transform cache: the row measures the transform, every build a first one.
        const plugin = vimage({ vimage: on, root, cache: false });
        const plugins = [...(withPlugin ? [plugin] : []), nodeResolve()];
        const bundle = await rollup({ input, plugins, onwarn: () => {} });
        last[name] = (await bundle.generate({ format: 'es' })).output[0].code;
        await bundle.close();
      });
  // Warm-up (rollup's and the plugin's code reaching optimized tiers) on a 100-module project,
  // which costs a tenth of a full build.
  if (!quick) {
    const warm = await writeProject(`${dir}-warm`, { count: 100, markers });
    for (const p of [true, false]) await build('warm', p, warm, `${dir}-warm`)();
  }
  const costs = await alternate(
    { plugin: build('plugin', true), none: build('none', false) },
    {
      rounds: quick ? 1 : 5,
      warmup: 0,
      onRound: (r, c) =>
        log(`row ${row} round ${r}: plugin ${fmt(c.plugin[r])} ms, none ${fmt(c.none[r])} ms`),
    },
  );
  const printed = {};
  for (const name of ['plugin', 'none']) {
    const code = last[name];
    const file = path.join(outDir, `project-${row}-${name}.mjs`);
    await writeFile(file, code);
    printed[name] = (await promisify(execFile)(process.execPath, [file])).stdout;
  }
  if (printed.plugin !== printed.none)
    throw new Error(`row ${row}: outputs differ: ${printed.plugin} vs ${printed.none}`);
  const rewritten = (last.plugin.match(/__vimage\.c\[/g) ?? []).length;
  if (on && !rewritten) throw new Error(`row ${row}: nothing was rewritten`);
  const ms = (k) => `${k} ${fmt(median(costs[k]) / 1000, ' s')}`;
  return [
    line(row, label, costs.plugin, costs.none, {
      target,
      detail: `${ms('plugin')}, ${ms('none')} cpu, ${count} modules${on ? `, ${rewritten} accesses rewritten` : ''}`,
    }),
  ];
}

export const run = () =>
  buildRow(6, {
    markers: true,
    vimage: true,
    label: 'rollup build, 1,000 modules: plugin (VIMAGE on) / none',
    target: { max: 1.25 },
  });

await main(import.meta.url, run);
