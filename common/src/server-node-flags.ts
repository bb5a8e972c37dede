/**
 * Node flags the language server runs with: the VS Code client's execArgv, and `drbdconf lsp`
 * (bin/drbdconf, checked against this list by test/cli/cli-entry.test.ts).
 *
 * Why: with an old-generation limit of 2 GB or more (Node's default on most machines) V8 lets
 * the heap grow to four times what is live before it collects; below 2 GB it allows 1.3 to 2
 * times. With 5000 resources the server keeps about 150 MB live, and typing in that file peaked
 * at 740 MB of RSS with the default, 370 MB with these flags, at the same latency. 1.5 GB still
 * holds about 40 000 resources. The young generation's 16 MB semi-spaces are memory the server
 * gains nothing from: 4 MB ones took 40 MB off its peak at start.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=1536', '--max-semi-space-size=4'];
