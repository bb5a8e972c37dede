// Lint rules that catch real bugs, not style: promises nobody awaits, unused code, `any` outside
// the parser (which must reach into Langium's and Chevrotain's untyped internals).
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['vitest.config.ts', 'dist/**', 'out/**', 'node_modules/**', 'server/src/syntax/generated/**', 'test-output/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
    {
        files: ['**/*.ts'],
        extends: [tseslint.configs.base],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
            '@typescript-eslint/no-explicit-any': 'error',
        },
    },
    { files: ['server/src/syntax/drbd-parser.ts', 'server/src/syntax/drbd-cst.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
