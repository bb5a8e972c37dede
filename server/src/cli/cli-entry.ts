import { startupSnapshot } from 'node:v8';
import { parseDrbdText, parseDrbdTextDirectly } from '../reader/load-config.js';
import { main } from './main.js';

function run(argv: string[]): void {
    main(argv).then(
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
}

if (startupSnapshot.isBuildingSnapshot()) {
    // `npm run build` saves the started CLI as a V8 startup snapshot (scripts/build-cli-snapshot.mjs):
    // the bundle's evaluation and the parser's set-up (grammar, Chevrotain's lookahead) then cost
    // nothing per run, half of a small check's time. Parsing once here builds the parser; nothing
    // that depends on the environment or the machine is read before the run itself. Files are
    // parsed directly; Langium's parser is built for those with a syntax error.
    parseDrbdText('resource r { on a { address 127.0.0.1:7000; } }\n', '/snapshot.res');
    void parseDrbdTextDirectly('resource r { on a { address 127.0.0.1:7000; } }\n', '/snapshot.res').ast;
    // Started from the snapshot, the arguments follow node's own path (bin/drbdconf passes `--`).
    startupSnapshot.setDeserializeMainFunction(() => run(process.argv.slice(1)));
} else {
    run(process.argv.slice(2));
}
