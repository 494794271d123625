/**
 * Every sentence a person reads exists in English and Korean. A `Text` carries both; the
 * language is chosen once per process (flag, then LANG/LC_ALL, then English).
 */
export type Lang = 'en' | 'ko';
export interface Text { en: string; ko: string }

export const LANGS: readonly Lang[] = ['en', 'ko'];

/** `--lang` wins; otherwise a Korean locale in LC_ALL or LANG; otherwise English. */
export function detectLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'ko') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko/i.test(locale) ? 'ko' : 'en';
}

/** A sentence in both languages. */
export function text(en: string, ko: string): Text {
  return { en, ko };
}

/** Fills `{name}` placeholders; a Text value fills each language with its own words. */
export function fill(t: Text, vars: Record<string, string | number | Text>): Text {
  const sub = (s: string, lang: Lang) =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = vars[k];
      if (v === undefined) return m;
      return typeof v === 'object' ? v[lang] : String(v);
    });
  return { en: sub(t.en, 'en'), ko: sub(t.ko, 'ko') };
}

export function pick(t: Text | string, lang: Lang): string {
  return typeof t === 'string' ? t : t[lang];
}
