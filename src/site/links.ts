/**
 * Rewrites the links of a course Markdown file into links between the site's pages: a link to
 * another README becomes a link to its page, a link to a file (`source/client.py`) or a folder
 * (`source/`) a link to the page that shows it. A link to anything that does not exist, or to
 * an anchor the target does not have, is a dead link: collected, so the build can fail on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../i18n.ts';
import { COURSE_ROOT } from '../paths.ts';
import { filePagePath, folderPagePath, relativeLink, type SourcePage } from './pages.ts';

export interface LinkContext {
  page: SourcePage;
  /** Every course Markdown file that is a page, by its course path. */
  pages: Map<string, SourcePage>;
  /** Files and folders that need pages of their own, filled in as links are found. */
  wanted: { files: Set<string>; folders: Set<string> };
  deadLinks: string[];
}

const LINK = /(!?\[(?:[^\]\\]|\\.)*\]\()([^)\s]+)(\))/g;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** Runs `fn` on every stretch of prose (inline code included), leaving fenced code blocks as they are. */
export function mapProse(markdown: string, fn: (prose: string, line: number) => string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let prose: string[] = [];
  let proseStart = 1;
  const flush = () => {
    if (prose.length > 0) out.push(fn(prose.join('\n'), proseStart));
    prose = [];
  };
  lines.forEach((line, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return;
    }
    if (marker) {
      flush();
      fence = marker;
      out.push(line);
      return;
    }
    if (prose.length === 0) proseStart = i + 1;
    prose.push(line);
  });
  flush();
  return out.join('\n');
}

/** Where the inline code spans of a stretch of prose are: a link inside one is only text. */
function codeSpans(prose: string): Array<[number, number]> {
  return [...prose.matchAll(/(`+)[\s\S]*?\1/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** The explicit `<a id>` anchors and the heading ids VitePress makes, of one Markdown file. */
export function anchorsOf(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/<a\s+id="([^"]+)"/g)) ids.add(m[1]!);
  mapProse(markdown, (prose) => {
    for (const m of prose.matchAll(/^#{1,6}\s+(.+)$/gm)) ids.add(headingSlug(m[1]!));
    return prose;
  });
  return ids;
}

/** VitePress's heading slug, near enough to find a heading a link names. */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[\s\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const anchorCache = new Map<string, Set<string>>();

function anchorsOfFile(file: string): Set<string> {
  let ids = anchorCache.get(file);
  if (!ids) {
    ids = anchorsOf(fs.readFileSync(path.join(COURSE_ROOT, file), 'utf8'));
    anchorCache.set(file, ids);
  }
  return ids;
}

/** The site link for one course link, or undefined for a dead one. */
function siteLink(target: string, ctx: LinkContext): string | undefined {
  const [rawPath, rawHash] = target.split('#', 2) as [string, string | undefined];
  const hash = rawHash === undefined ? '' : `#${rawHash}`;
  const here = ctx.page;
  const file = rawPath === '' ? here.file : path.posix.normalize(path.posix.join(path.posix.dirname(here.file), decodeURI(rawPath)));
  if (file.startsWith('..') || path.posix.isAbsolute(file)) return undefined;
  const abs = path.join(COURSE_ROOT, file);
  if (!fs.existsSync(abs)) return undefined;
  const target_page = ctx.pages.get(file.replace(/\/$/, ''));
  if (target_page) {
    if (rawHash !== undefined && !anchorsOfFile(target_page.file).has(rawHash)) return undefined;
    return rawPath === '' ? hash : relativeLink(here.page, target_page.page, hash);
  }
  if (fs.statSync(abs).isDirectory()) {
    const readme = ctx.pages.get(`${file.replace(/\/$/, '')}/${here.lang === 'ko' ? 'README.ko.md' : 'README.md'}`);
    if (readme) return relativeLink(here.page, readme.page, hash);
    ctx.wanted.folders.add(file.replace(/\/$/, ''));
    return relativeLink(here.page, folderPagePath(file, here.lang), hash);
  }
  ctx.wanted.files.add(file);
  return relativeLink(here.page, filePagePath(file, here.lang as Lang), hash);
}

/** The page's Markdown with every internal link pointing at a page of the site. */
export function rewriteLinks(markdown: string, ctx: LinkContext): string {
  return mapProse(markdown, (prose, firstLine) => {
    const spans = codeSpans(prose);
    return prose.replace(LINK, (whole, open: string, target: string, close: string, offset: number) => {
      if (EXTERNAL.test(target) || spans.some(([a, b]) => offset > a && offset < b)) return whole;
      const link = siteLink(target, ctx);
      if (link === undefined) {
        const line = firstLine + prose.slice(0, offset).split('\n').length - 1;
        ctx.deadLinks.push(`${ctx.page.file}:${line}: ${target}`);
        return whole;
      }
      return `${open}${link}${close}`;
    });
  });
}
