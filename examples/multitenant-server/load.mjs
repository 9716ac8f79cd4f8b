// A bounded load against one server on 127.0.0.1: item requests spread over the tenants with
// at most `concurrency` in flight, then each tenant's /stats, then the isolation checks.
// On its own: node load.mjs <port> [requests] [concurrency]
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** Mostly acme and globex; initech (the free plan) gets 5% of the traffic. */
const WEIGHTS = { acme: 35, globex: 35, umbrella: 25, initech: 5 };
/** Keys are the same for every tenant: a shared cache would serve one tenant's row to another. */
const KEYS = 12;

function get(agent, port, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${path}`)));
    req.on('error', reject);
  });
}

/** A fixed pseudo-random sequence (xorshift), so both builds get the same requests. */
function* plan(n) {
  const tenants = Object.entries(WEIGHTS).flatMap(([t, w]) => Array(w).fill(t));
  let x = 2463534242;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  for (let i = 0; i < n; i++)
    yield { tenant: tenants[next() % tenants.length], key: `k${next() % KEYS}` };
}

/** `concurrency` workers pulling from one iterator: never more requests in flight than that. */
async function drive(items, concurrency, send) {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (const item of items) await send(item);
    }),
  );
}

export async function load(
  port,
  { requests = 4000, concurrency = 32, warmup = 500, timeLimitMs = 60_000 } = {},
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // Stops by itself whatever the server does: in-flight requests fail and the load throws.
  const deadline = setTimeout(() => agent.destroy(), timeLimitMs);
  try {
    const health = (await get(agent, port, '/healthz')).body;
    const owner = (tenant) => (health.vimage ? tenant : 'shared');
    const tally = Object.fromEntries(
      health.tenants.map((t) => [
        t,
        { sent: 0, ok: 0, limited: 0, wrongOwner: 0, missed: new Set(), hits: [] },
      ]),
    );
    const send = async ({ tenant, key }) => {
      const { status, body } = await get(agent, port, `/t/${tenant}/item/${key}`);
      const t = tally[tenant];
      t.sent++;
      if (status === 429) return void t.limited++;
      if (status !== 200)
        throw new Error(`/t/${tenant}/item/${key}: ${status} ${JSON.stringify(body)}`);
      t.ok++;
      if (body.hit) t.hits.push(key);
      else t.missed.add(key);
      if (body.tenant !== owner(tenant) || body.row.owner !== owner(tenant)) t.wrongOwner++;
    };
    const started = performance.now();
    await drive(plan(warmup), concurrency, send); // JIT and sockets warm; counted in the checks too
    const timedFrom = performance.now();
    await drive(plan(requests), concurrency, send);
    const ms = performance.now() - timedFrom;
    const elapsedS = (performance.now() - started) / 1000;
    const stats = Object.fromEntries(
      await Promise.all(
        health.tenants.map(async (t) => [t, (await get(agent, port, `/t/${t}/stats`)).body]),
      ),
    );
    return {
      vimage: health.vimage,
      requests,
      concurrency,
      ms,
      rps: requests / (ms / 1000),
      checks: check(health.vimage, tally, stats, elapsedS),
      tally,
    };
  } finally {
    clearTimeout(deadline);
    agent.destroy();
  }
}

/**
 * What the client saw against what each tenant's stack counted. With VIMAGE on every tenant's
 * numbers must be its own; with it off there is one stack, and its numbers are everyone's.
 */
function check(vimage, tally, stats, elapsedS) {
  const tenants = Object.keys(tally);
  const sum = (f) => tenants.reduce((n, t) => n + f(tally[t]), 0);
  // A hit on a key this tenant never fetched itself came from someone else's cache entry.
  const foreignHits = sum((t) => t.hits.filter((k) => !t.missed.has(k)).length);
  const checks = [
    {
      name: 'every request answered 200 or 429',
      ok: true,
      detail: `${sum((t) => t.ok)} ok, ${sum((t) => t.limited)} rate-limited`,
    },
    {
      name: "every row came from the requesting tenant's store",
      ok: sum((t) => t.wrongOwner) === 0,
      detail: `${sum((t) => t.wrongOwner)} foreign rows`,
    },
  ];
  if (!vimage) {
    const s = stats[tenants[0]];
    checks.push({
      name: "one shared stack counted every tenant's requests",
      ok: s.requests === sum((t) => t.sent) && s.limited === sum((t) => t.limited),
      detail: `${s.requests} requests counted`,
    });
    checks.push({
      name: 'cross-tenant cache hits (expected with one shared cache)',
      ok: true,
      detail: `${foreignHits}`,
    });
    return checks;
  }
  const own = tenants.filter((t) => {
    const s = stats[t];
    return (
      s.tenant === t &&
      s.requests === tally[t].sent &&
      s.allowed === tally[t].ok &&
      s.limited === tally[t].limited &&
      s.hits + s.misses === s.allowed
    );
  });
  checks.push({
    name: "each tenant's counters are its own requests",
    ok: own.length === tenants.length,
    detail: tenants.map((t) => `${t} ${stats[t].requests}/${tally[t].sent}`).join(', '),
  });
  // A token bucket admits its burst, plus the refill over the run, and no more.
  const fair = tenants.filter((t) => {
    const { burst, perSecond } = stats[t].plan;
    const cap = burst + perSecond * elapsedS + 1;
    return tally[t].ok <= cap && tally[t].ok >= Math.min(burst, tally[t].sent);
  });
  checks.push({
    name: "each tenant's rate limit decided on its own bucket",
    ok: fair.length === tenants.length,
    detail: tenants.map((t) => `${t} ${tally[t].limited} limited`).join(', '),
  });
  checks.push({
    name: 'no cross-tenant cache hits',
    ok: foreignHits === 0,
    detail: `${foreignHits} foreign, ${sum((t) => t.hits.length)} own hits`,
  });
  return checks;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, requests = 4000, concurrency = 32] = process.argv.slice(2).map(Number);
  if (!port) throw new Error('usage: node load.mjs <port> [requests] [concurrency]');
  const r = await load(port, { requests, concurrency });
  for (const c of r.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  console.log(
    `${r.requests} requests, ${r.concurrency} in flight: ${Math.round(r.rps)} requests/s`,
  );
  process.exitCode = r.checks.every((c) => c.ok) ? 0 : 1;
}
