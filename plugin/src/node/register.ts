import { TransformError, errors } from '@vimage/transform';
import { register } from '../node.js';

/**
 * `node --import @vimage/plugin/node/register main.mjs`: the hooks with the options in the
 * environment variable VIMAGE_OPTIONS, as JSON (`{"vimage":true,"virtualize":{...}}`).
 */
const WHERE = '@vimage/plugin/node/register (VIMAGE_OPTIONS, as JSON)';
const text = process.env.VIMAGE_OPTIONS;
let options: object | undefined;
try {
  options = text ? (JSON.parse(text) as object) : undefined;
} catch {
  throw new TransformError(errors.optionsNotObject(WHERE, JSON.stringify(text)));
}
register(options);
