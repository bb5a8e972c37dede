/** UpPlanResults as the server sends them, made by the project's planner from a config text. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openConfig } from '../../server/src/cli/config-input.js';
import { planHosts } from '../../server/src/reader/plan-hosts.js';
import { kernelRequest } from '../../server/src/drbd/up/kernel-request.js';
import type { UpPlanResult } from '../../common/src/protocol.js';
import { dryRunLine } from '../../server/src/drbd/up/shell-escape.js';
import { DEFAULT_RELEASE } from '../../server/src/drbd/release.js';
import { releaseOfDrbdadm } from '../../common/src/remote/host-release.js';

/** The server's answer to `drbd/upPlan` (the target release 9.22.0; `as` re-plans one host as its drbdadm's DRBDADM_VERSION). */
export function planResult(text: string, resource: string, verb: 'up' | 'down' = 'up', file = 'r.res', as?: { host: string; release: string }): UpPlanResult {
    const dir = mkdtempSync(join(tmpdir(), 'drbd-client-'));
    try {
        const mainFile = join(dir, file);
        writeFileSync(mainFile, text);
        const input = openConfig(mainFile, dir);
        const { release, hint } = as ? releaseOfDrbdadm(as.release)! : { release: DEFAULT_RELEASE, hint: undefined };
        const planned = planHosts(verb, input.mainFile, input.source, resource === 'all' ? 'all' : [resource], DEFAULT_RELEASE, () => release, as?.host);
        if (!('plans' in planned)) return { mainFile, release: DEFAULT_RELEASE, configErrors: planned.messages, hosts: [] };
        return {
            mainFile,
            release: DEFAULT_RELEASE,
            configErrors: [],
            hosts: planned.plans.map((p) => ({
                ...p,
                release,
                releaseHint: hint,
                steps: p.steps.map(({ loc, ...s }) => ({
                    ...s,
                    command: dryRunLine(s.argv),
                    kernel: kernelRequest(s),
                    location: loc && {
                        uri: pathToFileURL(loc.file).toString(),
                        range: { start: { line: loc.startLine, character: loc.startChar }, end: { line: loc.endLine, character: loc.endChar } },
                    },
                })),
            })),
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export const SECRET = 'n0t-for-your-eyes';

export const TWO_HOSTS = `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { shared-secret "${SECRET}"; cram-hmac-alg sha1; }
  on hw1 { address 10.1.1.1:7788; node-id 0; }
  on hw2 { address 10.1.1.2:7788; node-id 1; }
}
`;
