import { defineConfig } from 'vitest/config';
import { shared } from './vitest.shared.js';

/**
 * vitest's default: every test file in a fresh module graph (isolate: true). No plugin, so the
 * markers are identity functions and the state plain module globals, evaluated again per file.
 */
export default defineConfig(shared);
