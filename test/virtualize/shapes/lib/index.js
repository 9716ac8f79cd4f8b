export * from './config.js';
export { Ids } from './counter';
