import { defineConfig } from 'vitest/config';
import { stringsPlugin } from './scripts/strings-plugin';

export default defineConfig({
  plugins: [stringsPlugin()],
  // Component tests (src/**/*.test.tsx) render with Preact's JSX, as the app does.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 20_000,
    // One throwaway PostgreSQL for the PostgreSQL storage tests (README.md, "Several instances on PostgreSQL").
    globalSetup: ['server/test-support/postgres-global-setup.ts'],
  },
});
