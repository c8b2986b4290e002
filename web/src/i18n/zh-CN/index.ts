import { base } from './base';
import { screens } from './screens';

/** The source language: every other translation has exactly these keys. */
export const zhCN = { ...base, ...screens };
