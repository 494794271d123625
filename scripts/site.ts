/**
 * `npm run site`: the course as a static web site, English and Korean, built from the course's
 * own files into .site/dist. Preview it with `npx vitepress preview site`.
 * A dead link in any README fails the build.
 */
import { runCommand } from '../src/cli/main.ts';
import { buildSite, SITE_DIST } from '../src/site/build.ts';

await runCommand(async () => {
  const { ms } = await buildSite({ log: (line) => console.log(line) });
  console.log(`site built in ${(ms / 1000).toFixed(1)} s: ${SITE_DIST}`);
  console.log('preview it with: npx vitepress preview site');
  return 0;
});
