import { VNET_DEFINE } from '@vimage/runtime';
import { config } from './config.js';

/** Token bucket state. Starts full on first use after configure(). */
let tokens = VNET_DEFINE(-1);
let refilledAt = VNET_DEFINE(0);

/** Takes one token: false means "429, slow down". */
export function take(now = performance.now()): boolean {
  if (tokens < 0) tokens = config.burst;
  else tokens = Math.min(config.burst, tokens + ((now - refilledAt) / 1000) * config.perSecond);
  refilledAt = now;
  if (tokens < 1) return false;
  tokens -= 1;
  return true;
}
