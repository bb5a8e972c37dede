/**
 * The CRC-32C that drbdadm hashes addresses with to derive implicit node-ids: reflected
 * Castagnoli polynomial, one byte at a time, register used as given (no initial or final
 * inversion), unlike the usual finalised crc32c of npm libraries.
 */

const TABLE: Uint32Array = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
        t[n] = c >>> 0;
    }
    return t;
})();

/** Raw CRC-32C update of `seed` over `bytes`; unsigned 32-bit result. */
export function crc32cRaw(seed: number, bytes: Uint8Array): number {
    let c = seed >>> 0;
    for (const b of bytes) c = (TABLE[(c ^ b) & 0xff] ^ (c >>> 8)) >>> 0;
    return c;
}

/** drbdadm's seed for address hashes. */
export const ADDRESS_HASH_SEED = 0x1a656f21;

/**
 * drbdadm's hash of an address text (as written, no family or port), as the C `int` it is
 * stored in: values >= 2^31 are negative, and drbdadm compares them signed.
 */
export function addressHash(addr: string): number {
    return crc32cRaw(ADDRESS_HASH_SEED, Buffer.from(addr, 'latin1')) | 0;
}
