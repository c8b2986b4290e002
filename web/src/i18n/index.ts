import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { publicMessages as zhPublic } from './zh-CN/public';

/** zh-CN is the source language; English is the translation behind the switch. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The words come in two halves per language: `public` (what the shop, donate, transparency, join
 * and checkout pages say) and `console` (everything else). Only zh-CN's public half ships with the
 * first script; the rest is fetched when needed, so a donor's phone never downloads the console's
 * words nor the other language's. Each loader is a separate chunk.
 */
export type Half = 'public' | 'console';
const LOADERS: Record<Language, Record<Half, () => Promise<Record<string, unknown>>>> = {
  'zh-CN': {
    public: async () => zhPublic,
    console: () => import('./zh-CN/console').then((m) => m.consoleMessages),
  },
  en: {
    public: () => import('./en/public').then((m) => m.publicMessages),
    console: () => import('./en/console').then((m) => m.consoleMessages),
  },
};

const STORAGE_KEY = 'bangfu.lang';
const loaded = new Set<string>(['zh-CN:public']);
/** the halves the app has asked for so far: a language switch loads the same halves of the new language */
const wanted = new Set<Half>(['public']);

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'zh-CN';
}

// dayjs follows the language in web/src/lib/dayjs-locale.ts, loaded with the code that shows dates
function applyToPage(lng: Language) {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
}

async function load(lng: Language, half: Half) {
  const id = `${lng}:${half}`;
  if (loaded.has(id)) return;
  const messages = await LOADERS[lng][half]();
  i18n.addResourceBundle(lng, 'translation', messages, true, false);
  loaded.add(id);
}

/**
 * A key the current language lacks: recorded on `window.__i18nMissing` (the public pages' browser
 * test fails on any), so a public page reading a console word shows up in `npm test`.
 */
function recordMissing(_lngs: readonly string[], _ns: string, key: string) {
  const w = window as unknown as { __i18nMissing?: string[] };
  (w.__i18nMissing ??= []).push(key);
}

const first = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhPublic } },
  partialBundledLanguages: true,
  lng: first,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  saveMissing: true,
  missingKeyHandler: recordMissing,
});

/** Resolves once the reader's language has its public half (at once for zh-CN): main.tsx renders after it. */
export const i18nReady: Promise<void> = load(first, 'public')
  .catch(() => undefined) // offline for the English half: zh-CN (the fallback) still reads
  .then(() => applyToPage(first));

/** The console's half of the words, in the current language: awaited before the console renders. */
export async function loadConsoleWords() {
  wanted.add('console');
  await load(i18n.language as Language, 'console');
}

export async function setLanguage(lng: Language) {
  await Promise.all([...wanted].map((half) => load(lng, half)));
  localStorage.setItem(STORAGE_KEY, lng);
  await i18n.changeLanguage(lng);
  applyToPage(lng);
}

export default i18n;
