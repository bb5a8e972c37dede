import { describe, expect, it } from 'vitest';
import { computeNodeIds, explainNodeIds, postParse } from '../../../server/src/drbd/post-parse/index.js';
import { config, floating, mesh, on, resource, vol0 } from './factory.js';

const run = (...hosts: ReturnType<typeof on>[]) => {
    const c = config(resource('r0', hosts, { volumes: [vol0(1)] }));
    const result = postParse(c, { hostname: 'corpus-oracle' });
    return { ...result, ids: computeNodeIds(c).r0, c };
};

describe('implicit node-ids (behaviour §3 worked examples)', () => {
    it.each([
        ['10.11.56.2:7788', '10.11.56.3:7788', 0, 1],
        ['10.11.56.3:7788', '10.11.56.2:7788', 1, 0],
        ['ipv6 [fd00::1]:7788', 'ipv6 [fd00::2]:7788', 0, 1],
        ['ipv6 [FD00::1]:7788', 'ipv6 [fd00::2]:7788', 1, 0],
        ['10.1.1.1:7788', '10.1.1.2:7788', 1, 0],
        ['ssocks 10.1.1.1:7788', 'sdp 10.1.1.2:7788', 1, 0],
        ['172.16.0.5:7789', '172.16.0.6:7789', 1, 0],
        ['192.168.1.10:7000', '192.168.1.20:7000', 0, 1],
        ['ipv6 [fe80::1%eth0]:7788', 'ipv6 [fe80::2%eth0]:7788', 0, 1],
        ['ipv6 [::ffff:10.0.0.1]:7788', '10.0.0.2:7788', 0, 1],
    ])('alpha %s, beta %s → %i/%i', (a, b, ia, ib) => {
        const r = run(on('alpha', { address: a }), on('beta', { address: b, line: 4 }));
        expect(r.exitCode).toBe(0);
        expect(r.ids).toEqual({ alpha: ia, beta: ib });
    });

    it('does not depend on section order (#3)', () => {
        const r = run(on('beta', { address: '10.11.56.3:7788' }), on('alpha', { address: '10.11.56.2:7788', line: 4 }));
        expect(r.ids).toEqual({ alpha: 0, beta: 1 });
    });

    it('gives floating sections ids, which dump does not print as `on` (#13)', () => {
        const c = config(resource('r0', [floating('192.0.2.2:7788'), floating('192.0.2.3:7788', { line: 4 })], { volumes: [vol0(1)] }));
        expect(postParse(c, { hostname: 'x' }).exitCode).toBe(0);
        expect(c.resources[0].allHosts.map((h) => h.nodeId)).toEqual(['1', '0']);
        expect(computeNodeIds(c)).toEqual({});
    });

    it('stops with BAD LUCK on equal hashes, on both addresses (#6)', () => {
        const r = run(on('alpha', { address: '10.0.0.1:7788' }), on('beta', { address: '10.0.0.1:7789', line: 4 }));
        expect(r.exitCode).toBe(20);
        const bad = r.diagnostics.filter((d) => d.code === 'node-id/equal-hashes');
        expect(bad.map((d) => [d.severity, d.message, d.loc.line])).toEqual([['error', 'BAD LUCK, equal hashes', 3], ['error', 'BAD LUCK, equal hashes', 4]]);
        expect(r.diagnostics.some((d) => d.severity === 'info' && d.code === 'node-id/equal-hashes-consequence')).toBe(true);
    });

    it('falls back to the proxies\' outside addresses (#14)', () => {
        const r = run(on('hw1', { address: '127.0.0.1:7788', proxyOutside: '10.0.0.1:7790' }),
            on('hw2', { address: '127.0.0.1:7788', proxyOutside: '10.0.0.2:7790', line: 4 }));
        expect(r.ids).toEqual({ hw1: 0, hw2: 1 });
        expect(explainNodeIds(r.c, 'r0')!.hosts[0].reason).toContain('proxy outside of');
    });

    it('gives a 2-host mesh implicit ids (#15)', () => {
        const c = config(resource('r0', [on('hw1', { address: '10.0.0.1:7788' }), on('hw2', { address: '10.0.0.2:7788', line: 4 })],
            { volumes: [vol0(1)], meshes: [mesh(5, 'hw1', 'hw2')] }));
        expect(postParse(c, { hostname: 'x' }).exitCode).toBe(0);
        expect(computeNodeIds(c)).toEqual({ r0: { hw1: 0, hw2: 1 } });
    });

    it('fails a 3-host mesh without ids for the third host, with a hint', () => {
        const c = config(resource('r0', [on('hw1', { address: '10.0.0.1:7788' }), on('hw2', { address: '10.0.0.2:7788', line: 4 }),
            on('hw3', { address: '10.0.0.3:7788', line: 5 })], { volumes: [vol0(1)], meshes: [mesh(6, 'hw1', 'hw2', 'hw3')] }));
        const r = postParse(c, { hostname: 'x' });
        expect(r.exitCode).toBe(10);
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.message, d.loc.line]))
            .toEqual([["in resource r0, on hw3 { ... }: 'node-id' keyword missing.", 5]]);
        expect(r.diagnostics.some((d) => d.code === 'node-id/missing-why' && d.loc.line === 5)).toBe(true);
    });

    it('explains explicit and implicit ids', () => {
        const r = run(on('alpha', { address: '10.11.56.2:7788' }), on('beta', { address: '10.11.56.3:7788', line: 4 }));
        const e = explainNodeIds(r.c, 'r0')!;
        expect(e.hosts.map((h) => [h.section, h.nodeId, h.source])).toEqual([['on alpha', 0, 'implicit'], ['on beta', 1, 'implicit']]);
        expect(e.hosts[0].reason).toBe('implicit: crc32c("10.11.56.2") = 2029688778 vs crc32c("10.11.56.3") = -1970203447 (signed); the larger hash gets node-id 0');
        expect(e.connections).toEqual([{ implicit: true, endpoints: [['alpha (ipv4:10.11.56.2:7788)', 'beta (ipv4:10.11.56.3:7788)']] }]);
    });
});
