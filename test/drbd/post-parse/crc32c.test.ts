import { describe, expect, it } from 'vitest';
import { addressHash, crc32cRaw } from '../../../server/src/drbd/post-parse/crc32c.js';

describe('crc32c', () => {
    it('uses the reflected Castagnoli table', () => {
        expect(crc32cRaw(0, Uint8Array.of(1))).toBe(0xf26b8303);
    });

    it('continues a finalised crc32c the way behaviour §3 relates them', () => {
        // standard crc32c("123456789") = 0xE3069283: init ~0, final xor ~0
        expect((crc32cRaw(0xffffffff, Buffer.from('123456789')) ^ 0xffffffff) >>> 0).toBe(0xe3069283);
    });

    // behaviour §3 worked examples (hashes verified against drbdadm there)
    it.each([
        ['10.11.56.2', 0x78fa97ca],
        ['10.11.56.3', 0x8a9114c9],
        ['fd00::1', 0x13862b8a],
        ['fd00::2', 0x00d6d87e],
        ['FD00::1', 0xab29beba],
        ['10.0.0.1', 0xf81b08b9],
        ['10.1.1.1', 0x654bf56b],
        ['10.1.1.2', 0x761b069f],
        ['172.16.0.5', 0xa565c2f3],
        ['172.16.0.6', 0xb6353107],
        ['192.168.1.10', 0x37403da0],
        ['192.168.1.20', 0x03a79539],
        ['fe80::1%eth0', 0xe495827c],
        ['fe80::2%eth0', 0xd02949a6],
        ['::ffff:10.0.0.1', 0x1d5c61fc],
        ['10.0.0.2', 0xeb4bfb4d],
        ['192.0.2.2', 0xa1b3582d],
        ['192.0.2.3', 0x53d8db2e],
    ])('hashes %s like drbdadm', (text, raw) => {
        expect(addressHash(text)).toBe(raw | 0);
    });

    it('is signed', () => {
        expect(addressHash('10.11.56.3')).toBe(-1970203447);
        expect(addressHash('10.11.56.2')).toBe(2029688778);
    });
});
