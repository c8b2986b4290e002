import { consoleMessages } from './console';
import { publicMessages } from './public';

/** The English translation, the same keys as zh-CN; loaded in halves at run time as zh-CN is. */
export const en = { ...publicMessages, ...consoleMessages };
