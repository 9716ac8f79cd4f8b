import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import vimageTransformer, { emitWithVimage } from '@vimage/plugin/tsc';

const out = path.resolve(fileURLToPath(import.meta.url), '../../../test/.out/plugin-tsc-version');

/** A project with its own `typescript` of the given version installed (its package.json is what is read). */
async function projectOn(version: string): Promise<string> {
  const dir = path.join(out, version);
  await rm(dir, { recursive: true, force: true });
  const files = {
    'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        module: 'esnext',
        target: 'ES2022',
        types: [],
        lib: ['ES2022'],
        outDir: 'dist',
      },
      include: ['src'],
    }),
    'src/main.ts': 'export const x: number = 1;\n',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe("the tsc route and the project's TypeScript", () => {
  it('refuses a project on TypeScript 7 with what to do, and writes nothing', async () => {
    const dir = await projectOn('7.0.2');
    expect(() => emitWithVimage({ project: dir, vimage: true })).toThrow(
      expect.objectContaining({
        code: 'VIMAGE_TYPESCRIPT_VERSION',
        message: expect.stringMatching(
          /^vimage tsc: this project uses TypeScript 7\.0\.2, whose native compiler has no transformer API/,
        ),
        hint: expect.stringMatching(
          /stay on TypeScript 6\.x for the tsc route .*or build with a bundler adapter/,
        ),
      }),
    );
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('emits for a project on TypeScript 6', async () => {
    const dir = await projectOn(ts.version);
    const result = emitWithVimage({ project: dir, vimage: true });
    expect(result.emitSkipped).toBe(false);
    expect(result.emittedFiles.some((f) => f.endsWith('main.js') && existsSync(f))).toBe(true);
  });

  it('refuses, as a ts-patch transformer, a TypeScript other than 6', () => {
    const program = ts.createProgram({ rootNames: [], options: {} });
    expect(() =>
      vimageTransformer(program, { vimage: true }, { ts: { version: '5.9.3' } }),
    ).toThrow(
      /@vimage\/plugin\/tsc: this project uses TypeScript 5\.9\.3; the tsc route compiles with TypeScript 6/,
    );
    expect(typeof vimageTransformer(program, { vimage: true }, { ts })).toBe('function');
  });
});
