import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-12-file-transfer');
