// A plain server file, not built by the plugin: it imports the tenant library's bundle and awaits
// inside withVnet before calling into it, as a hand-written SSR server does.
//   node driver.mjs <bundle> vnet0                  every kind in vnet0 (compared with the VIMAGE-off build)
//   node driver.mjs <bundle> tenants <count> <seed> random interleavings of every kind across <count> vnets
//   node driver.mjs <bundle> destroyed              listeners and streams of a destroyed vnet
const [bundle, mode, count = '200', seed = '1'] = process.argv.slice(2);
const lib = await import(bundle);
const rt = await import('@vimage/runtime');
const kinds = Object.keys(lib.kinds);

// The listeners waited on are fired from vnet0, outside every withVnet, until the run is over.
function fireListeners(names) {
  const timer = setInterval(() => {
    for (const name of names) {
      lib.bus.emit(`go:${name}`);
      lib.target.dispatchEvent(new Event(`go:${name}`));
    }
  }, 2);
  return () => clearInterval(timer);
}

async function step(kind, tag) {
  await new Promise((r) => setTimeout(r, 0)); // plain code awaiting before it calls into the bundle
  await lib.kinds[kind](tag);
  lib.record(`${tag}.after`); // plain code resuming after the bundle's promise
}

function random(s) {
  let x = Number(s) >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
}

if (mode === 'vnet0') {
  const stop = fireListeners(['vnet0']);
  for (const kind of kinds) await step(kind, kind);
  stop();
  const revived = (0, eval)(`(${lib.sumLater.toString()})`);
  console.log(`${lib.snapshot()}\nsumLater revived: ${await revived([1, 2, 3])}`);
} else if (mode === 'tenants') {
  const next = random(seed);
  const tenants = Array.from({ length: Number(count) }, (_, i) => rt.createVnet(`t${i}`));
  const plans = tenants.map(() => Array.from({ length: 4 }, () => kinds[Math.floor(next() * kinds.length)]));
  const stop = fireListeners(['vnet0', ...tenants.map((t) => t.name)]);
  const results = await Promise.all(
    tenants.map((t, i) =>
      rt.withVnet(t, async () => {
        for (const [j, kind] of plans[i].entries()) await step(kind, `${t.name}.${j}.${kind}`);
        return lib.snapshot();
      }),
    ),
  );
  stop();
  const wrong = [];
  tenants.forEach((t, i) => {
    const mine = plans[i].flatMap((kind, j) => {
      const tag = `${t.name}.${j}.${kind}`;
      return [...(kind === 'thenable' ? [`${tag}.then`] : []), ...(kind === 'stream' ? [`${tag}.finish`] : []), tag, `${tag}.after`];
    });
    const seen = t.get('main.ts#log');
    if (results[i] !== `${seen.length} ${seen.join(',')}` || [...seen].sort().join() !== [...mine].sort().join()) wrong.push(`${t.name}: ${results[i]}`);
  });
  const where = rt.curvnet().name;
  // Outside every withVnet, a callback is in vnet0: it writes vnet0's state, no tenant's.
  await Promise.resolve().then(() => lib.record('outside'));
  console.log(`tenants ${tenants.length}, kinds ${kinds.length}, wrong ${wrong.length}${wrong.length ? `: ${wrong.slice(0, 3).join(' | ')}` : ''}`);
  console.log(`after Promise.all: ${where}; vnet0 log: ${rt.vnet0.get('main.ts#log').join(',')}`);
} else if (mode === 'destroyed') {
  const warnings = [];
  process.on('warning', (w) => warnings.push(`${w.code}: ${w.message}`));
  process.on('uncaughtException', (e) => console.log(`uncaught: ${e.code ?? e.message}`));
  const [a, b] = [rt.createVnet('a'), rt.createVnet('b')];
  rt.withVnet(a, () => lib.bus.on('tick', () => lib.record('a-listener')));
  rt.withVnet(a, () => lib.target.addEventListener('tick', () => lib.record('a-target')));
  rt.withVnet(b, () => lib.bus.on('tick', () => lib.record('b-listener')));
  rt.withVnet(b, () => lib.target.addEventListener('tick', () => lib.record('b-target')));
  // A stream piped inside a's vnet, still open when a is destroyed (Node's own listeners run later).
  const { PassThrough } = await import('node:stream');
  const source = new PassThrough();
  const sink = new PassThrough();
  rt.withVnet(a, () => source.pipe(sink));
  a.destroy();
  let threw = 'no';
  try {
    rt.withVnet(b, () => {
      lib.bus.emit('tick');
      lib.target.dispatchEvent(new Event('tick'));
    });
  } catch (e) {
    threw = e.code ?? e.message;
  }
  source.end('x');
  sink.resume();
  await new Promise((r) => setTimeout(r, 20));
  console.log(`b's emit threw: ${threw}; b log: ${b.get('main.ts#log').join(',')}`);
  console.log(`listeners left on bus: ${lib.bus.listenerCount('tick')}`);
  console.log(`warnings: ${warnings.length} ${warnings.every((w) => w.startsWith('VIMAGE_VNET_DESTROYED')) ? 'VIMAGE_VNET_DESTROYED' : warnings.join(' | ')}`);
  let entered = 'no';
  try {
    rt.withVnet(a, () => 0);
  } catch (e) {
    entered = e.code;
  }
  console.log(`entering a: ${entered}`);
}
