import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-08-binary-frames');
