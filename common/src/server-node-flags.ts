/**
 * Node flags the language server runs with: the VS Code client's execArgv, and `drbdconf lsp`
 * (bin/drbdconf, checked against this list and serverEnvironment by test/cli/cli-entry.test.ts).
 *
 * Why: with an old-generation limit of 2 GB or more (Node's default on most machines) V8 lets
 * the heap grow to four times what is live before it collects; below 2 GB it allows 1.3 to 2
 * times. With 5000 resources the server keeps about 150 MB live, and typing in that file peaked
 * at 740 MB of RSS with the default, 370 MB with these flags, at the same latency. 1.5 GB still
 * holds about 40 000 resources. The young generation's 16 MB semi-spaces are memory the server
 * gains nothing from: 4 MB ones took 40 MB off its peak at start.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=1536', '--max-semi-space-size=4'];

/**
 * Environment variables the language server runs with, over the user's own (a value the user set
 * wins). glibc's malloc gives the threads of Node and V8 (the compiler and the garbage collector
 * work on threads of their own) up to eight arenas per core, and what one frees stays in its
 * arena: two arenas took 8 MB off the peak at start with 5000 resources in 5000 files (199-201 →
 * 190-193 MB) and 12-18 MB off typing in a 1000-resource file, at the same latency. Other C
 * libraries (macOS, Windows, musl) ignore the variable.
 */
export function serverEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
    return { MALLOC_ARENA_MAX: env['MALLOC_ARENA_MAX'] ?? '2' };
}
