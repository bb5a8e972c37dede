/**
 * Recorded outputs of each drbd-utils release on a fixed set of our configs (the repo's examples
 * and the small configs under test/fixtures/releases/configs/ that show release differences), so
 * that the tests can compare with every release without its binaries. Laid out as the corpus is:
 *   test/fixtures/releases/RELEASE/CASE/dump.{out,err,rc}     drbdadm -c MAIN dump all (host corpus-oracle)
 *   test/fixtures/releases/RELEASE/CASE/up.HOST.{out,err,rc}   drbdadm -c MAIN -d up all on HOST (down.HOST likewise)
 * The case's directory in the outputs is replaced by `$CASE`. Written by
 * scripts/record-release-fixtures.mjs; test/releases/live.test.ts checks they are still what the binaries print.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drbdadmAs, INSTALLED_RELEASE, NO_SECTION_HOST, otherReleases, type DrbdadmResult, type OracleRelease } from '../oracle.js';
import { runDrbdadm, type OracleCall } from '../drbd/up/oracle.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES_DIR = join(ROOT, 'test/fixtures/releases');
const CONFIGS_DIR = join(FIXTURES_DIR, 'configs');

export interface FixtureCase {
    /** Its directory under each release's: `examples/drbd`, `configs/tls`. */
    name: string;
    /** The main config file (absolute). */
    main: string;
    /** The host names its `on` sections name, each planned up and down. */
    hosts: string[];
}

/** A recording: `dump`, `up.HOST`, `down.HOST` -> what drbdadm printed. */
export type Recording = Record<string, DrbdadmResult>;

/** `on NAME...` names in a config text (comments dropped), as the corpus's oracle script finds them. */
function onNames(text: string): string[] {
    const code = text.replace(/"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, (s) => (s.startsWith('"') ? s : ''));
    return [...code.matchAll(/(?<![\w./-])on((?:\s+[\w.-]+)+)\s*\{/g)].flatMap((m) => m[1].trim().split(/\s+/));
}

/** Files of the directories below `dir` (a main file's includes live there, e.g. drbd.d/). */
function filesBelow(dir: string): string[] {
    return readdirSync(dir).map((e) => join(dir, e)).filter((p) => statSync(p).isDirectory())
        .flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).map((e) => join(d, e)).filter((p) => statSync(p).isFile()));
}

function fixtureCase(main: string): FixtureCase {
    const files = [main, ...filesBelow(dirname(main))];
    const hosts = [...new Set(files.flatMap((f) => onNames(readFileSync(f, 'utf8'))))].sort();
    const rel = relative(ROOT, main);
    const name = (rel.startsWith('examples/') ? rel : relative(FIXTURES_DIR, main)).replace(/\.(conf|res)$/, '');
    return { name, main, hosts };
}

/** The fixed configs: examples/drbd.conf, examples/mistakes.res, test/fixtures/releases/configs/*.res. */
export function fixtureCases(): FixtureCase[] {
    const configs = readdirSync(CONFIGS_DIR).filter((f) => f.endsWith('.res')).sort().map((f) => join(CONFIGS_DIR, f));
    return [join(ROOT, 'examples/drbd.conf'), join(ROOT, 'examples/mistakes.res'), ...configs].map(fixtureCase);
}

/** Text with the case's directory as `$CASE`, as the corpus records it. */
export function caseNormalizer(c: FixtureCase): (text: string) => string {
    const dir = `${dirname(c.main)}/`;
    return (text) => text.split(dir).join('$CASE/');
}

/** What `oracle`'s drbdadm prints for the case now (outputs normalized). */
export async function recordCase(c: FixtureCase, oracle: OracleRelease): Promise<Recording> {
    const normalize = caseNormalizer(c);
    const clean = (r: DrbdadmResult): DrbdadmResult => ({ rc: r.rc, out: normalize(r.out), err: normalize(r.err) });
    const recording: Recording = { dump: clean(await drbdadmAs(NO_SECTION_HOST, ['-c', c.main, 'dump', 'all'], 10_000, oracle)) };
    const calls: OracleCall[] = c.hosts.flatMap((host) => (['up', 'down'] as const).map((verb) => ({ host, verb, selection: ['all'] })));
    const scratch = mkdtempSync(join(tmpdir(), 'drbdconf-fixture-'));
    try {
        const plans = await runDrbdadm(scratch, c.main, calls, { ...oracle.env });
        calls.forEach((call, i) => (recording[`${call.verb}.${call.host}`] = clean(plans[i])));
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    return recording;
}

const caseDir = (release: string, c: FixtureCase) => join(FIXTURES_DIR, release, c.name);

export function writeRecording(release: string, c: FixtureCase, recording: Recording): void {
    const dir = caseDir(release, c);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [key, r] of Object.entries(recording)) {
        writeFileSync(join(dir, `${key}.out`), r.out);
        writeFileSync(join(dir, `${key}.err`), r.err);
        writeFileSync(join(dir, `${key}.rc`), `${r.rc}\n`);
    }
}

/** The recording of the case for `release`, or undefined when there is none. */
export function readRecording(release: string, c: FixtureCase): Recording | undefined {
    const dir = caseDir(release, c);
    if (!existsSync(dir)) return undefined;
    const recording: Recording = {};
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.rc'))) {
        const key = f.slice(0, -'.rc'.length);
        const read = (ext: string) => readFileSync(join(dir, `${key}.${ext}`), 'utf8');
        recording[key] = { rc: Number(read('rc').trim()), out: read('out'), err: read('err') };
    }
    return recording;
}

/** The releases whose drbdadm is here to record: the installed one and DRBD_UTILS_DIR's (or why those are missing). */
export function releasesAtHand(): { releases: OracleRelease[]; missing?: string } {
    const others = otherReleases();
    return { releases: [INSTALLED_RELEASE, ...others.releases], ...(others.missing ? { missing: others.missing } : {}) };
}

/** Releases with recorded fixtures, oldest first. */
export function recordedReleases(): string[] {
    return readdirSync(FIXTURES_DIR).filter((d) => /^\d+\.\d+\.\d+$/.test(d)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
