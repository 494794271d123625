import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-10-udp-reliable');
