import { flagCases } from '../cases/flags.js';
import { load } from './modules.js';

flagCases(load);
