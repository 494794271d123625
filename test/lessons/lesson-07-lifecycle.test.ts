import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-07-lifecycle');
