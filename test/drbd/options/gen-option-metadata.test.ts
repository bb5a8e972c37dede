import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_RELEASES } from '../../../server/src/drbd/release.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Row { since: string; until?: string; type?: string; options?: string[] }
const table = JSON.parse(readFileSync(`${root}server/src/drbd/options/option-metadata.json`, 'utf8')) as {
    releases: string[];
    commands: Record<string, Row[]>;
    options: Record<string, Record<string, Row[]>>;
};

describe('scripts/gen-option-metadata.mjs', () => {
    it('reproduces the checked-in option-metadata.json from the drbdsetup of every release at hand', () => {
        const fresh = execFileSync('node', ['scripts/gen-option-metadata.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
        const checkedIn = readFileSync(`${root}server/src/drbd/options/option-metadata.json`, 'utf8');
        expect(fresh).toBe(checkedIn);
    });

    it('holds the four releases users run, and rows that say since/until which release they hold', () => {
        expect(KNOWN_RELEASES).toEqual(expect.arrayContaining(['9.15.0', '9.22.0', '9.28.0', '9.34.0']));
        expect(table.options['new-peer']!['tls']).toEqual([expect.objectContaining({ since: expect.any(String), type: 'boolean' })]);
        expect(table.options['new-peer']!['tls']![0]!.since > '9.22.0').toBe(true);
        const cMaxRate = table.options['peer-device-options']!['c-max-rate']!;
        expect(cMaxRate[0]).toMatchObject({ since: '9.15.0', min: 250 });
        expect(cMaxRate.at(-1)).toMatchObject({ min: 0 });
        expect(cMaxRate.at(-1)!.until).toBeUndefined();
    });

    it('keeps no command-line-only flags', () => {
        const rows = Object.values(table.options).flatMap((byName) => Object.values(byName).flat());
        expect(rows.filter((o) => o.type === 'flag')).toEqual([]);
        expect(table.options['new-peer']!['set-defaults']).toBeUndefined();
    });
});
