import { describe, expect, it } from 'vitest';
import { planUp } from '../../../server/src/drbd/up/plan-up.js';
import { renderDryRun } from '../../../server/src/drbd/up/dry-run-render.js';
import { addr, config, conn, ha, host, opt, path, resource, twoNodes, vol } from './factory.js';

const lines = (p: ReturnType<typeof planUp>) => renderDryRun(p).trimEnd().split('\n');

describe('planUp stages', () => {
    it('orders the two-node example as drbdadm does (spec 4.3)', () => {
        expect(lines(planUp(twoNodes('hw1').cfg, 'hw1', ['r0']))).toEqual([
            'drbdsetup new-resource r0 0',
            'drbdsetup new-minor r0 1 0',
            'drbdsetup new-peer r0 1 --_name=hw2',
            'drbdsetup new-path r0 1 ipv4:10.11.56.2:7788 ipv4:10.11.56.3:7788',
            'drbdmeta 1 v09 /dev/sdb1 internal apply-al',
            'drbdsetup attach 1 /dev/sdb1 /dev/sdb1 internal',
            'drbdsetup connect r0 1',
        ]);
    });

    it('labels each step with its stage and points at its construct', () => {
        const { cfg, res } = twoNodes('hw2');
        const plan = planUp(cfg, 'hw2', 'all');
        expect(plan.steps.map((s) => s.stage)).toEqual([
            'create res', 'prepare disk', 'prepare net', 'prepare net', 'adjust disk', 'adjust disk', 'attempt to connect']);
        expect(plan.steps[2].loc).toBe(res.connections[0].loc);
        expect(plan.steps[3].loc).toBe(res.connections[0].paths[0].loc);
    });

    it('runs each stage for all resources before the next', () => {
        const a = twoNodes().res;
        const b = twoNodes().res;
        b.name = 'r1';
        const out = lines(planUp(config(b, a), 'hw1', 'all'));
        expect(out.slice(0, 4)).toEqual(['drbdsetup new-resource r1 0', 'drbdsetup new-resource r0 0',
            'drbdsetup new-minor r1 1 0', 'drbdsetup new-minor r0 1 0']);
    });

    it('marks diskless volumes: --diskless locally, --bitmap=no towards a diskless peer', () => {
        const hw1 = host('hw1', '0', '10.0.0.1:7000', [vol(0, 10, '/dev/vg/a')]);
        const hw3 = host('hw3', '2', '10.0.0.3:7000', [vol(0, 10, undefined)]);
        const res = resource('r0', [hw1, hw3], [conn([path(ha(hw1), ha(hw3))])], hw1);
        res.connections[0].peerDevices[0].pdOptions = [opt('c-max-rate', '100M')];
        expect(lines(planUp(config(res), 'hw1', 'all'))).toContain('drbdsetup peer-device-options r0 2 0 --c-max-rate=100M --bitmap=no');
        const res3 = resource('r0', [hw1, hw3], [conn([path(ha(hw1), ha(hw3))])], hw3);
        const out3 = lines(planUp(config(res3), 'hw3', 'all'));
        expect(out3).toContain('drbdsetup new-minor r0 10 0 --diskless');
        expect(out3.some((l) => l.includes('attach') || l.includes('peer-device-options'))).toBe(false);
    });

    it('keeps an explicit _name and puts the implicit one first', () => {
        const { cfg, res } = twoNodes();
        res.connections[0].netOptions = [opt('timeout', '60')];
        expect(lines(planUp(cfg, 'hw1', 'all'))[2]).toBe('drbdsetup new-peer r0 1 --_name=hw2 --timeout=60');
        res.connections[0].netOptions = [opt('timeout', '60'), opt('_name', 'x y')];
        expect(lines(planUp(cfg, 'hw1', 'all'))[2]).toBe('drbdsetup new-peer r0 1 --timeout=60 --_name=x\\ y');
    });

    it('uses endpoint addresses, ipv6 brackets, and the own proxy inside address', () => {
        const hw1 = host('hw1', '0', '10.0.0.1:7000', [vol(0, 1, '/dev/sdb')]);
        const hw2 = host('hw2', '1', '10.0.0.2:7000', [vol(0, 1, '/dev/sdb')]);
        const p1 = ha(hw1, addr('fd00::1:7001', 'ipv6'));
        p1.proxy = { onHosts: ['p1'], inside: addr('127.0.0.1:7789'), outside: addr('192.0.2.1:7790'), options: [], plugins: [], loc: p1.loc };
        const res = resource('r0', [hw1, hw2], [conn([path(p1, ha(hw2, { port: '7005' }))])], hw1);
        expect(lines(planUp(config(res), 'hw1', 'all'))).toContain('drbdsetup new-path r0 1 ipv6:\\[fd00::1\\]:7001 ipv4:127.0.0.1:7789');
        const res2 = resource('r0', [hw1, hw2], [conn([path(ha(hw1, addr('fd00::1:7001', 'ipv6')), ha(hw2, { port: '7005' }))])], hw2);
        expect(lines(planUp(config(res2), 'hw2', 'all'))).toContain('drbdsetup new-path r0 0 ipv4:10.0.0.2:7005 ipv6:\\[fd00::1\\]:7001');
    });

    it('passes external and indexed meta-data and disk options to drbdmeta and attach', () => {
        const v = vol(0, 3, '/dev/sdc', { metaDisk: '/dev/md', metaIndex: 'flexible', diskOptions: [opt('on-io-error', 'detach')] });
        const w = vol(1, 4, '/dev/sdd', { metaDisk: '/dev/md', metaIndex: '2' });
        const hw1 = host('hw1', '0', '10.0.0.1:7000', [v, w]);
        const res = resource('r0', [hw1], [], hw1);
        expect(lines(planUp(config(res), 'hw1', 'all')).slice(3)).toEqual([
            'drbdmeta 3 v09 /dev/md flex-external apply-al',
            'drbdsetup attach 3 /dev/sdc /dev/md flexible --on-io-error=detach',
            'drbdmeta 4 v09 /dev/md 2 apply-al',
            'drbdsetup attach 4 /dev/sdd /dev/md 2',
        ]);
    });

    it('dies like drbdadm when a connection has no peer endpoint', () => {
        const { cfg, res } = twoNodes();
        res.connections[0].paths[0].hnameAddresses.pop();
        const plan = planUp(cfg, 'hw1', 'all');
        expect(plan).toMatchObject({ steps: [], exitCode: 139 });
        expect(plan.stderr).toContain("Missing statement 'host <PEER> '.");
        expect(planUp(cfg, 'hw1', ['r0']).exitCode).toBe(10);
    });
});

describe('resource selection', () => {
    it('refuses unknown and foreign resources, and empty configs', () => {
        const { cfg } = twoNodes();
        expect(planUp(cfg, 'hw1', ['r9'])).toMatchObject({ exitCode: 1, stderr: "'r9' not defined in your config (for this host).\n" });
        expect(planUp(config(), 'hw1', 'all')).toMatchObject({ exitCode: 1, stderr: 'no resources defined!\n' });
        cfg.resources[0].ignore = true;
        expect(planUp(cfg, 'hw3', 'all')).toMatchObject({
            exitCode: 1,
            stderr: "WARN: no normal resources defined for this host (hw3)!?\nMisspelled name of the local machine with the 'on' keyword ?\n",
        });
    });

    it('refuses naming a connected resource twice, and hides a later unknown name', () => {
        const { cfg } = twoNodes();
        expect(planUp(cfg, 'hw1', ['r0', 'r0'])).toMatchObject({ exitCode: 1, stderr: 'USAGE_BUG: r0 would enable an already enabled connection\n' });
        expect(planUp(cfg, 'hw1', ['r0', 'r9'])).toMatchObject({ exitCode: 1, stderr: '' });
    });

    it('takes stacked resources only in stacked mode or by name', () => {
        const { cfg, res } = twoNodes();
        res.stacked = true;
        expect(planUp(cfg, 'hw1', 'all').exitCode).toBe(1);
        expect(planUp(cfg, 'hw1', 'all', { stacked: true }).steps.length).toBe(7);
        expect(planUp(cfg, 'hw1', ['r0']).steps.length).toBe(7);
    });
});
