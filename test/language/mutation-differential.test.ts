/**
 * Mutation differential against the real drbdadm: every single-token deletion, doubling and
 * substitution (mutants.ts) of accepted configurations of our examples and tests. Per mutant,
 * `drbdadm -c FILE dump all` and our analysis must give the same verdict, every FILE:LINE
 * drbdadm prints must carry a diagnostic of ours, and the first message drbdadm prints must be
 * the first message `drbdconf check` prints (drbdadmMessages), byte for byte.
 * `npm run fuzz` (DRBD_FUZZ_SCALE >= 8) runs every substitute on every token; `npm test` a
 * rotating share of them. The other drbd-utils releases (DRBD_UTILS_DIR) run a fixed sample of
 * the same mutants in `npm test`, all of them in `npm run fuzz`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../server/src/reader/analyze.js';
import { drbdadmMessages } from '../../server/src/cli/drbdadm-messages.js';
import { INSTALLED_RELEASE, otherReleases, type OracleRelease } from '../oracle.js';
import type { ReleaseVersion } from '../../server/src/drbd/release.js';
import { mutants, SUBSTITUTES } from './mutants.js';

const SCALE = Number(process.env.DRBD_FUZZ_SCALE ?? 1);
const ROOT = join(import.meta.dirname, '..', '..');

/** Accepted configurations (checked below): the examples, and the constructs our tests use. */
const SEEDS: Record<string, string> = {
    'r0.res': readFileSync(join(ROOT, 'examples/drbd.d/r0.res'), 'utf8'),
    'r1.res': readFileSync(join(ROOT, 'examples/drbd.d/r1.res'), 'utf8'),
    'global_common.conf': readFileSync(join(ROOT, 'examples/drbd.d/global_common.conf'), 'utf8'),
    'paths.res': [
        'global { usage-count no; minor-count 5; }',
        'resource r2 {',
        '  device /dev/drbd2; disk /dev/sdb1; meta-disk /dev/md0 [0];',
        '  net { max-buffers 8k; shared-secret "a b"; }',
        '  on hw1 { address 10.0.0.1:7788; node-id 0; }',
        '  on hw2 { address ipv6 [fd00::2]:7788; node-id 1; }',
        '  connection {',
        '    path { host hw1 address 10.0.0.1:7789; host hw2 address ipv6 [fd00::2]:7789; }',
        '    net { protocol C; }',
        '  }',
        '}',
    ].join('\n'),
    'floating.res': [
        'resource r3 {',
        '  volume 0 { device minor 3; disk /dev/sdc1; meta-disk internal; }',
        '  floating 10.0.0.7:7790;',
        '  floating sdp 10.0.0.8:7790 { }',
        '  disk { on-io-error detach; }',
        '  skip { anything { goes; } here }',
        '}',
    ].join('\n'),
    // a proxy's plugin lists (errors on the line of the section's `{`), a boolean option last
    'proxy.res': [
        'resource r4 {',
        '  proxy {',
        '    memlimit 128M;',
        '    plugin {',
        '      zstd level 4;',
        '      lz4 level 1;',
        '    }',
        '  }',
        '  net {',
        '    protocol C;',
        '    allow-two-primaries;',
        '  }',
        '  on hw1 {',
        '    node-id 0;',
        '    volume 0 { device /dev/drbd4; disk /dev/sdd1; meta-disk internal; }',
        '  }',
        '  on hw2 {',
        '    node-id 1;',
        '    volume 0 { device /dev/drbd4; disk /dev/sdd1; meta-disk internal; }',
        '  }',
        '  connection {',
        '    host hw1 address 10.0.0.1:7791 via proxy on hw1 {',
        '      inside 10.0.1.1:7791;',
        '      outside 10.0.2.1:7791;',
        '    }',
        '    host hw2 address 10.0.0.2:7791 via proxy on hw2 {',
        '      inside 10.0.1.2:7791;',
        '      outside 10.0.2.2:7791;',
        '      options { memlimit 64M; plugin { zstd level 2; } }',
        '    }',
        '  }',
        '}',
    ].join('\n'),
};

/**
 * Mistakes the full-scale runs found us wording or judging differently, checked on every run and
 * release: each must agree with drbdadm exactly, its first message too. `[seed, text, replacement]`
 * replaces the last occurrence of `text` in the seed.
 */
const PINNED: ReadonlyArray<[seed: string, text: string, replacement: string]> = [
    ['paths.res', 'shared-secret "a b";', 'shared-secret };'], // a string option's value may be `}`
    ['proxy.res', 'allow-two-primaries;', 'allow-two-primaries }'], // `}` as the value, then `;` wanted
    ['proxy.res', 'plugin { zstd level 2; }', 'options { zstd level 2; }'], // `options` names a plugin list
    ['global_common.conf', '}', 'device'], // `device` at the end of the input ends the common section
    ['floating.res', '}', 'foo'], // a word at the end of the input
    ['proxy.res', 'lz4 level 1;', 'lz4 level 1'], // a plugin line without `;`
    ['proxy.res', 'lz4 level 1;', 'lz4 } 1;'],
    ['proxy.res', 'outside 10.0.2.1:7791;', 'outside outside 10.0.2.1:7791;'], // proxy on: an address that does not start
    ['proxy.res', 'inside 10.0.1.1:7791;', 'inside {;'],
    ['proxy.res', 'inside 10.0.1.2:7791;', 'inside 0;'],
    ['r1.res', 'disk /dev/vg0/r1;', 'net /dev/vg0/r1;'], // an option section a volume does not take
    ['r1.res', 'volume 0', 'options 0'], // check_upr() at the keyword
    ['r1.res', 'on alpha', 'disk alpha'], // volume0() at the keyword
    ['global_common.conf', 'usage-count no;', 'usage-count novolume'], // global {}: the value read as parse_global() reads it
    ['paths.res', 'minor-count 5;', 'minor-count {;'],
    ['paths.res', 'usage-count no;', 'usage-count no dialog-refresh 5;'],
    ['paths.res', 'host hw1 address 10.0.0.1:7789;', 'host hw1 disk 10.0.0.1:7789;'], // `disk` after a host name
    ['paths.res', 'net { protocol C; }', 'volume 0 { device minor 1; }'], // parse_peer_device()
    ['proxy.res', 'disk /dev/sdd1;', 'device /dev/sdd1;'], // a second device without a minor
    ['r0.res', 'device minor 0;', 'connection minor 0;'], // until 9.21: '<connection name> | {'
    ['floating.res', '\n}', '\nconnection'], // the same at the end of the input: got '' (TK 0)
    ['paths.res', 'net { protocol C; }', 'host { protocol C; }'], // path0() at the keyword, then the parse error
    ['paths.res', '  }\n}', '  net\n}'], // a connection's second net, at the keyword
    ['floating.res', '{ }', '{ address'], // an address in floating {}, at the keyword
    ['proxy.res', 'via proxy on hw1', 'via proxy { hw1'], // EXP(TK_ON) after `via proxy`, before the body's errors
    ['floating.res', 'skip { anything', 'skip } anything'], // parse_skip() counts the `}` before any `{`
    ['proxy.res', 'host hw1 address 10.0.0.1:7791 via', 'volume hw1 address 10.0.0.1:7791 via'], // no path check: the connection never ends
];

/** Mutants on which we still disagree with drbdadm on the verdict or a line (none left). */
const KNOWN = new Set<string>([]);

/**
 * Share of rejected mutants whose first message we print byte for byte as drbdadm does, per
 * release (measured in `npm test`: 99.9% for 9.22, 100% for 9.15, 9.28 and 9.34; at full scale
 * 8 of 7525 differ, 10 for 9.15). Left: a word drbdadm reads as the next statement where the
 * parser recovered differently (`net` replaced by `device` in common {}), what drbdadm checks in a
 * statement the parser dropped (a device minor used twice, mixed volumes), and for 9.15 a named
 * connection whose body the parser's recovery closed (its path check comes too early).
 */
const MIN_AGREEMENT: Record<string, number> = { '9.15.0': 0.98, '9.22.0': 0.985, '9.28.0': 0.985, '9.34.0': 0.985 };

/** Mutants per other release in `npm test` (a fixed sample; `npm run fuzz`: all). */
const OTHER_RELEASE_SAMPLE = 400;

/** `npm test` runs deletions, doublings and a rotating quarter of the substitutes per token. */
function substitutesFor(token: number): readonly string[] {
    return SCALE >= 8 ? SUBSTITUTES : SUBSTITUTES.filter((_, i) => (i + token) % 4 === 0);
}

interface Run {
    rc: number;
    err: string;
}

function drbdadm(file: string, oracle: OracleRelease): Promise<Run> {
    return new Promise((done) => {
        const p = spawn('drbdadm', ['-c', file, 'dump', 'all'], { env: oracle.env, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d) => (err += d));
        const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
        p.on('close', (code) => {
            clearTimeout(timer);
            done({ rc: code ?? 128, err });
        });
    });
}

/** What drbdadm printed from its first `FILE:LINE: ` on (before it: messages without a location). */
function fromFirstLocated(err: string, file: string): string | undefined {
    const at = err.indexOf(`${file}:`);
    return at < 0 || (at > 0 && err[at - 1] !== '\n') ? undefined : err.slice(at);
}

const dir = mkdtempSync(join(tmpdir(), 'drbd-mutants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
    seed: string;
    what: string;
    file: string;
    /** One of PINNED: its first message must agree too. */
    pinned?: boolean;
}

/** The seeds and their mutants, written once for every release. */
function writeCases(): Case[] {
    const cases: Case[] = [];
    Object.entries(SEEDS).forEach(([name, text], n) => {
        const seedFile = join(dir, `seed-${name}`);
        writeFileSync(seedFile, text);
        cases.push({ seed: name, what: 'unchanged', file: seedFile });
        mutants(text, (i) => substitutesFor(i + n)).forEach((m, i) => {
            const file = join(dir, `${name}.${i}`);
            writeFileSync(file, m.text);
            cases.push({ seed: name, what: m.what, file });
        });
    });
    PINNED.forEach(([seed, text, replacement], i) => {
        const original = SEEDS[seed]!;
        const at = original.lastIndexOf(text);
        if (at < 0) throw new Error(`PINNED: '${text}' is not in ${seed}`);
        const file = join(dir, `pinned-${i}-${seed}`);
        writeFileSync(file, original.slice(0, at) + replacement + original.slice(at + text.length));
        cases.push({ seed, what: `pinned '${text}' -> '${replacement}'`, file, pinned: true });
    });
    return cases;
}

/** Every k-th mutant (the seeds always): the same sample on every run. */
function sample(cases: Case[], size: number): Case[] {
    const step = Math.max(1, Math.floor(cases.length / size));
    return cases.filter((c, i) => c.what === 'unchanged' || c.pinned || i % step === 0);
}

let written: Case[] | undefined;

async function compare(oracle: OracleRelease, cases: Case[]): Promise<void> {
    const host = hostname();
    const release = oracle.release as ReleaseVersion;
    const failures: string[] = [];
    const wording: string[] = [];
    let rejected = 0;
    const queue = [...cases];
    const worker = async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
            const theirs = await drbdadm(c.file, oracle);
            const analysis = analyzeConfig(c.file, { hostname: host, release });
            const errors = analysis.diagnostics.some((d) => d.severity === 'error');
            const accepted = analysis.exitCode === 0 && !errors;
            const label = `${c.seed} ${c.what}`;
            if (c.what === 'unchanged' && theirs.rc !== 0) failures.push(`${label}: the seed is rejected by drbdadm:\n${theirs.err}`);
            if (accepted !== (theirs.rc === 0)) {
                const ours = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.loc.line}: ${d.message}`).join('\n');
                if (!KNOWN.has(label)) failures.push(`${label}: drbdadm rc ${theirs.rc}, ours ${accepted ? 'accepted' : 'rejected'}\n${theirs.err}--- ours\n${ours}`);
                continue;
            }
            if (theirs.rc !== 0) rejected++;
            for (const m of theirs.err.matchAll(/^([^\s:]+):(\d+): /gm)) {
                const line = Number(m[2]);
                if (m[1] !== c.file || line === 0 || KNOWN.has(label)) continue;
                if (!analysis.diagnostics.some((d) => d.loc.file === c.file && d.loc.line === line))
                    failures.push(`${label}: drbdadm names line ${line}, we have no diagnostic there\n${theirs.err}`);
            }
            const want = fromFirstLocated(theirs.err, c.file);
            const ours = drbdadmMessages(analysis, c.file).find((p) => !p.bare);
            const got = ours && `${ours.file}:${ours.line}: ${ours.message}\n`;
            if (want !== undefined && !(got && want.startsWith(got))) (c.pinned ? failures : wording).push(`${label}: first message differs\n--- drbdadm\n${want}--- ours\n${got}`);
        }
    };
    await Promise.all(Array.from({ length: 3 }, worker));
    const agreement = 1 - wording.length / Math.max(1, rejected);
    console.log(`mutation differential ${oracle.release}: ${cases.length} configs, ${rejected} rejected by drbdadm; ` +
        `first message byte for byte equal in ${(agreement * 100).toFixed(1)}% of those; ${failures.length} verdict/line disagreements`);
    if (process.env.MUTANTS_REPORT) writeFileSync(`${process.env.MUTANTS_REPORT}.${oracle.release}`, [...failures, ...wording].join('\n=====\n'));
    expect(failures.slice(0, 30)).toEqual([]);
    // The wording still differs in a few contexts (MIN_AGREEMENT); it must not get worse.
    expect(agreement, wording.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(MIN_AGREEMENT[oracle.release] ?? 0.9);
}

describe('single-token mutants against drbdadm dump all', () => {
    it('agree on verdict, every line drbdadm names, and its first message', async () => {
        written ??= writeCases();
        await compare(INSTALLED_RELEASE, written);
    }, 600_000);

    const { releases, missing } = otherReleases();
    it.skipIf(!!missing)(`for the other drbd-utils releases${missing ? ` (skipped: ${missing})` : ''}`, () => {});
    for (const oracle of releases.filter((r) => r.release !== INSTALLED_RELEASE.release)) {
        it(`agree as drbd-utils ${oracle.release} on verdict, lines and first message`, async () => {
            written ??= writeCases();
            await compare(oracle, SCALE >= 8 ? written : sample(written, OTHER_RELEASE_SAMPLE));
        }, 600_000);
    }
});
