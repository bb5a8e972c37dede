import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderPreview, secretValues, type PreviewInput } from '../../client/src/plan-preview.js';
import type { PreflightReport } from '../../common/src/remote/preflight.js';
import { resolveRelease } from '../../server/src/drbd/release.js';
import { MASK } from '../../common/src/remote/secrets.js';
import { drbdadmAsSync } from '../oracle.js';
import { planResult, SECRET, TWO_HOSTS } from './plan-fixture.js';

const plan = planResult(TWO_HOSTS, 'r0');
const input = (over: Partial<PreviewInput> = {}): PreviewInput => ({
    verb: 'up',
    resource: 'r0',
    plan,
    destination: (h) => (h === 'hw2' ? 'root@10.1.1.2' : h),
    preflight: { kind: 'pending' },
    reveal: false,
    ...over,
});

test('per host: every command in order, its kernel request and the config line that caused it', () => {
    const { text } = renderPreview(input());
    expect(text.split('\n')[0]).toBe('# DRBD: Up r0 — plan (read-only)');
    expect(text).toContain('## hw1 — 7 commands');
    expect(text).toContain('## hw2 (root@10.1.1.2) — 7 commands');
    for (const host of plan.hosts)
        for (const [i, s] of host.steps.entries()) expect(text).toContain(`${i + 1}. \`${s.command.replace(/--shared-secret=\S+/, `--shared-secret=${MASK}`)}\``);
    expect(text).toContain('   kernel: DRBD_ADM_NEW_PEER (DRBD_NLA_CFG_CONTEXT, DRBD_NLA_NET_CONF) — ');
    expect(text).toContain('   on disk: drbdmeta');
    expect(text).toContain('Not run yet.');
});

test('links point at the config locations, on the "from:" text', () => {
    const { text, links } = renderPreview(input());
    const lines = text.split('\n');
    const located = plan.hosts.flatMap((h) => h.steps.filter((s) => s.location));
    expect(links).toHaveLength(located.length);
    expect(links.length).toBeGreaterThan(0);
    for (const [i, l] of links.entries()) {
        expect(lines[l.line].slice(l.start, l.end)).toBe(`r.res:${l.target.range.start.line + 1}`);
        expect(lines[l.line].slice(0, l.start)).toBe('   from: ');
        expect(l.target).toEqual(located[i].location);
    }
});

test('the secret is masked unless revealed', () => {
    expect(secretValues(plan)).toEqual([SECRET]);
    const masked = renderPreview(input()).text;
    expect(masked).not.toContain(SECRET);
    expect(masked).toContain(`--shared-secret=${MASK}`);
    expect(masked).toContain('Secrets are masked');
    const shown = renderPreview(input({ reveal: true })).text;
    expect(shown).toContain(`--shared-secret=${SECRET}`);
});

/** The "Configuration errors" section's lines. */
function errorSection(text: string): string[] {
    const lines = text.split('\n');
    const from = lines.indexOf('## Configuration errors — nothing can run') + 2;
    return lines.slice(from, lines.indexOf('', from));
}

describe("configuration errors: one bullet per drbdadm message, no word about missing `on` sections", () => {
    // drbdadm's message continues on a line of its own: after a tab, or not (the second).
    test.each([
        ['a missing semicolon', TWO_HOSTS.replace('device minor 1;', 'device minor 1')],
        ['a value too big', TWO_HOSTS.replace('meta-disk internal;', 'meta-disk internal; disk { resync-rate 9G; }')],
    ])('%s', (_, text) => {
        const dir = mkdtempSync(join(tmpdir(), 'drbd-preview-'));
        try {
            writeFileSync(join(dir, 'r.res'), text);
            const said = drbdadmAsSync('hw1', ['-c', join(dir, 'r.res'), '-d', 'up', 'r0']);
            expect(said.rc).not.toBe(0);
            const message = said.err.split('\n').filter((l) => l.trim()).map((l) => l.trim().replace(/^\S*r\.res:/, 'r.res:'));
            expect(message.length).toBe(2);
            const broken = planResult(text, 'r0');
            const section = errorSection(renderPreview(input({ plan: broken })).text);
            expect(section.filter((l) => l.startsWith('- '))).toHaveLength(1);
            expect(section.slice(1).every((l) => l.startsWith('  ') && l.trim())).toBe(true);
            expect(section.map((l) => l.slice(2).replace(/^\S*r\.res:/, 'r.res:'))).toEqual(message);
            expect(renderPreview(input({ plan: broken })).text).not.toContain('nothing to run');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

test('preflight results, masked', () => {
    const report: PreflightReport = {
        verb: 'up',
        plans: plan.hosts,
        namingProblems: [],
        ok: false,
        hosts: [
            { host: 'hw1', destination: 'hw1', ok: true, problems: [], drift: [], durationMs: 12, nodename: 'hw1', drbdadmVersion: '9.22.0', kernelVersion: '9.2.12' },
            {
                host: 'hw2', destination: 'root@10.1.1.2', ok: false, drift: [], durationMs: 30,
                problems: [{ check: 'drift', message: 'root@10.1.1.2 would up a different configuration', detail: `- drbdsetup new-peer r0 1 --shared-secret=${SECRET}\n+ drbdsetup new-peer r0 1` }],
            },
        ],
    };
    expect(renderPreview(input({ preflight: { kind: 'running' } })).text).toContain('Checking every host');
    // A plan made again after an edit: the preflight shown before was for the old plan.
    expect(renderPreview(input({ preflight: { kind: 'pending', outdated: true } })).text).toContain('## Preflight\n\nNot run for this plan: the configuration changed after the last preflight.\n');
    const text = renderPreview(input({ preflight: { kind: 'done', report } })).text;
    expect(text).toContain('- hw1: ok — hostname hw1, drbdadm 9.22.0, kernel module 9.2.12, its drbdadm would run the same commands (12 ms)');
    expect(text).toContain('- hw2 (root@10.1.1.2): FAILED (30 ms)');
    expect(text).toContain('      drift: root@10.1.1.2 would up a different configuration');
    expect(text).toContain(`        | - drbdsetup new-peer r0 1 --shared-secret=${MASK}`);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('Nothing was run: fix the problems above first.');
});

test("each host's release: the target's until the preflight, then the host's own, with the hint for a release drbdconf does not know", () => {
    const pending = renderPreview(input()).text;
    expect(pending).toContain('Configuration: ');
    expect(pending).toContain(', checked as drbd-utils 9.22.0\nEach host is planned as 9.22.0 until the preflight reads its own drbdadm\'s release, then again as that release.');
    expect(pending).toContain('## hw1 — 7 commands as drbd-utils 9.22.0');

    const read = resolveRelease('9.99.0')!;
    const hw1 = planResult(TWO_HOSTS, 'r0', 'up', 'r.res', { host: 'hw1', release: read.release }).hosts[0]!;
    const replanned = { ...plan, hosts: [hw1, plan.hosts[1]!] };
    const report: PreflightReport = {
        verb: 'up',
        plans: replanned.hosts,
        namingProblems: [],
        ok: true,
        hosts: [
            { host: 'hw1', destination: 'hw1', ok: true, problems: [], drift: [], durationMs: 12, nodename: 'hw1', drbdadmVersion: '9.99.0', release: read },
            { host: 'hw2', destination: 'root@10.1.1.2', ok: true, problems: [], drift: [], durationMs: 9, nodename: 'hw2', drbdadmVersion: '9.22.0', release: { release: '9.22.0' } },
        ],
    };
    const done = renderPreview(input({ plan: replanned, preflight: { kind: 'done', report } })).text;
    expect(done).not.toContain('Each host is planned as');
    expect(done).toContain(`## hw1 — ${hw1.steps.length} commands as drbd-utils ${read.release}`);
    expect(done).toContain('## hw2 (root@10.1.1.2) — 7 commands as drbd-utils 9.22.0');
    expect(done).toContain(`- hw1: ok — hostname hw1, drbdadm 9.99.0, its drbdadm would run the same commands (12 ms)\n      release: ${read.hint}\n`);
});
