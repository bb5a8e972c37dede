import { expect, test } from 'vitest';
import { dryRunLine } from '../../server/src/drbd/up/shell-escape.js';
import { remoteCommand } from '../../common/src/remote/quote.js';
import { formatMasked, MASK, maskText, secretsOf } from '../../common/src/remote/secrets.js';

const SECRET = `a b"c#e'f`;
const argv = ['drbdsetup', 'new-peer', 'r0', '1', '--_name=hw2', '--cram-hmac-alg=sha1', `--shared-secret=${SECRET}`, '--protocol=C'];

test('secretsOf and formatMasked find the option values', () => {
    expect(secretsOf([argv, ['drbdsetup', 'connect', 'r0', '1']])).toEqual([SECRET]);
    expect(formatMasked(argv)).toBe(`${dryRunLine(argv.slice(0, 6))} --shared-secret=${MASK} --protocol=C`);
    expect(maskText(dryRunLine(argv))).toBe(formatMasked(argv));
});

test.each([
    ['drbdadm -d rendering', dryRunLine(argv)],
    ['the quoted remote command', remoteCommand(argv)],
    ['plain words', argv.join(' ')],
    ['a config line', `  net { shared-secret "${SECRET.replaceAll('"', '\\"')}"; }`],
    ['JSON', JSON.stringify({ argv })],
])('maskText hides the secret in %s, with or without knowing it', (_what, text) => {
    expect(maskText(text, [SECRET])).not.toMatch(/c#e|b"c|a b/);
    expect(maskText(text, [SECRET])).toContain(MASK);
});

test('without the value, the patterns still mask the usual forms', () => {
    expect(maskText(dryRunLine(argv))).toBe(`${dryRunLine(argv.slice(0, 6))} --shared-secret=${MASK} --protocol=C`);
    expect(maskText('net { shared-secret "x y"; cram-hmac-alg sha1; }')).toBe(`net { shared-secret "${MASK}"; cram-hmac-alg sha1; }`);
    expect(maskText('shared-secret plain;')).toBe(`shared-secret ${MASK};`);
});

test('short known values are not masked everywhere (only where a pattern finds them)', () => {
    expect(maskText('a cat', ['a'])).toBe('a cat');
    expect(maskText('--shared-secret=a', ['a'])).toBe(`--shared-secret=${MASK}`);
});

test('text without secrets is unchanged', () => {
    const t = 'drbdsetup connect r0 1\n1: Failure: (111) Low.dev. smaller than requested DRBD-dev. size.';
    expect(maskText(t, [SECRET])).toBe(t);
});
