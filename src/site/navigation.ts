/**
 * The site's sidebar and top bar in each language, from the lesson manifests: lesson titles are
 * the manifests' own, and the course-wide parts (the program contract, the failure reasons, the
 * grading guide) are the course README's sections.
 */
import { pick, text, type Lang } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';

export interface NavItem {
  text: string;
  link?: string;
  items?: NavItem[];
}

export interface LocaleNavigation {
  nav: NavItem[];
  sidebar: NavItem[];
}

const L = {
  course: text('The course', '코스'),
  start: text('Start here', '시작하기'),
  source: text('The source', '원문'),
  contract: text('The program contract', '프로그램 규약'),
  reasons: text('When things go wrong', '문제가 생겼을 때'),
  checker: text('What the checker shows', '검사기가 보여 주는 것'),
  grading: text('Grading a class', '수업 채점하기'),
  lessons: text('Lessons', '레슨'),
};

function base(lang: Lang): string {
  return lang === 'ko' ? '/ko/' : '/';
}

export function navigation(lessons: Lesson[], lang: Lang): LocaleNavigation {
  const root = base(lang);
  const lessonItems = lessons.map((l) => ({ text: `${l.manifest.id} · ${pick(l.manifest.title, lang)}`, link: `${root}lessons/${l.name}/` }));
  const course: NavItem = {
    text: pick(L.course, lang),
    items: [
      { text: pick(L.start, lang), link: root },
      { text: pick(L.source, lang), link: `${root}docs/source/socket-basics` },
      { text: pick(L.contract, lang), link: `${root}#the-program-contract` },
      { text: pick(L.checker, lang), link: `${root}#what-the-checker-shows` },
      { text: pick(L.reasons, lang), link: `${root}#when-things-go-wrong` },
      { text: pick(L.grading, lang), link: `${root}#grading-a-class` },
    ],
  };
  return {
    nav: [
      { text: pick(L.lessons, lang), link: lessonItems[0]?.link ?? root },
      { text: pick(L.source, lang), link: `${root}docs/source/socket-basics` },
    ],
    sidebar: [course, { text: pick(L.lessons, lang), items: lessonItems }],
  };
}
