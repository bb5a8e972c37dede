// Draws icon.png (128x128 RGBA): two disks replicating over a link, on a dark rounded square.
// No image library: shapes are signed distances, anti-aliased by coverage, written as a plain PNG.
// Usage: node scripts/icon.mjs [OUT]   (default: icon.png at the repository root)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const out = process.argv[2] ?? new URL('../icon.png', import.meta.url);

/** Distance from (x,y) to a rounded rectangle centred at (cx,cy); negative inside. */
const roundRect = (x, y, cx, cy, hw, hh, r) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const ellipse = (x, y, cx, cy, rx, ry) => (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);
const segment = (x, y, ax, ay, bx, by, w) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - w;
};
/** A disk drawn as a cylinder: body plus top ellipse. */
const cylinder = (x, y, cx) => Math.min(roundRect(x, y, cx, 70, 20, 22, 3), ellipse(x, y, cx, 48, 20, 7));

// Layers, back to front: [distance function, RGB].
const layers = [
    [(x, y) => roundRect(x, y, 64, 64, 62, 62, 18), [0x1b, 0x2b, 0x4a]],
    [(x, y) => Math.min(cylinder(x, y, 34), cylinder(x, y, 94)), [0xe8, 0xee, 0xf6]],
    [(x, y) => Math.min(ellipse(x, y, 34, 48, 16, 4.5), ellipse(x, y, 94, 48, 16, 4.5)), [0xa9, 0xbb, 0xd4]],
    [(x, y) => Math.min(segment(x, y, 50, 104, 78, 104, 3.5), segment(x, y, 70, 96, 79, 104, 3.5), segment(x, y, 70, 112, 79, 104, 3.5)), [0xf2, 0x8c, 0x28]],
    [(x, y) => Math.min(segment(x, y, 34, 94, 34, 104, 3.5), segment(x, y, 34, 104, 50, 104, 3.5)), [0xf2, 0x8c, 0x28]],
    [(x, y) => Math.min(segment(x, y, 94, 94, 94, 104, 3.5), segment(x, y, 78, 104, 94, 104, 3.5)), [0xf2, 0x8c, 0x28]],
];

const raw = Buffer.alloc(N * (1 + N * 4));
for (let y = 0; y < N; y++) {
    raw[y * (1 + N * 4)] = 0; // filter: none
    for (let x = 0; x < N; x++) {
        let rgba = [0, 0, 0, 0];
        for (const [shape, rgb] of layers) {
            const a = Math.max(0, Math.min(1, 0.5 - shape(x + 0.5, y + 0.5)));
            if (a === 0) continue;
            const outA = a + rgba[3] * (1 - a);
            rgba = [...rgb.map((c, i) => (c * a + rgba[i] * rgba[3] * (1 - a)) / outA), outA];
        }
        const o = y * (1 + N * 4) + 1 + x * 4;
        rgba.forEach((v, i) => (raw[o + i] = Math.round(i === 3 ? v * 255 : v)));
    }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
writeFileSync(out, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
