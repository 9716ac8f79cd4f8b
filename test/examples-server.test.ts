import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repo } from './helpers/build.js';

/**
 * examples/multitenant-server as its README runs it, in --short mode: both builds of the
 * server take the same concurrent load on 127.0.0.1, and the load checks what each tenant got.
 */
it('multitenant-server --short: each tenant keeps its own state under load, and both builds serve every request', async () => {
  const dir = path.join(repo, 'examples/multitenant-server');
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [path.join(dir, 'run.mjs'), '--short'],
    { cwd: repo, timeout: 150_000 },
  );
  expect(stderr).toBe('');
  expect(stdout).not.toContain('FAIL');
  const [off, on] = stdout.split('VIMAGE on (a vnet per tenant)');
  // Both builds answered every request (200, or 429 from a rate limiter).
  expect(off).toMatch(/ok {3}every request answered 200 or 429: 700 ok/);
  expect(off).toMatch(
    /ok {3}one shared stack counted every tenant's requests: 700 requests counted/,
  );
  expect(on).toMatch(/ok {3}every request answered 200 or 429: \d+ ok, \d+ rate-limited/);
  expect(on).toMatch(
    /ok {3}each tenant's counters are its own requests: acme (\d+)\/\1, globex (\d+)\/\2, umbrella (\d+)\/\3, initech (\d+)\/\4/,
  );
  expect(on).toMatch(/ok {3}each tenant's rate limit decided on its own bucket: acme 0 limited/);
  expect(on).toMatch(/ok {3}no cross-tenant cache hits: 0 foreign/);
  expect(stdout).toMatch(/VIMAGE off +[1-9]\d* requests\/s\n +VIMAGE on +[1-9]\d* requests\/s/);
  expect(stdout).toContain('isolation held: yes');
  // The single-tenant build decided its mode at build time: createVnet is not even in it.
  expect(await readFile(path.join(dir, 'dist/off/server.mjs'), 'utf8')).not.toMatch(
    /function createVnet\(/,
  );
}, 180_000);
