import { defineConfig } from 'vitest/config';

const shared = {
    testTimeout: 60_000,
    hookTimeout: 60_000,
};

export default defineConfig({
    test: {
        reporters: ['default', './test/summary-reporter.ts'],
        globalSetup: ['./test/global-setup.ts'],
        projects: [
            { test: { ...shared, name: 'core', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] } },
            // The real editor runs last and alone: its waits are about a browser on a quiet machine.
            { test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], sequence: { groupOrder: 1 } } },
        ],
    },
});
