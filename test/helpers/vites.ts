import * as vite8 from 'vite';
import * as vite7 from 'vite7';

/**
 * The vite majors the plugin supports, each a real install: `vite` is the current major, `vite7`
 * an npm alias of the previous one (package.json). vite 7 bundles with rollup, vite 8 with
 * rolldown; the tests that build or serve through vite run on both. One type for both: the
 * calls the tests make have the same shape in each.
 */
export interface Vite {
  major: number;
  build: typeof vite8.build;
  createServer: typeof vite8.createServer;
  createServerModuleRunner: typeof vite8.createServerModuleRunner;
}

export const vites: Vite[] = [vite8, vite7 as unknown as typeof vite8].map((v) => ({
  major: Number(v.version.split('.')[0]),
  build: v.build,
  createServer: v.createServer,
  createServerModuleRunner: v.createServerModuleRunner,
}));
