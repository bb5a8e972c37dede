import { describe, expect, it } from 'vitest';
import { checkOption, findOption, optionNames } from '../../../server/src/drbd/options/index.js';
import { disagreements, type OptionCase } from './oracle.js';
import { DEFAULT_RELEASE as R } from '../../../server/src/drbd/release.js';

/** Known corner cases (behaviour §1.2, §1.6); drbdadm says what the answer is. */
const CORNERS: OptionCase[] = [
    { section: 'disk', name: 'resync-rate', token: '10M' },
    { section: 'disk', name: 'resync-rate', token: '8G' },
    { section: 'disk', name: 'resync-rate', token: '9G' },
    { section: 'disk', name: 'resync-rate', token: '1s' },
    { section: 'disk', name: 'resync-rate', token: '0s' },
    { section: 'net', name: 'max-buffers', token: '128k' },
    { section: 'net', name: 'max-buffers', token: '129k' },
    { section: 'net', name: 'max-buffers', token: '8k' },
    { section: 'net', name: 'timeout', token: '-1' },
    { section: 'net', name: 'timeout', token: '-0' },
    { section: 'net', name: 'timeout', token: '10X' },
    { section: 'net', name: 'timeout', token: '0x10' },
    { section: 'net', name: 'timeout', token: '"+5"' },
    { section: 'net', name: 'timeout', token: '" 5"' },
    { section: 'net', name: 'timeout', token: '"5 "' },
    { section: 'net', name: 'timeout', token: '""' },
    { section: 'net', name: 'timeout', token: '99999999999999999999' },
    { section: 'net', name: 'timeout', token: '99999999999999999999K' },
    { section: 'net', name: 'timeout', token: '18446744073709551615' },
    { section: 'disk', name: 'c-fill-target', token: '18446744073709551615s' },
    { section: 'disk', name: 'size', token: '17179869184G' },
    { section: 'disk', name: 'size', token: '1099511627776' },
    { section: 'disk', name: 'al-extents', token: '99999' },
    { section: 'disk', name: 'al-extents', token: '1' },
    { section: 'disk', name: 'al-extents', token: 'many' },
    { section: 'disk', name: 'resync-after', token: 'r0' },
    { section: 'disk', name: 'resync-after', token: 'r0/0' },
    { section: 'disk', name: 'fencing', token: 'resource-only' },
    { section: 'disk', name: 'max-bio-size', token: '4096' },
    { section: 'disk', name: 'no-disk-barrier' },
    { section: 'disk', name: 'no-disk-barrier', token: 'yes' },
    { section: 'disk', name: 'disk-barrier', token: 'maybe' },
    { section: 'net', name: 'no-timeout' },
    { section: 'net', name: 'protocol', token: 'c' },
    { section: 'net', name: 'protocol', token: 'D' },
    { section: 'net', name: 'after-sb-0pri', token: 'discard-node-hw1' },
    { section: 'net', name: 'discard-my-data' },
    { section: 'net', name: 'transport', token: `"${'t'.repeat(100)}"` },
    { section: 'net', name: 'shared-secret', token: `"${'s'.repeat(63)}"` },
    { section: 'net', name: 'shared-secret', token: `"${'s'.repeat(64)}"` },
    { section: 'net', name: '_name', token: 'x'.repeat(64) },
    { section: 'net', name: 'resync-rate', token: '10M' },
    { section: 'peer-disk', name: 'c-max-rate', token: '100M' },
    { section: 'peer-disk', name: 'on-io-error', token: 'detach' },
    { section: 'options', name: 'cpu-mask', token: 'f'.repeat(31) },
    { section: 'options', name: 'cpu-mask', token: 'f'.repeat(32) },
    { section: 'options', name: 'quorum', token: 'majority' },
    { section: 'options', name: 'quorum', token: 'Majority' },
    { section: 'options', name: 'quorum', token: '32' },
    { section: 'options', name: 'quorum', token: '33' },
    { section: 'options', name: 'quorum', token: '0' },
    { section: 'options', name: 'quorum', token: '1K' },
    { section: 'options', name: 'quorum', token: '4294967297' },
    { section: 'options', name: 'quorum', token: '4294967295' },
    { section: 'options', name: 'quorum-minimum-redundancy', token: 'none' },
    { section: 'options', name: 'no-auto-promote' },
    { section: 'options', name: 'auto-promot', token: 'yes' },
    { section: 'startup', name: 'wfc-timeout', token: '300001' },
    { section: 'startup', name: 'wait-after-sb' },
    { section: 'startup', name: 'become-primary-on', token: 'both' },
    { section: 'startup', name: 'stacked-timeouts' },
    { section: 'startup', name: 'stacked-timeouts', token: '5' },
    { section: 'startup', name: 'stacked-timeouts', token: 'yes' },
    { section: 'startup', name: 'no-stacked-timeouts' },
    { section: 'startup', name: 'degr-wfc', token: '5' },
    { section: 'handlers', name: 'split-brain', token: '"/usr/lib/drbd/notify-split-brain.sh root"' },
    { section: 'handlers', name: 'no-fence-peer' },
    { section: 'handlers', name: 'pri-lost-after-split-brain', token: 'x' },
    { section: 'proxy', name: 'memlimit', token: '18446744073709551615' },
    { section: 'proxy', name: 'memlimit', token: '100G' },
    { section: 'proxy', name: 'memlimit', token: '99999999999G' },
    { section: 'proxy', name: 'ping-timeout', token: '0' },
    { section: 'proxy', name: 'plugin', token: 'x' },
    { section: 'syncer', name: 'rate', token: '10M' },
    { section: 'syncer', name: 'after', token: 'r0' },
    { section: 'syncer', name: 'no-after' },
    { section: 'syncer', name: 'outdate-peer', token: 'x' },
    { section: 'syncer', name: 'verify-alg', token: 'md5' },
    { section: 'syncer', name: 'al-extents', token: '1' },
    { section: 'syncer', name: 'quorum', token: 'all' },
    { section: 'syncer', name: 'c-max-rate', token: '1M' },
    { section: 'net', name: 'a-very-long-option-name-indeed', token: '1' },
];

describe('checkOption', () => {
    it('agrees with drbdadm on the known corner cases', async () => {
        expect(await disagreements(CORNERS)).toEqual([]);
    }, 30_000);

    it('returns the stored name and value', () => {
        expect(checkOption('disk', 'no-disk-barrier', undefined, R)).toMatchObject({ name: 'disk-barrier', value: 'no' });
        expect(checkOption('disk', 'no-disk-barrier', 'yes', R)).toMatchObject({ name: 'disk-barrier', value: 'yes' });
        expect(checkOption('net', 'allow-two-primaries', undefined, R)).toMatchObject({ value: 'yes' });
        expect(checkOption('net', 'no-timeout', undefined, R)).toMatchObject({ name: 'timeout', value: 'no' });
        expect(checkOption('net', 'protocol', 'c', R)).toMatchObject({ value: 'c' });
        expect(checkOption('syncer', 'after', 'r0', R)).toMatchObject({ name: 'resync-after', value: 'r0' });
        expect(checkOption('syncer', 'verify-alg', 'md5', R).info?.list).toBe('net');
        expect(checkOption('disk', 'resync-rate', '10M', R).info?.list).toBe('peer-device');
        expect(checkOption('disk', 'al-extents', '10', R).info?.list).toBe('disk');
    });

    it('marks unknown names fatal and bad values not', () => {
        expect(checkOption('net', 'foo', '1', R).fatal).toBe(true);
        expect(checkOption('net', 'timeout', 'x', R).fatal).toBeUndefined();
    });
});

describe('findOption / optionNames', () => {
    it('resolves the no- prefix and section membership', () => {
        expect(findOption('disk', 'no-md-flushes', R)?.name).toBe('md-flushes');
        expect(findOption('peer-disk', 'md-flushes', R)).toBeUndefined();
        expect(findOption('peer-disk', 'bitmap', R)?.command).toBe('peer-device-options');
        expect(findOption('net', 'discard-my-data', R)).toBeUndefined();
        expect(findOption('syncer', 'rate', R)).toBeUndefined();
    });

    it('lists names per section in drbdadm table order', () => {
        expect(optionNames('disk', R)).toEqual([...optionNames('disk', R).slice(0, -7), ...optionNames('peer-disk', R)]);
        expect(optionNames('startup', R)).toEqual(
            expect.arrayContaining(['wfc-timeout', 'wait-after-sb', 'become-primary-on', 'stacked-timeouts']));
        expect(optionNames('net', R)).toContain('transport');
        expect(optionNames('proxy', R)).toEqual(
            ['memlimit', 'read-loops', 'compression', 'bwlimit', 'sndbuf-size', 'rcvbuf-size', 'ping-timeout']);
    });
});
