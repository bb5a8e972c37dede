/** The `drbd/applyPlan` request over the real LSP protocol: the files Apply sends and where they go. */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApplyPlanRequestMethod, type ApplyPlanResult } from '../../common/src/protocol.js';
import { lspSession } from './lsp/fixture.js';

const MAIN = 'include "drbd.d/*.res";\n';
const R0 = `resource r0 {
    device minor 1; disk /dev/sdb1; meta-disk internal;
    on hw1 { address 10.0.0.1:7788; node-id 0; }
    on hw2 { address 10.0.0.2:7788; node-id 1; }
}
`;

describe('apply plan over LSP', () => {
    const session = lspSession({ 'drbd.conf': MAIN, 'drbd.d/r0.res': R0 });

    it('maps the main file to /etc/drbd.conf and its includes beside it, with each host\'s resources', async () => {
        const uri = session.ws.uri('drbd.d/r0.res');
        await session.openAndCheck(uri, R0);
        const plan = await session.client.request<ApplyPlanResult>(ApplyPlanRequestMethod, { uri, resource: 'r0' });
        expect(plan.configErrors).toEqual([]);
        expect(plan.files.map((f) => [f.rel, f.remote, Buffer.from(f.base64, 'base64').toString()])).toEqual([
            ['drbd.conf', '/etc/drbd.conf', MAIN],
            ['drbd.d/r0.res', '/etc/drbd.d/r0.res', R0],
        ]);
        expect(plan.targets).toEqual([{ host: 'hw1', resources: ['r0'] }, { host: 'hw2', resources: ['r0'] }]);
        const other = await session.client.request<ApplyPlanResult>(ApplyPlanRequestMethod, { uri, resource: 'r0', remoteConfig: '/etc/drbd-90.conf' });
        expect(other.files.map((f) => f.remote)).toEqual(['/etc/drbd-90.conf', '/etc/drbd.d/r0.res']);
    });

    it('refuses an include by absolute path: the hosts would read their own file there', async () => {
        const uri = session.ws.uri('drbd.conf');
        // Saved, as the client saves the configuration's documents before it asks.
        const text = `include "${session.ws.path('drbd.d')}/*.res";\n`;
        writeFileSync(session.ws.path('drbd.conf'), text);
        await session.client.open(uri, text);
        const plan = await session.client.request<ApplyPlanResult>(ApplyPlanRequestMethod, { uri, resource: 'r0' });
        expect(plan.files).toEqual([]);
        expect(plan.configErrors.join('\n')).toMatch(/include of an absolute path/);
    });
});
