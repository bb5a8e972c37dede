import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { remoteCommand } from '../../common/src/remote/quote.js';

/** What a POSIX shell makes of the command line: its argv, as the remote login shell would. */
function shellWords(line: string, shell = 'sh'): string[] {
    const r = spawnSync(shell, ['-c', `set -- ${line}; printf '%s\\0' "$@"`], { encoding: 'utf8', timeout: 5000 });
    return r.stdout.split('\0').slice(0, -1);
}

test('any words survive a shell parse unchanged (sh and bash)', () => {
    const special = fc.constantFrom(...`'"\\$\`;&|<>(){}*?[]~#! \t\n-=%`);
    const word = fc.string({ unit: fc.oneof(special, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 12 }).filter((w) => !w.includes('\0'));
    fc.assert(
        fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
            expect(shellWords(remoteCommand(words))).toEqual(words);
            expect(shellWords(remoteCommand(words), 'bash')).toEqual(words);
        }),
        { numRuns: 40 },
    );
});

test('an injection attempt stays one word', () => {
    expect(shellWords(remoteCommand(['drbdadm', 'up', "r0'; touch x; '", '$(touch x)']))).toEqual(['drbdadm', 'up', "r0'; touch x; '", '$(touch x)']);
});
