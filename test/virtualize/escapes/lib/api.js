import { opts } from './state.js';
import * as state from './state.js';

export function api() {
  return opts.lang;
}
api.opts = opts;
api.current = state.opts;
api.lang = opts.lang;
