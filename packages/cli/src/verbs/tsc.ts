import { loadTools } from '../lazy.js';
import { display, plural } from '../output.js';
import type { Verb } from '../verb.js';

export const tsc: Verb = {
  name: 'tsc',
  summary:
    'Type-check and emit a project through the TypeScript API with the vimage transform (VIMAGE ' +
    'off unless --vimage).',
  usage: 'vimage tsc [-p <tsconfig>] [--vimage] [--json]',
  spec: {
    flags: {
      project: {
        type: 'string',
        short: 'p',
        value: '<tsconfig>',
        description: 'the tsconfig file, or a folder holding tsconfig.json (default: .)',
      },
      vimage: {
        type: 'boolean',
        description: 'build with VIMAGE on: accesses become lookups in the current vnet',
      },
    },
    positionals: { name: '', min: 0, max: 0 },
  },
  details: [
    "Like `tsc -p`: the tsconfig's outDir, module, target, declaration and noEmit options apply.",
    'Without --vimage the markers compile away (plain globals); with it every access of a ' +
      'virtualized global',
    'becomes a lookup in the current vnet. Declarations are emitted from the sources as written.',
    "Emits through @vimage/plugin/tsc (emitWithVimage); symbols are relative to the tsconfig's " +
      'folder.',
    'Exit status: 0; 1 when tsc reports errors or a module cannot be transformed (then nothing ' +
      'is emitted); 2 on bad usage.',
  ],
  examples: [
    'vimage tsc -p tsconfig.json',
    'vimage tsc -p packages/net --vimage',
    'vimage tsc -p . --json',
  ],
  async run(args, out) {
    const { emitProject, formatDiagnostics } = await loadTools();
    const vimage = args.flags.vimage === true;
    const r = emitProject((args.flags.project as string | undefined) ?? '.', vimage);
    const typeErrors = r.diagnostics.filter((d) => d.category === 'error').length;
    const failed = r.errors.length > 0 || typeErrors > 0;
    if (out.json) {
      const { raw: _raw, ...rest } = r;
      out.document(rest);
      return failed ? 1 : 0;
    }
    // tsc's format (vimage's errors and warnings are TS99001 among them), then what was written.
    if (r.raw.length) out.warn(formatDiagnostics(r.raw, out.color));
    const mode = vimage ? 'VIMAGE on' : 'VIMAGE off';
    if (r.errors.length) out.line(`nothing emitted: ${plural(r.errors.length, 'vimage error')}`);
    else if (!r.emitted.length) {
      const why = r.emitSkipped && typeErrors ? ': errors, and noEmitOnError is set' : '';
      out.line(`nothing emitted (${mode})${why}`);
    } else {
      out.line(`${display(r.configFile)}: emitted ${plural(r.emitted.length, 'file')} (${mode})`);
      for (const f of r.emitted) out.line(`  ${out.s.dim(display(f))}`);
    }
    if (typeErrors)
      out.warn(
        `vimage tsc: ${plural(typeErrors, 'error')} in the project of ${display(r.configFile)}`,
      );
    return failed ? 1 : 0;
  },
};
