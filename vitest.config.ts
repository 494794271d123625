import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Checks start real processes and wait on real sockets: generous limits, few at a time.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    maxConcurrency: 3,
    pool: 'forks',
  },
});
