import http from 'node:http';
import { createVnet, vnet0, vnets, withVnet, type Vnet } from '@vimage/runtime';
import { handle, type Reply } from './app.js';
import { configure, type TenantConfig } from './config.js';

/** The tenants and their plans. initech is on the free plan: a small bucket, a slow refill. */
const TENANTS: Record<string, Partial<TenantConfig>> = {
  acme: {},
  globex: {},
  umbrella: { cacheSize: 4 },
  initech: { burst: 20, perSecond: 5, cacheSize: 16 },
};

/**
 * Built with VIMAGE (build.mjs sets __VIMAGE__), each tenant gets a vnet: a whole copy of the
 * stack's module state, configured for it. Built without, the program is the single-tenant
 * server it was before: every tenant is served by the one stack in vnet0, and createVnet is
 * never called (the branch is gone from the bundle).
 */
const stacks = new Map<string, Vnet>();
for (const [name, plan] of Object.entries(TENANTS)) {
  if (__VIMAGE__) {
    const vnet = createVnet(name);
    withVnet(vnet, () => configure({ name, ...plan }));
    stacks.set(name, vnet);
  } else stacks.set(name, vnet0);
}

async function route(url: string): Promise<Reply> {
  if (url === '/healthz')
    return { status: 200, body: { vimage: __VIMAGE__, tenants: Object.keys(TENANTS) } };
  // The tenant is the path prefix: /t/<tenant>/<path inside the tenant's app>.
  const m = /^\/t\/(\w+)(\/.*)$/.exec(url);
  const vnet = m && stacks.get(m[1]!);
  if (!vnet) return { status: 404, body: { error: `no tenant in ${url}` } };
  return withVnet(vnet, () => handle(m[2]!));
}

const server = http.createServer(async (req, res) => {
  let reply: Reply;
  try {
    reply = await route(req.url ?? '/');
  } catch (error) {
    reply = { status: 500, body: { error: String(error) } };
  }
  res
    .writeHead(reply.status, { 'content-type': 'application/json' })
    .end(JSON.stringify(reply.body));
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(
    `listening on http://127.0.0.1:${port} (VIMAGE ${__VIMAGE__ ? `on: ${vnets().length - 1} tenant vnets` : 'off: one shared stack'})`,
  );
});

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  // Like jail removal: each tenant's VNET_SYSUNINITs would run here.
  for (const vnet of new Set(stacks.values())) if (vnet !== vnet0) vnet.destroy();
});
