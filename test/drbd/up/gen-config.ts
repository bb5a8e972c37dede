/**
 * fast-check generator of drbd.conf texts for the differential test against drbdadm: 2–5 hosts,
 * implicit / mesh / explicit connections (with paths, endpoint addresses, proxies), ipv4/ipv6,
 * floating sections, hosts with a long second name, several volumes with diskless hosts and
 * meta-data forms, option sets in common / resource / connection / volume, sometimes a second
 * resource. Some configs are invalid
 * on purpose (missing node-ids, conflicting protocols, >2 hosts without connections).
 */
import fc from 'fast-check';

export interface GeneratedConfig {
    text: string;
    /** Host names to run drbdadm as: every `on` name, proxy host names, floating address texts. */
    hosts: string[];
}

const NAMES = ['hw1', 'hw2', 'alpha', 'beta.example.com', 'Node5', 'hw6'];

interface HostSpec {
    name: string;
    floating: boolean;
    ipv6: boolean;
    nodeId: number | undefined;
    diskless: boolean[];
    /** A second name in its `on` section: the peer name drbdadm makes of both is over 64 bytes. */
    alias: boolean;
}

// One value per option name, so that inheritance rarely turns ambiguous; protocol A/C sometimes does.
const netOpt = fc.constantFrom('protocol C;', 'protocol C;', 'protocol A;', 'max-buffers 8k;', 'timeout 60;', 'sndbuf-size 1M;',
    'allow-two-primaries;', 'shared-secret "s e#c";', 'cram-hmac-alg sha1;', 'ping-int 10;', 'no-tcp-cork;');
const diskOpt = fc.constantFrom('on-io-error detach;', 'disk-flushes no;', 'resync-rate 33M;', 'c-max-rate 200M;',
    'al-extents 1237;', 'c-min-rate 1M;', 'md-flushes no;', 'bitmap yes;');
const pdOpt = fc.constantFrom('resync-rate 33M;', 'c-max-rate 200M;', 'c-plan-ahead 20;', 'c-fill-target 1M;');
const resOpt = fc.constantFrom('quorum majority;', 'auto-promote no;', 'on-no-quorum io-error;', 'cpu-mask 3;');

const section = (kw: string, opts: fc.Arbitrary<string>, max = 3) =>
    fc.uniqueArray(opts, { maxLength: max }).map((o) => (o.length ? `${kw} { ${o.join(' ')} }` : ''));

function address(i: number, h: HostSpec, res: number, port: number): string {
    return h.ipv6 ? `ipv6 [fd0${res}::${i + 1}]:${port}` : `10.${res}.0.${i + 1}:${port}`;
}

const hostSpecs = fc.integer({ min: 2, max: 5 }).chain((n) =>
    fc.tuple(
        fc.shuffledSubarray(NAMES, { minLength: n, maxLength: n }),
        fc.array(fc.record({
            floating: fc.nat(7).map((x) => x === 0),
            ipv6: fc.nat(9).map((x) => x < 2),
            dropId: fc.nat(59).map((x) => x === 0),
            diskless: fc.array(fc.nat(4).map((x) => x === 0), { minLength: 3, maxLength: 3 }),
            alias: fc.nat(9).map((x) => x === 0),
        }), { minLength: n, maxLength: n }),
    ).map(([names, props]) => names.map((name, i): HostSpec => ({
        name, floating: props[i].floating && i > 0, ipv6: props[i].ipv6, nodeId: props[i].dropId ? undefined : i,
        diskless: props[i].diskless, alias: props[i].alias,
    }))));

const topology = fc.constantFrom('implicit', 'implicit', 'mesh', 'explicit', 'explicit', 'none');

const resourceArb = (res: number) => fc.record({
    hosts: hostSpecs,
    topology,
    volumes: fc.integer({ min: 1, max: 3 }),
    implicitVolume: fc.nat(4).map((x) => x === 0),
    meta: fc.constantFrom('meta-disk internal;', '', 'meta-disk /dev/md0;', 'meta-disk /dev/mdR [N];', 'flexible-meta-disk /dev/md1;'),
    net: section('net', netOpt),
    disk: section('disk', fc.oneof(diskOpt, pdOpt)),
    options: section('options', resOpt, 2),
    volDisk: section('disk', fc.oneof(diskOpt, pdOpt), 2),
    connNet: section('net', netOpt, 2),
    connDisk: section('disk', pdOpt, 2),
    connVolDisk: section('disk', pdOpt, 1),
    pairs: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { minLength: 1, maxLength: 4 }),
    pathStyle: fc.array(fc.constantFrom('plain', 'port', 'address', 'paths', 'proxy'), { minLength: 4, maxLength: 4 }),
    meshSubset: fc.boolean(),
}).map((g) => renderResource(res, g));

type ResGen = {
    hosts: HostSpec[]; topology: string; volumes: number; implicitVolume: boolean; meta: string; net: string; disk: string;
    options: string; volDisk: string; connNet: string; connDisk: string; connVolDisk: string; pairs: [number, number][];
    pathStyle: string[]; meshSubset: boolean;
};

function renderResource(res: number, g: ResGen): { text: string; hosts: string[] } {
    const hosts = g.hosts;
    const basePort = 7000 + res * 10;
    const names: string[] = [];
    const lines: string[] = [`resource r${res} {`];
    for (const s of [g.options, g.net, g.disk]) if (s) lines.push(`  ${s}`);
    const nvol = g.implicitVolume ? 1 : g.volumes;
    const meta = (v: number) => (g.meta.includes('[N]')
        ? g.meta.replace('[N]', `[${v}]`).replace('mdR', `md${res}`)
        : g.meta.replace(/\/dev\/md\d/, `/dev/md${res}${v}`));
    if (g.implicitVolume) lines.push(`  device minor ${res * 10}; disk /dev/vg/r${res}v0; ${meta(0)}`);
    else for (let v = 0; v < nvol; v++)
        lines.push(`  volume ${v} { device minor ${res * 10 + v}; disk /dev/vg/r${res}v${v}; ${meta(v)} ${v === 0 ? g.volDisk : ''} }`);
    hosts.forEach((h, i) => {
        const body: string[] = [];
        if (h.nodeId !== undefined) body.push(`node-id ${h.nodeId};`);
        for (let v = 0; v < nvol; v++)
            if (h.diskless[v]) body.push(g.implicitVolume ? 'disk none;' : `volume ${v} { disk none; }`);
        if (h.floating) {
            lines.push(`  floating ${address(i, h, res, basePort)} { ${body.join(' ')} }`);
            if (!h.ipv6) names.push(`10.${res}.0.${i + 1}`);
        } else {
            const alias = h.alias ? ` ${h.name.split('.')[0]}-replica-with-a-long-second-name-for-its-peers` : '';
            lines.push(`  on ${h.name}${alias} { address ${address(i, h, res, basePort)}; ${body.join(' ')} }`);
            names.push(h.name);
        }
    });
    const ref = (i: number) => (hosts[i].floating ? `address ${address(i, hosts[i], res, basePort)}` : `host ${hosts[i].name}`);
    const onHosts = hosts.map((h, i) => ({ h, i })).filter((x) => !x.h.floating);
    if (g.topology === 'mesh') {
        const members = g.meshSubset && onHosts.length > 2 ? onHosts.slice(0, onHosts.length - 1) : onHosts;
        lines.push(`  connection-mesh { hosts ${members.map((x) => x.h.name).join(' ')}; ${g.connNet} }`);
    } else if (g.topology === 'explicit') {
        g.pairs.forEach(([a0, b0], k) => {
            const a = a0 % hosts.length;
            const b = b0 % hosts.length === a ? (a + 1) % hosts.length : b0 % hosts.length;
            const style = g.pathStyle[k];
            const port = basePort + 1 + k;
            const ep = (i: number) => {
                if (hosts[i].floating) return `${ref(i)};`;
                if (style === 'port') return `host ${hosts[i].name} port ${port};`;
                if (style === 'address') return `host ${hosts[i].name} address ${address(i, hosts[i], res, port)};`;
                if (style === 'proxy')
                    return `host ${hosts[i].name} address 127.0.0.1:${port + 100 * i} via proxy on p${i} { inside 127.0.0.${i + 2}:${port}; outside 192.168.${res}.${i + 1}:${port}; }`;
                return `${ref(i)};`;
            };
            const eps = style === 'paths'
                ? `path { ${ep(a)} ${ep(b)} } path { host ${hosts[a].name} address 172.16.${res}.${a + 1}:${port}; host ${hosts[b].name} address 172.16.${res}.${b + 1}:${port}; }`
                : `${ep(a)} ${ep(b)}`;
            const usePaths = style === 'paths' && !hosts[a].floating && !hosts[b].floating;
            lines.push(`  connection { ${usePaths ? eps : `${ep(a)} ${ep(b)}`} ${k === 0 ? g.connNet : ''} ${k === 0 ? g.connDisk : ''} ${k === 1 && g.connVolDisk ? `volume 0 { ${g.connVolDisk} }` : ''} }`);
            if (style === 'proxy') names.push(`p${a}`, `p${b}`);
        });
    }
    lines.push('}');
    return { text: lines.join('\n') + '\n', hosts: names };
}

const commonArb = fc.record({ net: section('net', netOpt, 2), disk: section('disk', fc.oneof(diskOpt, pdOpt), 2), options: section('options', resOpt, 1) })
    .map((c) => (c.net || c.disk || c.options ? `common { ${c.net} ${c.disk} ${c.options} }\n` : ''));

export const configArb: fc.Arbitrary<GeneratedConfig> = fc.tuple(commonArb, resourceArb(0), fc.option(resourceArb(1), { freq: 3 }))
    .map(([common, r0, r1]) => ({
        text: common + r0.text + (r1?.text ?? ''),
        // Also as drbdadm's name rule sees them: other case, a domain added to a short name.
        hosts: [...new Set([...r0.hosts, ...(r1?.hosts ?? []), r0.hosts[0].toUpperCase(), `${r0.hosts[1]}.example.org`])],
    }));
