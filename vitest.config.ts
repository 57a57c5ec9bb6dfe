import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 20_000,
    // One throwaway PostgreSQL for the PostgreSQL storage tests (README.md, "Several instances on PostgreSQL").
    globalSetup: ['server/test-support/postgres-global-setup.ts'],
  },
});
