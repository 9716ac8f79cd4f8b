// The test files import describe, it and expect from 'vitest'; under jest they are its globals.
// vitest's describe.concurrent becomes jest's it.concurrent for the tests it declares.
let concurrent = false;
const it = (...args) => (concurrent ? globalThis.it.concurrent : globalThis.it)(...args);
const describe = (...args) => globalThis.describe(...args);
describe.concurrent = (name, fn) =>
  globalThis.describe(name, () => {
    concurrent = true;
    try {
      fn();
    } finally {
      concurrent = false;
    }
  });
module.exports = { describe, it, expect: globalThis.expect };
