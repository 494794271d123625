import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-03-echo-stream');
