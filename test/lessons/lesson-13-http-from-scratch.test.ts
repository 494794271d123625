import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-13-http-from-scratch');
