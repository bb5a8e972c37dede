// Generated DRBD configurations for the benchmark: N resources with 2-3 hosts each, a mix of
// volumes, meshes, explicit connections and option sections, all valid for drbdadm 9.22.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HOSTS = 64;
const host = (h) => `node${h}`;
const addr = (h) => `10.${20 + (h >> 8)}.${h & 255}.${1 + (h % 200)}`;

const GLOBAL_COMMON = `global {
    usage-count no;
}
common {
    net { protocol C; max-buffers 8000; }
    disk { on-io-error detach; }
}
`;

/** The text of resource `i` (deterministic). */
export function resourceText(i) {
    const n = 2 + (i % 3 === 0 ? 1 : 0);
    const hosts = Array.from({ length: n }, (_, k) => (i * 7 + k * 13) % HOSTS);
    const port = 7000 + i;
    const lines = [`resource r${i} {`];
    if (i % 4 === 0) lines.push(`    net { cram-hmac-alg sha1; shared-secret "secret-${i}"; after-sb-0pri discard-zero-changes; }`);
    if (i % 5 === 1) lines.push('    disk { resync-rate 100M; c-plan-ahead 20; al-extents 3389; }');
    if (i % 6 === 2) lines.push('    options { auto-promote yes; quorum majority; }');
    if (i % 7 === 3) lines.push('    handlers { fence-peer "/usr/lib/drbd/crm-fence-peer.9.sh"; }');
    const volumes = i % 8 === 0 ? 2 : 1;
    for (let v = 0; v < volumes; v++) {
        lines.push(`    volume ${v} {`, `        device minor ${i * 2 + v};`, `        disk /dev/vg${v}/r${i};`, '        meta-disk internal;', '    }');
    }
    hosts.forEach((h, k) => {
        lines.push(`    on ${host(h)} {`, `        address ${addr(h)}:${port};`, `        node-id ${k};`, '    }');
    });
    if (n === 3 && i % 2 === 0) {
        lines.push(`    connection-mesh { hosts ${hosts.map(host).join(' ')}; }`);
    } else if (n === 3) {
        for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) lines.push(`    connection { host ${host(hosts[a])}; host ${host(hosts[b])}; }`);
    }
    lines.push('}', '');
    return lines.join('\n');
}

/** One file with everything (includes global_common.conf); returns the main file's path. */
export function writeOneFile(dir, count) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'global_common.conf'), GLOBAL_COMMON);
    const parts = ['include "global_common.conf";', ''];
    for (let i = 0; i < count; i++) parts.push(resourceText(i));
    writeFileSync(join(dir, 'drbd.conf'), parts.join('\n'));
    return join(dir, 'drbd.conf');
}

/** drbd.conf including drbd.d/global_common.conf and drbd.d/*.res, one resource per file. */
export function writeManyFiles(dir, count) {
    mkdirSync(join(dir, 'drbd.d'), { recursive: true });
    writeFileSync(join(dir, 'drbd.conf'), 'include "drbd.d/global_common.conf";\ninclude "drbd.d/*.res";\n');
    writeFileSync(join(dir, 'drbd.d', 'global_common.conf'), GLOBAL_COMMON);
    for (let i = 0; i < count; i++) writeFileSync(join(dir, 'drbd.d', `r${i}.res`), resourceText(i));
    return join(dir, 'drbd.conf');
}
