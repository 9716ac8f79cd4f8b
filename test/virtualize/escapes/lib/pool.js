// A module-level instance of a class with #private fields: the runtime shares it between vnets.
class Pool {
  #taken = 0;
  take() {
    return ++this.#taken;
  }
}
const pool = new Pool();
export function take() {
  return pool.take();
}
