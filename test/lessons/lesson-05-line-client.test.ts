import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-05-line-client');
