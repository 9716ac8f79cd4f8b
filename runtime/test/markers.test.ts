import { describe, expect, it } from 'vitest';
import {
  createVnet,
  curvnet,
  VimageOffError,
  vnet,
  VNET_DEFINE,
  VNET_SYSINIT,
  VNET_SYSUNINIT,
  vnet0,
  withVnet,
} from '../src/index.js';

// This file runs as a program that no build plugin processed: the markers are as written.
let counter = VNET_DEFINE(0);
const table = VNET_DEFINE(new Map<string, number>());
class Tcp {
  @vnet static sendspace = 32768;
}
const booted: string[] = [];
VNET_SYSINIT(() => booted.push(curvnet().name), 10);
VNET_SYSUNINIT(() => booted.push('never'));

describe('markers with no build step', () => {
  it('are identity functions and no-op decorators: the globals are plain and type-check', () => {
    counter += 1;
    table.set('a', 1);
    Tcp.sendspace *= 2;
    expect(counter).toBe(1);
    expect(table.get('a')).toBe(1);
    expect(Tcp.sendspace).toBe(65536);
  });

  it('VNET_SYSINIT ran once, in vnet0, as a plain SYSINIT', () => {
    expect(booted).toEqual(['vnet0']);
  });

  it('createVnet says the program was built without VIMAGE and where a marker ran', () => {
    let error: VimageOffError | undefined;
    try {
      createVnet('x');
    } catch (e) {
      error = e as VimageOffError;
    }
    expect(error).toBeInstanceOf(VimageOffError);
    expect(error?.code).toBe('VIMAGE_OFF');
    expect(error?.message).toMatch(/built without VIMAGE/);
    expect(error?.message).toMatch(/markers\.test\.ts:\d+:\d+/);
  });

  it('withVnet(vnet0, fn) still works', () => {
    expect(withVnet(vnet0, () => curvnet())).toBe(vnet0);
  });
});
