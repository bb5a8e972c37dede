import { describe, expect, it } from 'vitest';
import { checkGlobalOption, checkRange } from '../../../server/src/drbd/options/index.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';
import { otherReleases } from '../../oracle.js';
import { config, runDrbdadm, scannerText, SENTINEL, SENTINEL_MESSAGE } from './oracle.js';

const TK_STRING = 281;

/** `global { name token; }` statements; a quoted token is a TK_STRING whatever its text. */
const GLOBALS: [string, string | undefined][] = [
    ['usage-count', 'yes'], ['usage-count', 'no'], ['usage-count', 'ask'], ['usage-count', '"yes"'],
    ['usage-count', 'maybe'], ['usage-count', undefined],
    ['minor-count', '0'], ['minor-count', '1'], ['minor-count', '255'], ['minor-count', '256'],
    ['minor-count', '1K'], ['minor-count', '"5"'], ['minor-count', 'x'], ['minor-count', undefined],
    ['minor-count', '123456789'], ['minor-count', '10.0.0.1'],
    ['dialog-refresh', '600'], ['dialog-refresh', '601'], ['dialog-refresh', '0'],
    ['cmd-timeout-short', '900'], ['cmd-timeout-short', '901'], ['cmd-timeout-medium', '1s'],
    ['cmd-timeout-long', '1M'], ['cmd-timeout-long', 'yes'],
    ['disable-ip-verification', '5'], ['udev-always-use-vnr', undefined], ['udev-always-use-vnr', 'yes'],
    ['usage', 'yes'], ['resource', 'x'],
];

describe('checkGlobalOption', () => {
    it('agrees with drbdadm on global {} statements', async () => {
        const statement = ([name, token]: [string, string | undefined]) => `${name}${token === undefined ? '' : ` ${token}`};`;
        const configs = GLOBALS.flatMap((g) => [
            config('', { global: statement(g) }),
            config('', { global: statement(g), after: SENTINEL }),
        ]);
        const results = await runDrbdadm(configs);
        // an accepted config may still print notes: only the exit status counts then
        const got = results.map((r) => (r.rc === 0 ? '0' : `${r.rc} ${r.message}`));
        const want = GLOBALS.flatMap(([name, token]) => {
            const tk = token?.startsWith('"') ? TK_STRING : undefined;
            const c = checkGlobalOption(name, token === undefined ? undefined : scannerText(token), DEFAULT_RELEASE, tk);
            const followed = [c.error, c.fatal ? undefined : SENTINEL_MESSAGE].filter((m) => m !== undefined).join('\n');
            return [c.error === undefined ? '0' : `10 ${c.error}`, `10 ${followed}`];
        });
        expect(got).toEqual(want);
    }, 30_000);
});

describe('checkRange', () => {
    it('words port and node-id range errors like drbdadm', async () => {
        const cases: [Parameters<typeof checkRange>[0], string, string][] = [
            ['port', '70000', 'on hw3 { address 10.0.0.3:70000; node-id 2; }'],
            ['port', '0', 'on hw3 { address 10.0.0.3:0; node-id 2; }'],
            ['node-id', '33', 'on hw3 { address 10.0.0.3:7788; node-id 33; }'],
            ['node-id', '1K', 'on hw3 { address 10.0.0.3:7788; node-id 1K; }'],
        ];
        const results = await runDrbdadm(cases.map(([, , snippet]) => config(snippet)));
        // drbdadm may repeat the port message (it checks `on` addresses twice): compare the first
        expect(results.map((r) => r.message.split('\n')[0])).toEqual(cases.map(([what, value]) => checkRange(what, value)));
        expect(results.map((r) => r.rc)).toEqual(cases.map(() => 10));
    });

    it('accepts values in range, units included', () => {
        expect(checkRange('port', '7788')).toBeUndefined();
        expect(checkRange('port', '1K')).toBeUndefined();
        expect(checkRange('node-id', '32')).toBeUndefined();
    });
});

/** Words whose token numbers moved between releases (drbdadm prints them: `(TK 292)`). */
const MOVED_TOKENS = ['proxy', 'host', 'kmodvers', 'outside-address', 'tiebreaker', '_cstate', '_unknown', '_is_standalone', '1.2.3', 'fd00::1', 'x'.repeat(130)];
const others = otherReleases();

describe.skipIf(others.missing !== undefined)(`token numbers of other releases${others.missing ? ` (skipped: ${others.missing})` : ''}`, () => {
    for (const oracle of others.releases) {
        it(`numbers tokens as drbdadm ${oracle.release} does`, async () => {
            const results = await runDrbdadm(MOVED_TOKENS.map((t) => config('', { global: `minor-count ${t};` })), oracle);
            expect(results.map((r) => r.message)).toEqual(MOVED_TOKENS.map((t) => checkGlobalOption('minor-count', t, oracle.release).error));
        });
    }
});
