import { beforeAll, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { drbdadm, dumpedNodeIds } from '../../drbd/post-parse/oracle.js';
import { lspSession, positionOf } from './fixture.js';

const R0 = `resource r0 {
    net {
        protocol C;
        shared-secret "my-password";
    }
    disk {
        resync-rate 10M;
        c-max-rate 100M;
    }
    device minor 1;
    disk /dev/sdb1;
    meta-disk internal;
    on alpha {
        address 10.11.56.2:7788;
    }
    on bravo {
        address 10.11.56.3:7788;
    }
}
resource r1 {
    device minor 2;
    on alpha {
        node-id 3;
        address 10.0.0.1:7789;
    }
    on bravo {
        node-id 5;
        address 10.0.0.2:7789;
    }
    on charlie {
        node-id 7;
        address 10.0.0.3:7789;
    }
    connection-mesh {
        hosts alpha bravo charlie;
    }
}
`;

describe('hover', () => {
    const s = lspSession({ 'r0.res': R0 });
    const uri = () => s.ws.uri('r0.res');
    beforeAll(() => s.openAndCheck(uri(), R0));

    const hover = async (needle: string, shift = 0, occurrence = 0) => {
        const h = await s.client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri() }, position: positionOf(R0, needle, shift, occurrence) });
        return (h?.contents as MarkupContent | undefined)?.value ?? '';
    };

    it('documents an option name with type, range, default and the drbdsetup command', async () => {
        const text = await hover('resync-rate');
        expect(text).toContain('**resync-rate** (numeric)');
        expect(text).toContain('Default:');
        expect(text).toContain('drbdsetup peer-device-options');
    });

    it('converts a value with a unit suffix to the option unit', async () => {
        expect(await hover('10M')).toContain('`resync-rate 10M` = **10240 KiB/second**');
    });

    it('says what an enum value means', async () => {
        expect(await hover('protocol C', 9)).toMatch(/^`protocol C`: Synchronous/);
    });

    it('never shows the shared-secret value', async () => {
        const onValue = await hover('"my-password"', 2);
        const onName = await hover('shared-secret');
        expect(onValue).toContain('is not shown');
        for (const t of [onValue, onName]) expect(t).not.toContain('my-password');
    });

    it('explains implicit node-ids with the signed crc32c hashes on the resource name', async () => {
        const text = await hover('r0', 1);
        expect(text).toContain('| on alpha | 0 | implicit: crc32c("10.11.56.2") = 2029688778 vs crc32c("10.11.56.3") = -1970203447');
        expect(text).toContain('| on bravo | 1 |');
        expect(text).toContain('implicit (derived by drbdadm): alpha (ipv4:10.11.56.2:7788) ↔ bravo (ipv4:10.11.56.3:7788)');
    });

    it("on a host section's name, that host: its node-id as drbdadm has it, address, volumes, peers with each path's addresses", async () => {
        const ids = dumpedNodeIds((await drbdadm(s.ws.path('r0.res'))).out);
        const alpha = await hover('on alpha', 4);
        expect(alpha).toContain('**Host alpha in resource r0**');
        expect(alpha).toContain(`**node-id ${ids['r0']!['alpha']}**, computed by drbdadm: none is written (implicit: crc32c("10.11.56.2")`);
        expect(alpha).toContain('Address: ipv4:10.11.56.2:7788');
        expect(alpha).toContain('- volume 0 (implicit): /dev/drbd1 on /dev/sdb1, meta-data internal');
        expect(alpha).toContain('- to **bravo**, implicit (derived by drbdadm): ipv4:10.11.56.2:7788 ↔ bravo ipv4:10.11.56.3:7788');
        expect(alpha).not.toContain('on bravo |');
        const charlie = await hover('on charlie', 4);
        expect(charlie).toContain(`**node-id ${ids['r1']!['charlie']}** (\`node-id\` in the section)`);
        expect(charlie).toContain('- to **alpha**, implicit (derived by drbdadm): ipv4:10.0.0.3:7789 ↔ alpha ipv4:10.0.0.1:7789');
        expect(charlie).toContain('- to **bravo**');
    });

    it('shows explicit node-ids and the mesh connections on uses of host names and connection-mesh', async () => {
        const onMesh = await hover('connection-mesh', 2);
        expect(onMesh).toContain('Connects every pair');
        expect(onMesh).toContain('alpha (ipv4:10.0.0.1:7789) ↔ charlie (ipv4:10.0.0.3:7789)');
        expect(await hover('hosts alpha', 7)).toContain('| on alpha | 3 |');
    });

    it('explains keywords', async () => {
        expect(await hover('meta-disk')).toContain('meta-data');
    });
});
