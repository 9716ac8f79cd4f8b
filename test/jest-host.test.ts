import { jestHost } from './helpers/jest.js';
import { describePrograms } from './helpers/programs.js';

// The programs under test/programs run by jest through @vimage/plugin/jest: in its CommonJS mode
// (the programs without top-level await) and its ESM mode (--experimental-vm-modules, all).
describePrograms(jestHost('cjs'));
describePrograms(jestHost('esm'));
