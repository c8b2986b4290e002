import { consoleMessages } from './console';
import { publicMessages } from './public';

/**
 * The source language: every other translation has exactly these keys. At run time the two halves
 * load separately (web/src/i18n/index.ts): public pages never download the console's words.
 */
export const zhCN = { ...publicMessages, ...consoleMessages };
