import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-15-websocket');
