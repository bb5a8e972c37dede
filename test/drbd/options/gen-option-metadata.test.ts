import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('scripts/gen-option-metadata.mjs', () => {
    it('reproduces the checked-in option-metadata.json from the installed drbdsetup', () => {
        const fresh = execFileSync('node', ['scripts/gen-option-metadata.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
        const checkedIn = readFileSync(`${root}server/src/drbd/options/option-metadata.json`, 'utf8');
        expect(fresh).toBe(checkedIn);
    });

    it('keeps no command-line-only flags and tags every option with its drbdsetup command', () => {
        const data = JSON.parse(readFileSync(`${root}server/src/drbd/options/option-metadata.json`, 'utf8')) as {
            options: Record<string, { type: string; command: string }>;
        };
        expect(Object.values(data.options).filter((o) => o.type === 'flag')).toEqual([]);
        expect(data.options['set-defaults']).toBeUndefined();
        expect(data.options['resync-rate']?.command).toBe('peer-device-options');
    });
});
