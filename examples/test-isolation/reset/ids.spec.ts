import { idCases } from '../cases/ids.js';
import { load } from './modules.js';

idCases(load);
