import path from 'node:path';
import { loadTools } from '../lazy.js';
import { display, plural } from '../output.js';
import type { Verb } from '../verb.js';

export const tsc: Verb = {
  name: 'tsc',
  summary: 'Type-check and emit a project through the TypeScript API with the vimage transform (VIMAGE off unless --vimage).',
  usage: 'vimage tsc [-p <tsconfig>] [--vimage] [--json]',
  spec: {
    flags: {
      project: { type: 'string', short: 'p', value: '<tsconfig>', description: 'the tsconfig file, or a folder holding tsconfig.json (default: .)' },
      vimage: { type: 'boolean', description: 'build with VIMAGE on: accesses become lookups in the current vnet' },
    },
    positionals: { name: '', min: 0, max: 0 },
  },
  details: [
    "Like `tsc -p`: the tsconfig's outDir, module, target, declaration and noEmit options apply.",
    'Without --vimage the markers compile away (plain globals); with it every access of a virtualized global',
    'becomes a lookup in the current vnet. Declarations are emitted from the sources as written.',
    'Exit status: 0; 1 when tsc reports errors or a module cannot be transformed (then nothing is emitted); 2 on bad usage.',
  ],
  examples: ['vimage tsc -p tsconfig.json', 'vimage tsc -p packages/net --vimage', 'vimage tsc -p . --json'],
  async run(args, out) {
    const { emitProject, formatDiagnostics } = await loadTools();
    const vimage = args.flags.vimage === true;
    const r = emitProject((args.flags.project as string | undefined) ?? '.', vimage);
    const failed = r.errors.length > 0 || r.diagnostics.some((d) => d.category === 'error');
    if (out.json) {
      const { raw: _raw, ...rest } = r;
      out.document(rest);
      return failed ? 1 : 0;
    }
    if (r.raw.length) out.warn(formatDiagnostics(r.raw, out.color));
    for (const e of r.errors) out.warn(out.moduleError(e));
    const mode = vimage ? 'VIMAGE on' : 'VIMAGE off';
    if (r.errors.length) out.line(`nothing emitted: ${plural(r.errors.length, 'module')} could not be transformed`);
    else if (!r.emitted.length) out.line(`nothing emitted (${mode}): ${failed ? 'errors, and noEmitOnError is set' : 'noEmit is set'}`);
    else {
      out.line(`${display(r.configFile)}: emitted ${plural(r.emitted.length, 'file')} (${mode}), ${plural(r.transformed.length, 'module')} transformed`);
      for (const f of r.emitted) out.line(`  ${out.s.dim(display(f))}`);
    }
    if (failed) out.warn(`vimage tsc: ${plural(r.diagnostics.filter((d) => d.category === 'error').length, 'error')} in ${path.basename(r.configFile)}'s project`);
    return failed ? 1 : 0;
  },
};
