/**
 * Hand-picked configs for what the generator does not reach (named selections and drbdadm's
 * refusals, stacked resources, 8.x proxies, floating matched by name, escaping, resync-after,
 * a peer without address, the syntax of newer releases), each compared for the listed calls with
 * the installed drbdadm and with every release in DRBD_UTILS_DIR (see otherReleases).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dryRunCommand } from '../../../server/src/cli/plan-dry-run.js';
import { runDrbdadm, runOurs, type OracleCall, type Verb } from './oracle.js';
import { openConfig } from '../../../server/src/cli/config-input.js';
import { atLeast } from '../../../server/src/drbd/release.js';
import { INSTALLED_RELEASE, otherReleases } from '../../oracle.js';

const root = mkdtempSync(join(tmpdir(), 'drbdconf-up-examples-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TWO = `resource r0 {
  device /dev/drbd1; disk /dev/sdb1; meta-disk internal;
  on hw1 { address 10.11.56.2:7788; }
  on hw2 { address 10.11.56.3:7788; }
}
`;

interface Example {
    name: string;
    text: string;
    hosts: string[];
    selections: string[][];
    verbs?: Verb[];
    /** The first release whose drbdadm reads the config. */
    since?: string;
}

const EXAMPLES: Example[] = [
    {
        name: 'named selections and refusals',
        text: TWO + 'resource r1 {\n  device minor 2; disk /dev/sdc;\n  on hw1 { address 10.0.0.1:7000; node-id 0; }\n  on hw3 { address 10.0.0.3:7000; node-id 1; }\n}\n',
        hosts: ['hw1', 'hw2', 'hw3', 'HW1.example.com'],
        selections: [['all'], ['r0'], ['r1', 'r0'], ['r0', 'r0'], ['r0', 'r9'], ['r9', 'r0'], ['r9'], ['minor-1'], ['minor-2', 'r0'], ['r0/0'], ['r1/3']],
    },
    {
        name: 'stacked resource',
        text: `resource r0 {
  device /dev/drbd0; disk /dev/sda7; meta-disk internal;
  on hw1 { address 192.168.1.1:7788; }
  on hw2 { address 192.168.1.2:7788; }
}
resource r0-U {
  net { protocol A; }
  stacked-on-top-of r0 { device /dev/drbd10; address 192.168.42.1:7788; node-id 0; }
  on hw3 { device /dev/drbd10; disk /dev/hdc1; address 192.168.42.2:7788; meta-disk internal; node-id 1; }
}
`,
        hosts: ['hw1', 'hw2', 'hw3'],
        selections: [['all'], ['r0-U'], ['r0', 'r0-U']],
    },
    {
        name: '8.x proxy sections, ipv6, sdp and escaped option values',
        text: `resource r0 {
  net { shared-secret "a b\\"c\\\\d#e"; }
  device minor 1; disk /dev/sdb1;
  on hw1 { address sdp 10.0.0.1:7788; node-id 0; proxy on p1 { inside 127.0.0.1:7789; outside 10.1.0.1:7790; } }
  on hw2 { address sdp 10.0.0.2:7788; node-id 1; proxy on p2 { inside 127.0.0.2:7789; outside 10.1.0.2:7790; } }
}
resource r1 {
  net { shared-secret "\\"quoted\\""; cram-hmac-alg "sha1"; }
  device minor 2; disk /dev/sdc; meta-disk /dev/md [3];
  on hw1 { address ipv6 [fd00::1]:7000; node-id 4; }
  on hw2 { address ipv6 [FD00:0::2]:7000; node-id 5; }
}
`,
        hosts: ['hw1', 'hw2', 'p1'],
        selections: [['all'], ['r1']],
    },
    {
        name: 'floating matched by the address text, explicit connection by address',
        text: `resource r0 {
  device minor 1; disk /dev/sdb1;
  floating 10.9.0.2:7788 { node-id 0; }
  floating 10.9.0.3:7788 { node-id 1; }
  connection { address 10.9.0.2:7788; address 10.9.0.3:7788; net { protocol C; } }
}
`,
        hosts: ['10.9.0.2', '10.9.0.3', 'hw1'],
        selections: [['all'], ['r0']],
    },
    {
        name: 'resync-after, per-volume connection options, host options',
        text: `resource r0 {
  device minor 1; disk /dev/sdb1;
  on hw1 { address 10.0.0.1:7788; node-id 0; options { cpu-mask 1; } }
  on hw2 { address 10.0.0.2:7788; node-id 1; }
}
resource r1 {
  disk { resync-after r0; c-max-rate 10M; }
  volume 0 { device minor 5; disk /dev/a; }
  volume 1 { device minor 6; disk /dev/b; disk { c-min-rate 1M; } }
  on hw1 { address 10.0.1.1:7788; node-id 0; }
  on hw2 { address 10.0.1.2:7788; node-id 1; volume 1 { disk none; } }
  connection { host hw1; host hw2; volume 1 { disk { resync-rate 9M; } } disk { c-plan-ahead 5; } }
}
`,
        hosts: ['hw1', 'hw2'],
        selections: [['all'], ['r1'], ['r1', 'r0']],
    },
    {
        name: 'peer section without address, three hosts without connections',
        text: `resource r0 {
  device minor 1; disk /dev/sdb1;
  on hw1 { address 10.0.0.1:7788; node-id 0; }
  on hw2 { node-id 1; }
}
resource r1 {
  device minor 2; disk /dev/sdc1;
  on hw1 { address 10.0.1.1:7788; node-id 0; }
  on hw2 { address 10.0.1.2:7788; node-id 1; }
  on hw3 { address 10.0.1.3:7788; node-id 2; }
}
`,
        hosts: ['hw1', 'hw2', 'hw3'],
        selections: [['all'], ['r0'], ['r1']],
    },
    {
        name: 'device options, NAT outside address, tiebreaker no',
        text: `resource r0 {
  disk { block-size 4096; }
  volume 0 { device minor 1; disk /dev/sdb1; meta-disk internal; }
  volume 1 { device minor 2; disk /dev/sdb2; meta-disk internal; }
  on hw1 { address 10.0.0.1:7788; node-id 0; }
  on hw2 { node-id 1; volume 0 { tiebreaker no; disk none; } }
  on hw3 { node-id 2; volume 1 { tiebreaker no; } }
  connection { host hw1 address 10.0.0.1:7788; host hw2 address 10.0.0.2:7788 via outside-address 192.168.1.2:7000; disk { c-max-rate 100M; } }
  connection { host hw1 address 10.0.0.1:7789; host hw3 address 10.0.0.3:7789; volume 1 { disk { peer-tiebreaker yes; } } }
  connection { host hw2 address 10.0.0.2:7790; host hw3 address 10.0.0.3:7790; }
}
`,
        hosts: ['hw1', 'hw2', 'hw3'],
        selections: [['all']],
        since: '9.34.0',
    },
];

const others = otherReleases();

describe.each([INSTALLED_RELEASE, ...others.releases])('dry-run equals drbdadm $release -d (examples)', (oracle) => {
    it.each(EXAMPLES.filter((ex) => !ex.since || atLeast(oracle.release, ex.since)))('$name', async (ex) => {
        const dir = join(root, `${oracle.release}-${ex.name.replace(/\W+/g, '-')}`);
        mkdirSync(dir);
        const file = join(dir, 'drbd.conf');
        writeFileSync(file, ex.text);
        const calls: OracleCall[] = ex.hosts.flatMap((host) => ex.selections.flatMap((selection) =>
            (ex.verbs ?? ['up', 'down'] as const).map((verb) => ({ host, verb, selection }))));
        const want = await runDrbdadm(dir, file, calls, oracle.env);
        const diffs = calls.flatMap((c, k) => {
            const sel = c.selection[0] === 'all' ? 'all' : c.selection;
            const got = runOurs((out, err) => dryRunCommand(c.verb, openConfig(file, process.cwd()), c.host, sel, oracle.release, out, err));
            const same = got.out === want[k].out && got.rc === want[k].rc;
            return same ? [] : [`${c.verb} ${c.selection.join(' ')} on ${c.host}: rc ${got.rc} vs drbdadm ${want[k].rc}\n--- drbdadm\n${want[k].out}${want[k].err}--- drbdconf\n${got.out}${got.err}`];
        });
        expect(diffs.join('\n')).toBe('');
    }, 30_000);
});
if (others.missing) it.skip(`other drbd-utils releases: ${others.missing}`, () => {});
