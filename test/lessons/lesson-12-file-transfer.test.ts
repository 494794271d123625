import { lessonSelfTests } from '../support/lesson-suite.ts';

lessonSelfTests('lesson-12-file-transfer', {
  oneAtATime: 'each run moves 160 MiB up and down several times: several at once ran past their limits on a loaded machine',
});
