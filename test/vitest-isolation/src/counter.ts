import { vnet } from '@vimage/runtime';

export class Counter {
  @vnet static value = 100;
  static add(n: number): number {
    Counter.value += n;
    return Counter.value;
  }
}
