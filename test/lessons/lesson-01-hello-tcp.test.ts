import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-01-hello-tcp');
