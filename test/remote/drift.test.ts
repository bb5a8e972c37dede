import { expect, test } from 'vitest';
import { diffCommands } from '../../common/src/remote/drift.js';

const a = [['drbdsetup', 'new-resource', 'r0', '0'], ['drbdsetup', 'new-path', 'r0', '1', 'x'], ['drbdsetup', 'connect', 'r0', '1']];

test('equal command lists have no diff', () => {
    expect(diffCommands(a, a.map((c) => [...c]))).toEqual([]);
});

test('a changed, a missing and an extra command, in drbdadm -d notation', () => {
    const b = [['drbdsetup', 'new-resource', 'r0', '0'], ['drbdsetup', 'new-path', 'r0', '1', 'y z'], ['drbdsetup', 'connect', 'r0', '1'], ['drbdsetup', 'connect', 'r0', '2']];
    expect(diffCommands(a, b)).toEqual([
        '  drbdsetup new-resource r0 0',
        '- drbdsetup new-path r0 1 x',
        '+ drbdsetup new-path r0 1 y\\ z',
        '  drbdsetup connect r0 1',
        '+ drbdsetup connect r0 2',
    ]);
    expect(diffCommands(a, [])).toEqual(a.map((c) => `- ${c.join(' ')}`));
});
