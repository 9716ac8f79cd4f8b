import { virtualized } from './markers';

// Nothing here names a marker of the runtime: the import says what `virtualized` is.
export let hits = virtualized(0);
export function hit(): void {
  hits += 10;
}
