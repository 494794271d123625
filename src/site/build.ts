/**
 * `npm run site`: generate the VitePress source folder from the course's files, then build the
 * static site from it. Everything lands under `.site/` (ignored by git): `src/` the generated
 * pages, `runs/` the recorded runs reused by the next build, `dist/` the site itself.
 */
import path from 'node:path';
import { COURSE_ROOT } from '../paths.ts';
import { generateSite } from './generate.ts';

export const SITE_BUILD_DIR = path.join(COURSE_ROOT, '.site');
export const SITE_ROOT = path.join(COURSE_ROOT, 'site');
export const SITE_DIST = path.join(SITE_BUILD_DIR, 'dist');

export interface SiteBuildOptions {
  log?: (line: string) => void;
}

export async function buildSite(o: SiteBuildOptions = {}): Promise<{ ms: number }> {
  const started = Date.now();
  await generateSite({ srcDir: path.join(SITE_BUILD_DIR, 'src'), runsDir: path.join(SITE_BUILD_DIR, 'runs'), log: o.log });
  // Imported here, not at the top: the generator and its tests need no VitePress loaded.
  const { build } = await import('vitepress');
  await build(SITE_ROOT);
  return { ms: Date.now() - started };
}
