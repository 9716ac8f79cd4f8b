// A TypeScript source with a class whose static field the module assigns.
export class Ids {
  static next = 1;
  static take(): number {
    return this.next++;
  }
}
