import { register } from '../node.js';

/**
 * `node --import @vimage/plugin/node/register main.mjs`: the hooks with the options in the
 * environment variable VIMAGE_OPTIONS, as JSON (`{"vimage":true,"virtualize":{...}}`).
 */
const text = process.env.VIMAGE_OPTIONS;
let options: object | undefined;
try {
  options = text ? (JSON.parse(text) as object) : undefined;
} catch {
  // Loaded on this path only: the transform (and TypeScript) stay in the hooks thread.
  const { TransformError, errors } = await import('@vimage/transform');
  const where = '@vimage/plugin/node/register (VIMAGE_OPTIONS, as JSON)';
  throw new TransformError(errors.optionsNotObject(where, JSON.stringify(text)));
}
register(options);
