import { sessionCases } from '../cases/sessions.js';
import { load } from './modules.js';

sessionCases(load);
