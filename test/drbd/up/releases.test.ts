/**
 * The planner's release rules on hand-built configs (configs only newer releases read, and
 * configs that show a rule in a few lines); the expected lines are what the real drbdadm of that
 * release printed for the equivalent config. The differential and example tests compare whole
 * plans with every release at hand.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../server/src/drbd/model.js';
import { renderDryRun } from '../../../server/src/drbd/up/dry-run-render.js';
import { planUp } from '../../../server/src/drbd/up/plan-up.js';
import { planDown } from '../../../server/src/drbd/up/down.js';
import { addr, config, conn, ha, host, opt, path, resource, twoNodes, vol } from './factory.js';

const as = (cfg: Config, release: string): Config => ({ ...cfg, release });
const lines = (p: ReturnType<typeof planUp>) => renderDryRun(p).trimEnd().split('\n');

describe('planUp per release', () => {
    it('repairs the meta-data before replaying the activity log since 9.24.0', () => {
        const { cfg } = twoNodes();
        expect(lines(planUp(as(cfg, '9.23.1'), 'hw1', 'all')).filter((l) => l.startsWith('drbdmeta'))).toEqual([
            'drbdmeta 1 v09 /dev/sdb1 internal apply-al']);
        expect(lines(planUp(as(cfg, '9.24.0'), 'hw1', 'all')).filter((l) => l.startsWith('drbdmeta'))).toEqual([
            'drbdmeta 1 v09 /dev/sdb1 internal repair-md', 'drbdmeta 1 v09 /dev/sdb1 internal apply-al']);
    });

    it('cuts the peer name made of all its names to 64 bytes since 9.18.2', () => {
        const hw1 = host('hw1', '0', '10.0.0.1:7788', [vol(0, 1, '/dev/sdb1')]);
        const hw2 = host('beta.example.com', '1', '10.0.0.2:7788', [vol(0, 1, '/dev/sdb1')]);
        hw2.onHosts.push('beta-replica-with-a-rather-long-second-name-for-peers');
        const cfg = config(resource('r0', [hw1, hw2], [conn([path(ha(hw1), ha(hw2))], { implicit: true })], hw1));
        const newPeer = (release: string) => lines(planUp(as(cfg, release), 'hw1', 'all')).find((l) => l.includes('new-peer'));
        expect(newPeer('9.18.1')).toBe('drbdsetup new-peer r0 1 --_name=beta.example.com_beta-replica-with-a-rather-long-second-name-for-peers');
        expect(newPeer('9.18.2')).toBe('drbdsetup new-peer r0 1 --_name=beta.example.com_beta-replica-with-a-rather-long-second-name-for');
    });

    it('passes device options to new-minor, peer-tiebreaker and the NAT outside address (9.34.0)', () => {
        const volumes = (diskless: boolean, tiebreaker?: boolean) => [
            vol(0, 1, diskless ? undefined : '/dev/sdb1', { deviceOptions: [opt('block-size', '4096')], ...(tiebreaker === undefined ? {} : { tiebreaker }) }),
            vol(1, 2, '/dev/sdb2', { deviceOptions: [opt('block-size', '4096')] }),
        ];
        const hw1 = host('hw1', '0', '10.0.0.1:7788', volumes(false));
        const hw2 = host('hw2', '1', '10.0.0.2:7788', volumes(true, false));
        const peer = ha(hw2, addr('10.0.0.2:7788'));
        peer.outsideAddress = addr('192.168.1.2:7000');
        const c = conn([path(ha(hw1, addr('10.0.0.1:7788')), peer)]);
        c.peerDevices.forEach((pd) => (pd.pdOptions = [opt('c-max-rate', '100M')]));
        const res = resource('r0', [hw1, hw2], [c], hw1);
        expect(lines(planUp(as(config(res), '9.34.0'), 'hw1', 'all')).slice(0, 6)).toEqual([
            'drbdsetup new-resource r0 0',
            'drbdsetup new-minor r0 1 0 --block-size=4096',
            'drbdsetup new-minor r0 2 1 --block-size=4096',
            'drbdsetup new-peer r0 1 --_name=hw2',
            'drbdsetup new-path r0 1 ipv4:10.0.0.1:7788 ipv4:192.168.1.2:7000',
            'drbdsetup peer-device-options r0 1 0 --c-max-rate=100M --bitmap=no --peer-tiebreaker=no',
        ]);
        expect(lines(planUp(as(config(res), '9.33.0'), 'hw1', 'all'))).toContain('drbdsetup peer-device-options r0 1 0 --c-max-rate=100M --bitmap=no');
        c.peerDevices[0].pdOptions.push(opt('peer-tiebreaker', 'yes'));
        expect(lines(planUp(as(config(res), '9.34.0'), 'hw1', 'all'))).toContain('drbdsetup peer-device-options r0 1 0 --c-max-rate=100M --peer-tiebreaker=yes --bitmap=no');
    });

    it('reports a name not defined and goes on with the others since 9.32.0', () => {
        const { cfg } = twoNodes();
        expect(planUp(as(cfg, '9.31.0'), 'hw1', ['r9', 'r0'])).toMatchObject({ exitCode: 1, stderr: '', steps: [] });
        const up = planUp(as(cfg, '9.32.0'), 'hw1', ['r9', 'r0']);
        expect(up).toMatchObject({ exitCode: 1, stderr: "'r9' not defined in your config (for this host).\n" });
        expect(up.steps.length).toBe(8);
        expect(planDown(as(cfg, '9.32.0'), 'hw1', ['r0', 'r9'])).toMatchObject({ exitCode: 1, steps: [{ argv: ['drbdsetup', 'down', 'r0'] }] });
        expect(planUp(as(cfg, '9.32.0'), 'hw1', ['r0/5']).stderr).toBe("Resource 'r0' has no volume 5\n'r0/5' unexpected ctx_by_* result r=-2\n");
    });
});
