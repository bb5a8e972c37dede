import { describe, expect, it } from 'vitest';
import { planDown } from '../../../server/src/drbd/up/down.js';
import { renderDryRun } from '../../../server/src/drbd/up/dry-run-render.js';
import { config, twoNodes } from './factory.js';

describe('planDown', () => {
    it('takes each selected resource down with one drbdsetup call', () => {
        const a = twoNodes().res;
        const b = twoNodes().res;
        b.name = 'r1';
        const plan = planDown(config(a, b), 'hw1', 'all');
        expect(renderDryRun(plan)).toBe('drbdsetup down r0\ndrbdsetup down r1\n');
        expect(plan.steps[0]).toMatchObject({ stage: 'down', resource: 'r0', loc: a.nameLoc });
    });

    it('refuses like up', () => {
        expect(planDown(twoNodes().cfg, 'hw1', ['r7']).exitCode).toBe(1);
    });
});
