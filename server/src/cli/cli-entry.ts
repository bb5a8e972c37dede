import { main } from './main.js';

main(process.argv.slice(2)).then(
    (code) => {
        // -1: a long-running command (the language server) keeps the process alive.
        if (code >= 0) process.exitCode = code;
    },
    (e: unknown) => {
        process.stderr.write(`drbdconf: internal error: ${(e as Error)?.message ?? String(e)}\n`);
        if (process.env.DRBDCONF_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
        process.exitCode = 70;
    },
);
