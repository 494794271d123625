/**
 * Lays the course's own files out as a VitePress source folder: every README in both languages
 * (links rewritten to the site's pages, Python and Java side by side in tabs), each lesson page
 * with its card, its recorded runs and its hints, and pages for the files the READMEs link to.
 * Nothing here is written by hand: delete the folder and the next build makes it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mapWithConcurrency } from '../concurrency.ts';
import { LANGS, type Lang } from '../i18n.ts';
import { listLessonNames, loadLesson, type Lesson } from '../lessons.ts';
import { COURSE_ROOT } from '../paths.ts';
import { codeTabs } from './code-tabs.ts';
import { filePage, folderFiles, folderPage } from './file-pages.ts';
import { besideExchange, hintsSection, insertAfterIntro, lessonCard, recordedRunsSection, sourceSection } from './lesson-page.ts';
import { rewriteLinks, type LinkContext } from './links.ts';
import { navigation, type LocaleNavigation } from './navigation.ts';
import { filePagePath, folderPagePath, sourcePages, type SourcePage } from './pages.ts';
import { recordedRun, type RecordedRun } from './runs.ts';

export interface GenerateOptions {
  /** The VitePress source folder to fill (emptied first). */
  srcDir: string;
  /** Where recorded runs are kept between builds. */
  runsDir: string;
  log?: (line: string) => void;
}

export interface SiteData {
  locales: Record<Lang, LocaleNavigation>;
}

export class DeadLinks extends Error {
  constructor(readonly links: string[]) {
    super(`${links.length} dead link(s) in the course's Markdown:\n${links.map((l) => `  ${l}`).join('\n')}`);
    this.name = 'DeadLinks';
  }
}

function write(srcDir: string, page: string, body: string): void {
  const file = path.join(srcDir, page);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
}

/** Lessons recorded at once: their scenarios mostly wait on sockets (16 one after another took minutes). */
const RECORD_AT_ONCE = 3;

/** The reference solutions' runs, a few lessons at once (each runs its own checks two at a time). */
async function recordAll(lessons: Lesson[], o: GenerateOptions): Promise<Map<string, RecordedRun>> {
  const recorded = await mapWithConcurrency(lessons, RECORD_AT_ONCE, async (lesson) => {
    const started = Date.now();
    const { run, cached } = await recordedRun(lesson, o.runsDir);
    o.log?.(`${lesson.name}: ${cached ? 'recorded run reused' : `ran the reference solution (${((Date.now() - started) / 1000).toFixed(1)} s)`}`);
    return run;
  });
  return new Map(lessons.map((l, i) => [l.name, recorded[i]!]));
}

function lessonPage(readme: string, lesson: Lesson, run: RecordedRun, ctx: LinkContext): string {
  const lang = ctx.page.lang;
  const body = codeTabs(rewriteLinks(insertAfterIntro(readme, lessonCard(lesson, lang)), ctx));
  const withPicture = besideExchange(body, run, lang);
  const source = rewriteLinks(sourceSection(lesson, lang), ctx);
  return [withPicture.trimEnd(), source, recordedRunsSection(lesson, run, lang), hintsSection(lesson, lang)].filter(Boolean).join('\n\n') + '\n';
}

function coursePage(readme: string, ctx: LinkContext): string {
  return codeTabs(rewriteLinks(readme, ctx));
}

/** Pages for the linked files and folders, until a folder's files add nothing new. */
function writeFilePages(srcDir: string, wanted: LinkContext['wanted'], lang: Lang): void {
  for (const dir of wanted.folders) {
    for (const f of folderFiles(dir)) wanted.files.add(f);
    write(srcDir, folderPagePath(dir, lang), folderPage(dir, lang));
  }
  for (const file of wanted.files) write(srcDir, filePagePath(file, lang), filePage(file, lang));
}

/** The site's icon (two sockets and a message between them): without one, every browser asks for /favicon.ico and logs a 404. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#3451b2"/><circle cx="8" cy="16" r="4" fill="#fff"/><circle cx="24" cy="16" r="4" fill="#fff"/><path d="M12 16h8" stroke="#fff" stroke-width="2.5"/></svg>\n`;

export async function generateSite(o: GenerateOptions): Promise<SiteData> {
  fs.rmSync(o.srcDir, { recursive: true, force: true });
  fs.mkdirSync(o.srcDir, { recursive: true });
  const lessons = listLessonNames().map(loadLesson);
  const runs = await recordAll(lessons, o);
  const pages = sourcePages();
  const byFile = new Map<string, SourcePage>(pages.map((p) => [p.file, p]));
  const deadLinks: string[] = [];
  for (const lang of LANGS) {
    const wanted = { files: new Set<string>(), folders: new Set<string>() };
    for (const page of pages.filter((p) => p.lang === lang)) {
      const ctx: LinkContext = { page, pages: byFile, wanted, deadLinks };
      const readme = fs.readFileSync(path.join(COURSE_ROOT, page.file), 'utf8');
      const lesson = lessons.find((l) => l.name === page.lesson);
      write(o.srcDir, page.page, lesson ? lessonPage(readme, lesson, runs.get(lesson.name)!, ctx) : coursePage(readme, ctx));
    }
    writeFilePages(o.srcDir, wanted, lang);
  }
  if (deadLinks.length > 0) throw new DeadLinks(deadLinks);
  const data: SiteData = { locales: { en: navigation(lessons, 'en'), ko: navigation(lessons, 'ko') } };
  fs.writeFileSync(path.join(o.srcDir, 'site-data.json'), JSON.stringify(data, null, 2));
  write(o.srcDir, 'public/favicon.svg', FAVICON);
  return data;
}
