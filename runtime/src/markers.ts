import { state } from './state.js';
import { addHandler, registerSysinit, sysuninits } from './sysinit.js';

/** Any function: V8 cuts a captured stack at it. */
type AnyFunction = (...args: never[]) => unknown;

/**
 * Marks a module-level variable as virtualized: `export let n = VNET_DEFINE(32768)`.
 * The build plugin replaces the call; when it runs as written, no plugin processed the
 * module, so it returns its argument and remembers where, for createVnet()'s error.
 */
export function VNET_DEFINE<T>(value: T): T {
  noteRawMarker(VNET_DEFINE);
  return value;
}

/**
 * Marks a static class field as virtualized: `class Tcp { @vnet static sendspace = 32768 }`.
 * A standard (TC39) decorator; under `experimentalDecorators` it is a no-op too.
 */
export function vnet(value: undefined, context: ClassFieldDecoratorContext): void;
export function vnet(target: object, key: string | symbol): void;
export function vnet(_value: unknown, _context: unknown): void {
  noteRawMarker(vnet);
}

/**
 * Runs `fn` now in every live vnet (vnet0 first), and later in each new vnet, ascending
 * by `order` (lower first), registration order among equals. `module` is passed by the
 * build plugin (VIMAGE on) so a hot update can unload the module's handlers; leave it out.
 */
export function VNET_SYSINIT(fn: () => void, order = 0, module?: string): void {
  // Registering runs the constructor on every existing vnet (vnet_register_sysinit).
  registerSysinit(fn, order, module);
}

/**
 * Runs `fn` in each vnet being destroyed: descending by `order`, reverse registration order
 * among equals; also in every live vnet when its module is unloaded by a hot update.
 */
export function VNET_SYSUNINIT(fn: () => void, order = 0, module?: string): void {
  addHandler(sysuninits, fn, order, 'VNET_SYSUNINIT', module);
}

function noteRawMarker(marker: AnyFunction): void {
  if (state.rawMarkers.length >= 8) return;
  const holder: { stack?: string } = {};
  const capture = (Error as { captureStackTrace?: (o: object, f: AnyFunction) => void })
    .captureStackTrace;
  if (capture) capture(holder, marker);
  const frame = (holder.stack ?? '').split('\n').find((l) => /^\s+at /.test(l));
  state.rawMarkers.push(frame ? frame.trim().replace(/^at /, '') : `${marker.name} (unknown site)`);
}
