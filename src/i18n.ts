/**
 * Every sentence a person reads exists in English and Korean. A `Text` carries both; the
 * language is chosen once per process (flag, then LANG/LC_ALL, then English).
 *
 * Korean particles depend on the word before them (`서버가`, `포트를`, `8080과`): a Korean
 * sentence writes both forms, `{file}이(가)`, and the particle is chosen (by the `josa`
 * library, which also reads digits and Latin letters as Korean does) once the word is known.
 */
import { josa } from 'josa';
export type Lang = 'en' | 'ko';
export interface Text { en: string; ko: string }

export const LANGS: readonly Lang[] = ['en', 'ko'];

/** `--lang` wins; otherwise a Korean locale in LC_ALL or LANG; otherwise English. */
export function detectLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'ko') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko/i.test(locale) ? 'ko' : 'en';
}

/** Both forms as a sentence writes them → the form `josa` picks from the word before it. */
const PARTICLES: Record<string, string> = {
  '이(가)': '이',
  '가(이)': '이',
  '은(는)': '은',
  '는(은)': '은',
  '을(를)': '을',
  '를(을)': '을',
  '와(과)': '와',
  '과(와)': '와',
  '(으)로': '으로',
  '(이)라': '이?',
};
const PARTICLE = /(?<=[^\s{}(])(이\(가\)|가\(이\)|은\(는\)|는\(은\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(으\)로|\(이\)라)/g;

/** `server.ts이(가)` → `server.ts가`, `8080와(과)` → `8080과`; a `{placeholder}` waits for `fill`. */
export function withParticles(ko: string): string {
  if (!PARTICLE.test(ko)) return ko;
  PARTICLE.lastIndex = 0;
  // `(이)라` keeps its 라 after the picked part: `#{이?}` is 이 after a final consonant, else nothing.
  return josa(ko.replace(PARTICLE, (m) => (m === '(이)라' ? '#{이?}라' : `#{${PARTICLES[m]}}`)));
}

/** A sentence in both languages. */
export function text(en: string, ko: string): Text {
  return { en, ko: withParticles(ko) };
}

/** Fills `{name}` placeholders; a Text value fills each language with its own words. */
export function fill(t: Text, vars: Record<string, string | number | Text>): Text {
  const sub = (s: string, lang: Lang) =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = vars[k];
      if (v === undefined) return m;
      return typeof v === 'object' ? v[lang] : String(v);
    });
  return { en: sub(t.en, 'en'), ko: withParticles(sub(t.ko, 'ko')) };
}

export function pick(t: Text | string, lang: Lang): string {
  return typeof t === 'string' ? t : t[lang];
}
