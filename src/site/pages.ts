/**
 * Which course files become pages of the site, and where each one lands. The site has the same
 * tree in both languages (English at the root, Korean under `ko/`), so that the language switch
 * keeps the reader on the same page: `X.md` and its twin `X.ko.md` share one path, and a
 * `README` is its folder's `index`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../i18n.ts';
import { listLessonNames } from '../lessons.ts';
import { COURSE_ROOT } from '../paths.ts';

export interface SourcePage {
  /** The course file, relative to the course root, with `/` separators. */
  file: string;
  lang: Lang;
  /** Where it is written in the VitePress source folder (`ko/lessons/…/index.md`). */
  page: string;
  /** The lesson folder name when this is a lesson's README. */
  lesson?: string;
}

/** `lessons/x/README.ko.md` → `lessons/x/index.md`, `docs/a.ko.md` → `docs/a.md` (without the locale). */
export function pathInLocale(file: string): string {
  const plain = file.replace(/\.ko\.md$/, '.md');
  return plain.replace(/(^|\/)README\.md$/, '$1index.md');
}

export function localePrefix(lang: Lang): string {
  return lang === 'ko' ? 'ko/' : '';
}

/** A pair of course files, English and Korean, as two pages. */
function twin(file: string, lesson?: string): SourcePage[] {
  const ko = file.replace(/\.md$/, '.ko.md');
  for (const f of [file, ko]) {
    if (!fs.existsSync(path.join(COURSE_ROOT, f))) throw new Error(`the site needs ${f}, and it is missing`);
  }
  return [
    { file, lang: 'en', page: pathInLocale(file), lesson },
    { file: ko, lang: 'ko', page: `ko/${pathInLocale(file)}`, lesson },
  ];
}

/** The course README, every lesson README and the source, in both languages. */
export function sourcePages(): SourcePage[] {
  const lessons = listLessonNames().flatMap((name) => twin(`lessons/${name}/README.md`, name));
  return [...twin('README.md'), ...lessons, ...twin('docs/source/socket-basics.md')];
}

/**
 * A course file shown as a page of its own (a link to `source/client.py`): same path, `.md`
 * added, and dot-folders renamed, since VitePress ignores them (`.checks` → `dot-checks`).
 */
export function filePagePath(file: string, lang: Lang): string {
  const visible = file
    .split('/')
    .map((part) => (part.startsWith('.') ? `dot-${part.slice(1)}` : part))
    .join('/');
  return `${localePrefix(lang)}${visible}.md`;
}

/** A course folder shown as a list of its files (a link to `source/`). */
export function folderPagePath(dir: string, lang: Lang): string {
  return filePagePath(`${dir.replace(/\/$/, '')}/index`, lang);
}

/** The relative link from one generated page to another (both paths in the source folder). */
export function relativeLink(fromPage: string, toPage: string, hash = ''): string {
  let rel = path.posix.relative(path.posix.dirname(fromPage), toPage);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return `${rel}${hash}`;
}
