import { expect, test } from 'vitest';
import type { HostPlan } from '../../server/src/drbd/up/plan.js';
import { nameProblem, namingProblems, resourcesOf } from '../../common/src/remote/names.js';

test.each([
    ['host', 'hw1', undefined],
    ['host', 'my host;$(x)', undefined],
    ['host', '', 'host name is empty'],
    ['host', '-oProxyCommand=x', `host name "-oProxyCommand=x" starts with '-'`],
    ['destination', 'root@hw1', undefined],
    ['destination', '-F/tmp/x', `destination name "-F/tmp/x" starts with '-'`],
    ['resource', 'r0\tx', 'resource name "r0\\tx" contains control characters'],
    ['resource', 'r0/1', `resource name "r0/1" contains '/'`],
    ['resource', 'x'.repeat(256), 'resource name is longer than 255 characters'],
] as const)('%s %j', (kind, name, problem) => {
    expect(nameProblem(kind, name)).toBe(problem);
});

const plan = (host: string, resources: string[]): HostPlan => ({
    host,
    exitCode: 0,
    stderr: '',
    steps: resources.map((resource) => ({ host, resource, stage: 'create res', argv: ['drbdsetup', 'new-resource', resource, '0'] })),
});

test('plans: every host, destination and resource is checked; duplicates are refused', () => {
    expect(namingProblems([plan('hw1', ['r0', 'r1', 'r0'])], { hw1: 'root@hw1' })).toEqual([]);
    expect(resourcesOf(plan('hw1', ['r0', 'r1', 'r0']))).toEqual(['r0', 'r1']);
    expect(namingProblems([plan('hw1', ['-x']), plan('hw1', ['r0'])], { hw1: '-oX' })).toEqual([
        `destination name "-oX" starts with '-'`,
        `resource name "-x" starts with '-'`,
        'host "hw1" has two plans',
    ]);
});
