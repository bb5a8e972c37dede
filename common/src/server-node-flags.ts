/**
 * Node flags the language server runs with: the VS Code client's execArgv, and `drbdconf lsp`
 * (bin/drbdconf, checked against this list and serverEnvironment by test/cli/cli-entry.test.ts).
 *
 * Why: between two full collections V8 lets the heap grow to a multiple of what is live, and the
 * server's peak memory is that multiple. With an old-generation limit of 2 GB or more (Node's
 * default on most machines) it is four; below 2 GB it is 1.3 to 2 (1.8 at 1.5 GB). A growth of
 * 50% took typing in a 5000-resource file from 255-320 MB to 230-245 MB, at the same latency
 * there and in a 1000-resource file, where a 1 GB limit (1.6) did as well but left a
 * 40 000-resource configuration (700 MB live after start) too little room. 1.5 GB holds it.
 * A smaller growth made the peak worse: collecting more often, V8 more often marked what a
 * keystroke had just made and dropped as live, for one more cycle. The young generation's 16 MB
 * semi-spaces are memory the server gains nothing from: 4 MB ones took 40 MB off its peak at
 * start, 1 MB ones another 5-7 MB there and 10-15 MB while typing (205-214 MB), at the same
 * latency. `--expose-gc`: the server collects between builds (collect-between-builds.ts).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=1536', '--heap-growing-percent=50', '--max-semi-space-size=1', '--expose-gc'];

/**
 * Environment variables the language server runs with, over the user's own (a value the user set
 * wins). Other C libraries than glibc (macOS, Windows, musl) ignore them.
 * - glibc's malloc gives the threads of Node and V8 (the compiler and the garbage collector work
 *   on threads of their own) up to eight arenas per core, and what one frees stays in its arena:
 *   two arenas took 8 MB off the peak at start with 5000 resources in 5000 files (199-201 →
 *   190-193 MB) and 12-18 MB off typing in a 1000-resource file, at the same latency.
 * - A block of 128 KB or more gets pages of its own, given back when it is freed. glibc raises
 *   that bound to the largest such block freed so far (up to 32 MB), and from then on keeps what
 *   those blocks free: a fixed bound took 8-10 MB off the peak at start with 5000 resources and
 *   while typing in a 5000-resource file (199-203 MB), at the same latency.
 */
export function serverEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
    return { MALLOC_ARENA_MAX: env['MALLOC_ARENA_MAX'] ?? '2', MALLOC_MMAP_THRESHOLD_: env['MALLOC_MMAP_THRESHOLD_'] ?? '131072' };
}
