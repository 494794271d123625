import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-16-graceful-shutdown');
