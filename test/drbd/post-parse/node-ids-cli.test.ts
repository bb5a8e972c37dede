import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIdsCommand } from '../../../server/src/cli/node-ids.js';
import { drbdadm, dumpedNodeIds } from './oracle.js';
import { openConfig } from '../../../server/src/cli/config-input.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';

const dir = mkdtempSync(join(tmpdir(), 'drbd-node-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = () => {
    let text = '';
    return { write: (s: string) => (text += s), get text() { return text; } };
};

async function both(name: string, text: string) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const out = capture();
    const err = capture();
    const rc = nodeIdsCommand(openConfig(file, process.cwd()), DEFAULT_RELEASE, out, err);
    return { rc, out: out.text, err: err.text, oracle: await drbdadm(file) };
}

const BASE = 'resource r0 {\n  device minor 1; disk /dev/sdb1; meta-disk internal;\n';

describe('drbdconf node-ids', () => {
    it('prints the node-ids of drbdadm dump all, keyed by the names as dump prints them', async () => {
        const r = await both('ok.res', `${BASE}  on alpha a2 { address 10.11.56.2:7788; }\n  on beta { address 10.11.56.3:7788; }\n}\n` +
            'resource r1 {\n  device minor 2; disk /dev/sdb2; meta-disk internal;\n  on hw1 { address 10.0.1.1:7788; node-id 3; }\n' +
            '  on hw2 { address 10.0.1.2:7788; node-id 5; }\n  floating 192.0.2.2:7788 { node-id 1; }\n  connection-mesh { hosts hw1 hw2; }\n}\n');
        expect(r.oracle.rc).toBe(0);
        expect(r.rc).toBe(0);
        expect(JSON.parse(r.out)).toEqual(dumpedNodeIds(r.oracle.out));
    });

    it('exits like drbdadm on an invalid config and says why', async () => {
        const r = await both('bad.res', `${BASE}  on hw1 { address 10.0.0.1:7788; }\n  on hw2 { address 10.0.0.2:7788; }\n  connection { host hw1; host hw2; }\n}\n`);
        expect(r.rc).toBe(r.oracle.rc);
        expect(r.out).toBe('');
        expect(r.err).toContain("in resource r0, on hw1 { ... }: 'node-id' keyword missing.");
    });

    it('exits 20 on equal address hashes', async () => {
        const r = await both('luck.res', `${BASE}  on hw1 { address 10.0.0.1:7788; }\n  on hw2 { address 10.0.0.1:7789; }\n}\n`);
        expect([r.rc, r.oracle.rc]).toEqual([20, 20]);
        expect(r.err).toContain('BAD LUCK, equal hashes');
    });
});
