import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-06-many-clients');
