/**
 * The site's VitePress configuration. The pages themselves are generated from the course's own
 * files into ../.site/src by `npm run site` (src/site/generate.ts); this file only says how to
 * show them: English at the root, Korean under /ko/, local search, the sidebars the generator
 * made from the lesson manifests. SITE_BASE is the path the site is served under
 * (`/<repository>/` on GitHub Pages).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

const here = path.dirname(fileURLToPath(import.meta.url));
const build = path.resolve(here, '../../.site');
const data = JSON.parse(fs.readFileSync(path.join(build, 'src', 'site-data.json'), 'utf8'));

const koreanSearch = {
  translations: {
    button: { buttonText: '검색', buttonAriaLabel: '검색' },
    modal: {
      displayDetails: '자세히 보기',
      resetButtonTitle: '검색어 지우기',
      backButtonTitle: '닫기',
      noResultsText: '결과가 없습니다',
      footer: { selectText: '선택', navigateText: '이동', closeText: '닫기' },
    },
  },
};

const base = process.env.SITE_BASE || '/';

export default defineConfig({
  title: 'socket-course',
  base,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: `${base}favicon.svg` }]],
  srcDir: path.join(build, 'src'),
  outDir: path.join(build, 'dist'),
  cacheDir: path.join(build, 'cache'),
  // A dead link fails the build (VitePress's default, said here so nobody turns it off by accident).
  ignoreDeadLinks: false,
  lastUpdated: false,
  // GitHub's high-contrast code colours: the default ones are below WCAG AA contrast on the code background.
  markdown: { lineNumbers: false, theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  locales: {
    root: {
      label: 'English',
      lang: 'en',
      description: 'A hands-on course in socket programming with TypeScript on Node.js.',
      themeConfig: { nav: data.locales.en.nav, sidebar: data.locales.en.sidebar },
    },
    ko: {
      label: '한국어',
      lang: 'ko',
      link: '/ko/',
      description: 'Node.js와 TypeScript로 배우는 소켓 프로그래밍 실습 코스',
      themeConfig: {
        nav: data.locales.ko.nav,
        sidebar: data.locales.ko.sidebar,
        outline: { label: '이 페이지의 내용' },
        docFooter: { prev: '이전', next: '다음' },
        darkModeSwitchLabel: '화면 모드',
        lightModeSwitchTitle: '밝은 화면으로',
        darkModeSwitchTitle: '어두운 화면으로',
        sidebarMenuLabel: '메뉴',
        returnToTopLabel: '맨 위로',
        langMenuLabel: '언어 바꾸기',
        skipToContentLabel: '본문으로 건너뛰기',
        notFound: { title: '페이지를 찾을 수 없습니다', quote: '주소를 확인하거나 첫 페이지에서 다시 찾아보세요.', linkLabel: '첫 페이지로', linkText: '첫 페이지로' },
      },
    },
  },
  themeConfig: {
    search: { provider: 'local', options: { locales: { ko: koreanSearch } } },
    outline: { level: [2, 3] },
  },
});
