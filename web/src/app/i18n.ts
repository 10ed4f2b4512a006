// vue-i18n set-up: Vietnamese by default, the choice remembered in localStorage, and the
// Element Plus locale that matches it.
import { createI18n } from 'vue-i18n';
import { computed } from 'vue';
import vi from '@/locales/vi.json';
import zhCN from '@/locales/zh-CN.json';
import en from '@/locales/en.json';
import elVi from 'element-plus/es/locale/lang/vi';
import elZhCn from 'element-plus/es/locale/lang/zh-cn';
import elEn from 'element-plus/es/locale/lang/en';

export const LOCALES = ['vi', 'zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const STORAGE_KEY = 'servq.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage unavailable */
  }
  return 'vi';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { vi, 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l;
}

export const elementLocale = computed(() => {
  switch (i18n.global.locale.value) {
    case 'zh-CN':
      return elZhCn;
    case 'en':
      return elEn;
    default:
      return elVi;
  }
});
