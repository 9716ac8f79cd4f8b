const m = await import('./state');
const calledOnNamespace = m.inc();
const { count } = await import('./state');
m.inc();
const later = await import('./state').then((mod) => mod.count);
const same = m === (await import('./state'));
console.log(JSON.stringify({ calledOnNamespace, member: m.count, count, later, same, keys: Object.keys(m) }));
