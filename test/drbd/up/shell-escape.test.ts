import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderDryRun } from '../../../server/src/drbd/up/dry-run-render.js';
import { dryRunLine, shellEscapeBytes } from '../../../server/src/drbd/up/shell-escape.js';

describe('drbdadm -d escaping', () => {
    it('backslashes everything outside its clean set', () => {
        expect(shellEscapeBytes('--shared-secret=a b"c\\d#e').toString()).toBe('--shared-secret=a\\ b\\"c\\\\d\\#e');
        expect(shellEscapeBytes('ipv6:[fd00::1]:7788').toString()).toBe('ipv6:\\[fd00::1\\]:7788');
        expect(shellEscapeBytes('A-z_0.9%+/:=@').toString()).toBe('A-z_0.9%+/:=@');
    });

    it('escapes each byte of a multi-byte character and stops at the buffer size', () => {
        expect([...shellEscapeBytes('é')]).toEqual([0x5c, 0xc3, 0x5c, 0xa9]);
        expect(shellEscapeBytes('x'.repeat(2000)).length).toBe(1022);
        expect(shellEscapeBytes(' '.repeat(2000)).length).toBe(1022);
    });

    it('prints one command per line', () => {
        const step = { host: 'h', resource: 'r', stage: 'down' as const, argv: ['drbdsetup', 'down', 'r 0'] };
        expect(renderDryRun({ host: 'h', steps: [step, step], exitCode: 0, stderr: '' })).toBe('drbdsetup down r\\ 0\n'.repeat(2));
    });

    it('shows a non-ASCII argument in the text form as a UTF-8 terminal shows drbdadm\'s bytes', () => {
        expect(dryRunLine(['drbdsetup', 'attach', 'rés'])).toBe(Buffer.from([...Buffer.from('drbdsetup attach r'), 0x5c, 0xc3, 0x5c, 0xa9, 0x73]).toString('utf8'));
    });

    it('is the only escape: no other source carries drbdadm\'s clean-character set', () => {
        const files = execFileSync('git', ['grep', '--untracked', '-l', '-F', 'A-Za-z0-9%+', '--', 'server/src', 'common/src', 'client/src'], { encoding: 'utf8' });
        expect(files.trim().split('\n')).toEqual(['server/src/drbd/up/shell-escape.ts']);
    });
});
