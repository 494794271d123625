import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Checks start real processes and mostly wait on real sockets: more test files at once than
    // cores (vitest's default is cores − 1, one file at a time on 2 cores: 34 minutes), not so
    // many that the machine's load makes correct programs late (4 per 2 cores did, in lesson 12
    // and 15). Generous limits.
    maxWorkers: Math.max(2, Math.ceil(os.availableParallelism() * 1.5)),
    maxConcurrency: 3,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
