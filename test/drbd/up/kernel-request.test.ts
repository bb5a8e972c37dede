import { describe, expect, it } from 'vitest';
import { kernelRequest } from '../../../server/src/drbd/up/kernel-request.js';
import { planUp } from '../../../server/src/drbd/up/plan-up.js';
import { twoNodes } from './factory.js';

describe('kernelRequest', () => {
    it('names the netlink request of every drbdsetup step, none for drbdmeta', () => {
        const steps = planUp(twoNodes().cfg, 'hw1', 'all').steps;
        expect(steps.map((s) => kernelRequest(s)?.request)).toEqual([
            'DRBD_ADM_NEW_RESOURCE', 'DRBD_ADM_NEW_MINOR', 'DRBD_ADM_NEW_PEER', 'DRBD_ADM_NEW_PATH', undefined,
            'DRBD_ADM_ATTACH', 'DRBD_ADM_CONNECT']);
        expect(kernelRequest(steps[2])?.attrs).toEqual(['DRBD_NLA_CFG_CONTEXT', 'DRBD_NLA_NET_CONF']);
        expect(steps.every((s) => s.argv[0] !== 'drbdsetup' || kernelRequest(s)!.doc.length > 10)).toBe(true);
    });
});
