/**
 * Every runtime error is a VimageError with a stable `code`; the subclasses let
 * callers `instanceof`-match one condition without parsing messages.
 */
export class VimageError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    (this as { [ERROR_BRAND]?: true })[ERROR_BRAND] = true;
  }

  /** An error thrown by another copy of the runtime in the process matches too, by class name. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` asks about (a subclass too), not VimageError.
    // biome-ignore lint/complexity/noThisInStatic: the receiver is the point
    // biome-ignore lint/complexity/noUselessThisAlias: the receiver is the point
    const asked: typeof VimageError = this;
    if (Function.prototype[Symbol.hasInstance].call(asked, value)) return true;
    const e = value as { [ERROR_BRAND]?: true; name?: string } | null;
    return (
      typeof e === 'object' &&
      e !== null &&
      e[ERROR_BRAND] === true &&
      (asked === VimageError || e.name === asked.name)
    );
  }
}

const ERROR_BRAND = Symbol.for('vimage.error');

/** Two copies of @vimage/runtime in one process whose ABIs differ: they cannot share one state. */
export class RuntimeConflictError extends VimageError {
  constructor(firstFrom: string, firstAbi: number, secondFrom: string, secondAbi: number) {
    super(
      'VIMAGE_RUNTIME_CONFLICT',
      'two copies of @vimage/runtime with different ABIs were loaded in one process: ' +
        `${firstFrom} (ABI ${firstAbi}) first, then ${secondFrom} (ABI ${secondAbi}). ` +
        'They cannot share vnets, so isolation would break. Install one version (npm dedupe, ' +
        'or align the versions in package.json) and rebuild the bundles that include the runtime.',
    );
  }
}

/** Entering, reading or writing through a vnet after `destroy()`. */
export class VnetDestroyedError extends VimageError {
  constructor(name: string, what: string) {
    super(
      'VIMAGE_VNET_DESTROYED',
      `vnet "${name}" was destroyed: cannot ${what}. Create a new vnet with createVnet().`,
    );
  }
}

/** `destroy()` on vnet0, which holds the program's own state. */
export class Vnet0DestroyError extends VimageError {
  constructor() {
    super(
      'VIMAGE_DESTROY_VNET0',
      'vnet0 cannot be destroyed: it is the default vnet the program booted in. ' +
        'Destroy the vnets made with createVnet() instead.',
    );
  }
}

/** `destroy()` on a vnet that is current, or in a withVnet (or its promise) not yet finished. */
export class VnetInUseError extends VimageError {
  constructor(name: string, why: string) {
    super(
      'VIMAGE_VNET_IN_USE',
      `vnet "${name}" is in use (${why}): destroy it after every withVnet() on it has returned ` +
        'and its promise has settled.',
    );
  }
}

/** `createVnet()` in a program whose virtualized globals were compiled without VIMAGE. */
export class VimageOffError extends VimageError {
  constructor(detail: string, what = 'createVnet()') {
    super(
      'VIMAGE_OFF',
      `${what}: this program was built without VIMAGE, so its virtualized globals are plain ` +
        `globals and a second vnet cannot hold its own copy (${detail}). ` +
        'Build it with the vimage plugin and the option `vimage: true`.',
    );
  }
}

/** `get`/`set` with a symbol no loaded module defines. */
export class UnknownSymbolError extends VimageError {
  readonly symbol: string;
  constructor(symbol: string, hint: string) {
    super(
      'VIMAGE_UNKNOWN_SYMBOL',
      `no virtualized global "${symbol}" is defined by a loaded module${hint}. ` +
        'Symbols look like "src/net/tcp.ts#tcp_sendspace" ' +
        "(module path relative to the project root, '#', name).",
    );
    this.symbol = symbol;
  }
}

/** A module's VIMAGE mode differs from the mode of the module defining a global it references. */
export class MixedBuildError extends VimageError {
  constructor(message: string) {
    super('VIMAGE_MIXED_BUILD', message);
  }
}

/**
 * A VNET_SYSINIT handler threw: while a new vnet was being constructed (the vnet was torn down and
 * not created), or while a module evaluated after vnets exist registered it (the module was
 * unloaded). `outcome` says which.
 */
export class SysinitError extends VimageError {
  /** The vnet the handler threw in. */
  readonly vnet: string;
  /** The module that registered the handler, when the build plugin passed it (VIMAGE on). */
  readonly module: string | undefined;
  constructor(
    vnetName: string,
    cause: unknown,
    module?: string,
    outcome = `while creating vnet "${vnetName}"; the vnet was torn down and not created`,
  ) {
    super(
      'VIMAGE_SYSINIT_FAILED',
      `a VNET_SYSINIT handler${of(module)} threw ${outcome}: ${messageOf(cause)}`,
      { cause },
    );
    this.vnet = vnetName;
    this.module = module;
  }
}

/**
 * A VNET_SYSUNINIT handler threw while a vnet was destroyed or a module unloaded. The others still
 * ran and the work finished (the vnet is dead, the module unloaded); `cause` is the first error.
 */
export class SysuninitError extends VimageError {
  readonly vnet: string;
  readonly module: string | undefined;
  /** `unloading`: the module a hot update (or a failed late load) unloaded; otherwise a destroy. */
  constructor(
    vnetName: string,
    cause: unknown,
    module: string | undefined,
    failures = 1,
    unloading?: string,
  ) {
    const more =
      failures > 1 ? ` (and ${failures - 1} more handler${failures > 2 ? 's' : ''})` : '';
    const during =
      unloading === undefined
        ? `while destroying it; the other handlers still ran and the vnet is destroyed`
        : `while unloading ${unloading}; the other handlers still ran and the module is unloaded`;
    super(
      'VIMAGE_SYSUNINIT_FAILED',
      `a VNET_SYSUNINIT handler${of(module)} threw in vnet "${vnetName}"${more} ${during}: ` +
        messageOf(cause),
      { cause },
    );
    this.vnet = vnetName;
    this.module = module;
  }
}

const of = (module: string | undefined) => (module === undefined ? '' : ` of ${module}`);
const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** A runtime API called with an argument of the wrong kind. */
export class VimageArgumentError extends VimageError {
  constructor(message: string) {
    super('VIMAGE_BAD_ARGUMENT', message);
  }
}

/** `@vimage/runtime/jest` loaded other than as jest-circus's setup file. */
export class JestRunnerError extends VimageError {
  constructor(message: string) {
    super('VIMAGE_JEST_RUNNER', message);
  }
}

/** `@vimage/runtime/vitest` on a vitest without aroundEach: a test not wrapped with inVnet. */
export class TestNotInVnetError extends VimageError {
  constructor(message: string) {
    super('VIMAGE_TEST_NOT_IN_VNET', message);
  }
}
