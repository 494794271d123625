import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-09-udp-server');
