import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-14-kv-resp');
