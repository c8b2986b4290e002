import { base } from './base';
import { screens } from './screens';

export const en = { ...base, ...screens };
