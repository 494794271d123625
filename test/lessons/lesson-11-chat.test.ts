import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-11-chat');
