import { describe, expect, it } from 'vitest';
import { convertValue, newStrtoll, optionDoc } from '../../../server/src/drbd/options/index.js';
import { DEFAULT_RELEASE as R } from '../../../server/src/drbd/release.js';

describe('convertValue', () => {
    it('converts unit suffixes into the native unit (K/M/G = 1024ⁿ, s = 512 bytes, rounded up)', () => {
        expect(convertValue('disk', 'resync-rate', '10M', R)).toEqual({ value: 10240n, text: '10240 KiB/second' });
        expect(convertValue('disk', 'resync-rate', '1s', R)?.value).toBe(1n);
        expect(convertValue('peer-disk', 'c-fill-target', '1M', R)?.value).toBe(2048n);
        expect(convertValue('net', 'max-buffers', '8k', R)?.value).toBe(8192n);
        expect(convertValue('net', 'timeout', '50', R)?.text).toBe('50 1/10 seconds');
        expect(convertValue('net', 'timeout', 'x', R)).toBeUndefined();
        expect(convertValue('net', 'protocol', 'C', R)).toBeUndefined();
        expect(convertValue('disk', 'resync-after', 'r0', R)).toBeUndefined();
    });

    it('wraps and saturates like C unsigned 64-bit', () => {
        expect(newStrtoll('-1', '1')).toEqual({ ok: true, value: (1n << 64n) - 1n });
        expect(newStrtoll('99999999999999999999', '1')).toEqual({ ok: true, value: (1n << 64n) - 1n });
        expect(newStrtoll('18446744073709551615s', 'k')).toEqual({ ok: true, value: 0n });
        expect(newStrtoll('17179869184G', '1').ok).toBe(false);
    });
});

describe('optionDoc', () => {
    it('names type, range with unit, default and the receiving drbdsetup command', () => {
        const doc = optionDoc('disk', 'resync-rate', R);
        expect(doc).toContain('**resync-rate**');
        expect(doc).toContain('1 … 8388608 KiB/second');
        expect(doc).toContain('Default: 250 KiB/second');
        expect(doc).toContain('`drbdsetup peer-device-options`');
        expect(optionDoc('net', 'protocol', R)).toContain('`A`, `B`, `C` (any case)');
        expect(optionDoc('net', 'protocol', R)).toContain('`drbdsetup net-options`');
        expect(optionDoc('options', 'quorum', R)).toContain('`off`, `majority`, `all`, or a number 1 … 32');
        expect(optionDoc('net', 'shared-secret', R)).toContain('at most 63 bytes');
        expect(optionDoc('disk', 'al-extents', R)).toContain('clamped');
        expect(optionDoc('disk', 'resync-after', R)).toContain('`RES/VNR`');
        expect(optionDoc('startup', 'wfc-timeout', R)).toContain('Used by drbdadm itself');
        expect(optionDoc('net', 'no-such-option', R)).toBe('');
    });
});
