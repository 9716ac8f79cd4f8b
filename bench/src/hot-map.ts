// Row 1 peer: the same state in a per-instance Map keyed by the global's symbol.
const K = 'src/hot.ts#counter';
export const store = new Map<string, number>([[K, 0]]);

function step(i: number): void {
  store.set(K, (store.get(K)! + (i & 7)) | 0);
}

export function hot(iterations: number): number {
  for (let i = 0; i < iterations; i++) {
    store.set(K, ((store.get(K)! ^ i) + 1) | 0);
    step(i);
  }
  return store.get(K)!;
}
