import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['./scripts/node20-polyfill.mjs'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        reporters: ['default', './test/summary-reporter.ts'],
    },
});
