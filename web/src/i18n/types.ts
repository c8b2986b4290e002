import type { zhCN } from './zh-CN';

/** Every translation has exactly the source's keys. */
export type Messages<T = typeof zhCN> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
