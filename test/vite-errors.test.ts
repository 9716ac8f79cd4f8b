import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  createServer,
  createServerModuleRunner,
  type ErrorPayload,
  type ViteDevServer,
} from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vimage from '@vimage/plugin/vite';
import { outRoot } from './helpers/build.js';
import { vites } from './helpers/vites.js';

/** A marker that is not the whole initializer, at line 4, column 17 (0-based, rollup's convention). */
const root = path.join(outRoot, 'vite-errors');
const file = path.join(root, 'bad.ts');
const BAD =
  "import { VNET_DEFINE } from '@vimage/runtime';\n\nexport let ok = VNET_DEFINE(1);\nexport let bad = VNET_DEFINE(2) + 1;\n";
const where = { file, line: 4, column: 17 };
const problem = /VNET_DEFINE\(\.\.\.\) must be the whole initializer .*\(fix: /;
const frameLine = '4: export let bad = VNET_DEFINE(2) + 1;';

beforeAll(async () => {
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await writeFile(file, BAD);
});

describe('bad input through vite', () => {
  it.each(vites)(
    "fails `vite $major build` with vite's plugin error: file, line, column and a code frame",
    async (vite) => {
      const thrown = await vite
        .build({
          root,
          configFile: false,
          logLevel: 'silent',
          plugins: [vimage({ vimage: true, root })],
          build: {
            ssr: file,
            outDir: path.join(root, 'dist'),
            rollupOptions: { external: ['@vimage/runtime'] },
          },
        })
        .then(
          () => undefined,
          (e: unknown) => e as Record<string, unknown>,
        );
      // vite 8 (rolldown) gathers the plugins' errors of a build into one.
      const errors = thrown?.errors as Record<string, unknown>[] | undefined;
      if (vite.major >= 8) expect(errors).toHaveLength(1);
      const error = errors?.[0] ?? thrown;
      expect(error).toMatchObject({
        plugin: 'vimage',
        pluginCode: 'VIMAGE_MARKER_NOT_INITIALIZER',
        id: file,
        loc: where,
      });
      expect(error?.message).toMatch(problem);
      expect(error?.frame).toContain(frameLine);
      // vite 8's one error, as an uncaught error is printed: the frame once, one position.
      if (vite.major < 8) return;
      const printed = inspect(thrown);
      expect(printed.split(frameLine).length - 1).toBe(1);
      expect(new Set(printed.match(/bad\.ts:\d+:\d+/g))).toEqual(new Set(['bad.ts:4:17']));
    },
  );

  describe('dev server', () => {
    let server: ViteDevServer;
    beforeAll(async () => {
      // A real port: in middleware mode vite leaves the response to the host app.
      server = await createServer({
        root,
        configFile: false,
        logLevel: 'silent',
        server: { host: '127.0.0.1', port: 0, watch: null },
        plugins: [vimage({ vimage: true, root })],
      });
      await server.listen();
    });
    afterAll(async () => {
      await server.close();
    });

    it('rejects SSR module loading with the error, its file, line, column and frame', async () => {
      const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
      const error = await runner.import('/bad.ts').then(
        () => undefined,
        (e: unknown) => e as Record<string, unknown>,
      );
      await runner.close();
      expect(error).toMatchObject({
        plugin: 'vimage',
        code: 'VIMAGE_MARKER_NOT_INITIALIZER',
        id: file,
        loc: where,
      });
      expect(error?.message).toMatch(problem);
      expect(error?.frame).toContain(frameLine);
    });

    it('sends a browser request for the module the error overlay, with the place and the frame', async () => {
      const sent: ErrorPayload[] = [];
      const hot = server.environments.client.hot;
      const send = hot.send.bind(hot);
      hot.send = ((payload: ErrorPayload) => {
        if (payload?.type === 'error') sent.push(payload);
        return send(payload as never);
      }) as typeof hot.send;
      const { port } = server.httpServer!.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/bad.ts`);
      hot.send = send as typeof hot.send;
      expect(res.status).toBe(500);
      // The page the browser gets mounts vite's ErrorOverlay with this payload; open clients get it over the socket.
      expect(await res.text()).toContain('ErrorOverlay');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.err).toMatchObject({ plugin: 'vimage', id: file, loc: where });
      expect(sent[0]!.err.message).toMatch(problem);
      expect(sent[0]!.err.frame).toContain(frameLine);
    });
  });
});
