import { defineConfig } from 'vitest/config';
import { shared } from './vitest.shared.js';

/**
 * The leaky floor: module isolation off and no vnets. The modules are evaluated once per
 * worker and every test file sees what the files before it left: tests fail.
 */
export default defineConfig({ ...shared, test: { ...shared.test, isolate: false } });
