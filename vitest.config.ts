import { defineConfig } from 'vitest/config';

// Two projects so a developer can run the fast pure tests alone
// (`vitest run --project unit`); `npm test` runs both.
// Integration and end-to-end tests start real ffmpeg, RTSP servers and
// Chromium, so they run one file at a time on this 2-core machine.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
