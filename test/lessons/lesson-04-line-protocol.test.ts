import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-04-line-protocol');
