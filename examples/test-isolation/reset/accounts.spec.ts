import { accountCases } from '../cases/accounts.js';
import { load } from './modules.js';

accountCases(load);
