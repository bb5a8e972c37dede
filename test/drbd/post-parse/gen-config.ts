/**
 * fast-check generator of drbd.conf texts that exercise post-parse: 1-5 `on` hosts with or
 * without node-ids, implicit/mesh/explicit connections, volumes, floating sections, 8.x
 * proxies, shared minors and addresses across resources, options at several levels; and the
 * statements whose reading changed between drbd-utils releases (block-size and fencing in
 * `disk {}`, 8.4 `syncer {}`, `via outside-address`, `tiebreaker`, named connections,
 * /dev/drbd_NAME devices).
 */
import fc from 'fast-check';

const HOSTS = ['hw1', 'hw2', 'hw3', 'hw4', 'hw5'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.11.56.2', '10.11.56.3', '192.168.1.10', '127.0.0.1'];
const IP6 = ['fd00::1', 'fd00::2', 'FD00::1', 'fe80::1%eth0'];

/** Mostly unique per resource and host; sometimes from a small shared pool (duplicates, hash ties). */
const address = (res: number, host: number) => fc.oneof(
    { weight: 8, arbitrary: fc.constant(`10.${res}.0.${host + 1}:${7788 + res}`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...IPS), fc.constantFrom(7788, 7789)).map(([ip, p]) => `${ip}:${p}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...IP6), fc.constantFrom(7788, 7789)).map(([ip, p]) => `ipv6 [${ip}]:${p}`) },
);

const netOption = fc.constantFrom('protocol C;', 'protocol A;', 'protocol b;', 'timeout 60;', 'sndbuf-size 1M;', 'sndbuf-size 1024k;', 'max-buffers 8000;');
const diskOption = fc.constantFrom('al-extents 3833;', 'resync-rate 10M;', 'c-max-rate 100M;', 'on-io-error detach;', 'resync-after r0;', 'resync-after r9;', 'resync-after r1/0;',
    'block-size 4096;', 'fencing resource-only;');
const syncerOption = fc.constantFrom('rate 10M;', 'verify-alg sha1;', 'al-extents 257;', 'c-plan-ahead 20;', 'after r0;');

/** `arb` once in `n` draws, else undefined. */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number) => fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const section = (kw: string, opts: string[]) => (opts.length ? `${kw} { ${opts.join(' ')} }` : '');

interface HostGen {
    name: string;
    address?: string;
    nodeId?: number;
    proxy?: string;
    volumes?: string;
    tiebreaker?: string;
}

const hostGen = (res: number, index: number, ids: 'none' | 'all' | 'some') =>
    fc.record({
        name: fc.constant(HOSTS[index]),
        address: fc.option(address(res, index), { nil: undefined, freq: 15 }),
        nodeId: ids === 'none' ? fc.constant(undefined)
            : ids === 'all' ? fc.oneof({ weight: 20, arbitrary: fc.constant(index) }, { weight: 1, arbitrary: fc.constant(32) })
            : fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        proxy: rarely(fc.constantFrom('10.0.1.1:7790', '10.0.1.2:7790'), 15),
        volumes: rarely(fc.constantFrom('volume 1 { device minor 31; disk /dev/sdc1; meta-disk internal; }', 'device minor 30;', 'meta-disk /dev/sdm[0];',
            'volume 0 { device minor 32; disk /dev/sdc2; meta-disk internal; tiebreaker no; }'), 25),
        tiebreaker: rarely(fc.constantFrom('tiebreaker no;', 'tiebreaker yes;', 'tiebreaker maybe;'), 25),
    }) satisfies fc.Arbitrary<HostGen>;

function hostText(h: HostGen): string {
    const parts = [h.address ? `address ${h.address};` : '', h.nodeId !== undefined ? `node-id ${h.nodeId};` : '', h.volumes ?? '', h.tiebreaker ?? '',
        h.proxy ? `proxy on ${h.name} { inside 127.0.0.1:7000; outside ${h.proxy}; }` : ''];
    return `  on ${h.name} {\n    ${parts.filter(Boolean).join('\n    ')}\n  }`;
}

const idModes = fc.oneof({ weight: 2, arbitrary: fc.constant('none' as const) }, { weight: 4, arbitrary: fc.constant('all' as const) }, { weight: 1, arbitrary: fc.constant('some' as const) });
const weighted = <T>(...items: [number, T][]) => fc.oneof(...items.map(([weight, v]) => ({ weight, arbitrary: fc.constant(v) })));

/** One `resource NAME {}` text; `res` picks its minor and addresses (equal numbers collide). */
export const resourceGen = (name: string, res: number) =>
    fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constant(2) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }) }), idModes).chain(([n, ids]) => fc.record({
        hosts: fc.tuple(...HOSTS.slice(0, n).map((_, i) => hostGen(res, i, ids))),
        minor: weighted([19, 10 * res + 1], [1, 1]),
        volumes: weighted([4, 'implicit'], [3, 'explicit'], [2, 'explicit2'], [1, 'none'], [1, 'arbitrary-name']),
        floating: rarely(fc.tuple(fc.constantFrom('192.0.2.2', '192.0.2.3'), fc.constantFrom(7788, 7800)), 20),
        connections: weighted([4, 'implicit'], [3, 'mesh'], [1, 'mesh-unknown'], [3, 'explicit'], [1, 'explicit-one-endpoint'], [1, 'explicit-addr'],
            [1, 'explicit-nat'], [1, 'explicit-named']),
        net: fc.array(netOption, { maxLength: 2 }),
        meshNet: fc.array(netOption, { maxLength: 1 }),
        disk: fc.array(diskOption, { maxLength: 1 }),
        syncer: rarely(fc.array(syncerOption, { minLength: 1, maxLength: 2 }), 12),
    }).map((r) => {
        const lines = [`resource ${name} {`];
        if (r.volumes === 'implicit') lines.push(`  device minor ${r.minor}; disk /dev/sdb${r.minor}; meta-disk internal;`);
        if (r.volumes.startsWith('explicit')) lines.push(`  volume 0 { device minor ${r.minor}; disk /dev/sdb${r.minor}; meta-disk internal; }`);
        if (r.volumes === 'explicit2') lines.push(`  volume 1 { device minor ${r.minor + 5}; disk none; }`);
        if (r.volumes === 'arbitrary-name') lines.push(`  device /dev/drbd_${name} minor ${r.minor}; disk /dev/sdb${r.minor}; meta-disk internal;`);
        if (r.syncer) lines.push(`  ${section('syncer', r.syncer)}`);
        if (r.net.length) lines.push(`  ${section('net', r.net)}`);
        if (r.disk.length) lines.push(`  ${section('disk', r.disk)}`);
        for (const h of r.hosts) lines.push(hostText(h));
        if (r.floating) lines.push(`  floating ${r.floating[0]}:${r.floating[1]} { node-id 7; }`);
        const names = r.hosts.map((h) => h.name);
        if (r.connections.startsWith('mesh')) {
            const hosts = r.connections === 'mesh-unknown' ? [...names, 'hw9'] : names;
            lines.push(`  connection-mesh {\n    hosts ${hosts.join(' ')};\n    ${section('net', r.meshNet)}\n  }`);
        } else if (r.connections.startsWith('explicit')) {
            for (let i = 0; i + 1 < names.length || (i === 0 && names.length === 1); i++) {
                const addr = (j: number) => r.connections === 'explicit-addr' ? ` address 10.0.2.${j + 2}:7788`
                    : r.connections === 'explicit-nat' ? ` address 10.0.2.${j + 2}:7788 via outside-address 192.168.2.${j + 2}:7788` : '';
                const second = r.connections === 'explicit-one-endpoint' || names.length === 1 ? '' : `\n    host ${names[i + 1]}${addr(i + 1)};`;
                const named = r.connections === 'explicit-named' ? ` c${i}` : '';
                lines.push(`  connection${named} {\n    host ${names[i]}${addr(i)};${second}\n  }`);
            }
        }
        lines.push('}');
        return lines.join('\n');
    }));

export const configText = fc.record({
    common: fc.option(fc.tuple(fc.array(netOption, { maxLength: 2 }), fc.array(diskOption, { maxLength: 1 })), { nil: undefined }),
    resources: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...['r0', 'r1', 'r2'].slice(0, n).map((name, i) => resourceGen(name, i)))),
}).map(({ common, resources }) => {
    const head = 'global { usage-count no; }\n';
    const commonText = common ? `common {\n  ${section('net', common[0])}\n  ${section('disk', common[1])}\n}\n` : '';
    return head + commonText + resources.join('\n') + '\n';
});
