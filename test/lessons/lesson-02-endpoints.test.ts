import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-02-endpoints');
