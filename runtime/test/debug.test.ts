import { describe, expect, it } from 'vitest';
import { createVnet, setVnetDebug, vnetDebugRecords, withVnet } from '../src/index.js';

describe('debug mode (VNET_DEBUG)', () => {
  it('reports a nested switch between two non-default vnets once per call site, and counts the rest', () => {
    const log: string[] = [];
    setVnetDebug(true, (m) => log.push(m));
    const a = createVnet('a');
    const b = createVnet('b');
    const enterB = () => withVnet(b, () => 1);
    for (let i = 0; i < 3; i++) withVnet(a, enterB);
    withVnet(a, () => withVnet(b, () => 2));
    // Entering a from vnet0 is not a recursion.
    withVnet(a, () => 3);
    setVnetDebug(false);
    withVnet(a, enterB);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(
      /nested withVnet from vnet "a" into vnet "b" at .*debug\.test\.ts:\d+:\d+/,
    );
    const records = vnetDebugRecords();
    expect(records.map((r) => r.count).sort()).toEqual([1, 3]);
    expect(records.every((r) => r.from === 'a' && r.to === 'b')).toBe(true);
    expect(records.every((r) => /debug\.test\.ts:\d+:\d+/.test(r.site))).toBe(true);
  });
});
