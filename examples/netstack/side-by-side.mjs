// What the demo prints: each jail's state with VIMAGE off beside VIMAGE on, an item that only
// one side has marked in place (- off only, + on only).

/** The program's report: per jail, its vnet and fields (`  key: a, b, c`); the other lines. */
export function parseReport(text) {
  const jails = [];
  const other = [];
  for (const line of text.trimEnd().split('\n')) {
    const jail = /^(\S+) \(vnet (\S+)\):$/.exec(line);
    const field = /^ {2}(\w+):\s+(.*)$/.exec(line);
    if (jail) jails.push({ name: jail[1], vnet: jail[2], fields: new Map() });
    else if (field && jails.length) {
      jails.at(-1).fields.set(field[1], field[2] === '-' ? [] : field[2].split(', '));
    } else other.push(line.trim());
  }
  return { jails, other };
}

/** One jail, off beside on: rows per field, one item a line, aligned by position. */
export function sideBySide(off, on) {
  const left = [`VIMAGE off: vnet ${off.vnet}`];
  const right = [`VIMAGE on: vnet ${on.vnet}`];
  const labels = [''];
  for (const key of new Set([...off.fields.keys(), ...on.fields.keys()])) {
    const a = off.fields.get(key) ?? [];
    const b = on.fields.get(key) ?? [];
    const rows = Math.max(a.length, b.length, 1);
    for (let i = 0; i < rows; i++) {
      labels.push(i === 0 ? key : '');
      left.push(cell(a, i, b, '-'));
      right.push(cell(b, i, a, '+'));
    }
  }
  const label = Math.max(...labels.map((l) => l.length));
  const width = Math.max(...left.map((l) => l.length));
  const line = (l, i) => `  ${l.padEnd(label)}  ${left[i].padEnd(width)} | ${right[i]}`.trimEnd();
  return labels.map(line).join('\n');
}

function cell(items, i, other, mark) {
  if (i >= items.length) return items.length || i ? '' : '  -';
  return `${other.includes(items[i]) ? ' ' : mark} ${items[i]}`;
}
