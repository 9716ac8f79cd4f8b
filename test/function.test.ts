import { bundle } from './helpers/build.js';
import { describePrograms } from './helpers/programs.js';

// The programs under test/programs, bundled by real rollup with the plugin (test/helpers/programs.ts).
describePrograms({
  title: '',
  build: async (dir, vimage, asyncContext) => ({
    entry: (await bundle(dir, { vimage, asyncContext, tag: asyncContext })).entry,
  }),
});
