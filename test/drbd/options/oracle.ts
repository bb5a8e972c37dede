/**
 * Runs the real drbdadm on small generated configs and normalises what it says, so the option
 * checks can be compared with it. Files live in one temp dir per test file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOption, type OptionSection, resourceDiskSection } from '../../../server/src/drbd/options/index.js';
import { INSTALLED_RELEASE, type OracleRelease } from '../../oracle.js';

export interface OracleResult {
    rc: number;
    /** stderr without `modinfo` noise, `FILE:LINE: ` prefixes removed, trailing whitespace trimmed. */
    message: string;
}

/** Second resource with a known non-fatal value error: printed only if parsing goes on. */
export const SENTINEL = 'resource r1 { options { twopc-timeout 1; } }';
export const SENTINEL_MESSAGE = "Parse error: while parsing value ('1')\nfor twopc-timeout. Value is too small.";

/** A valid two-node resource with `snippet` inside it; `global` statements and trailing text optional. */
export function config(snippet: string, opts: { global?: string; after?: string } = {}): string {
    return [
        `global { disable-ip-verification; ${opts.global ?? ''} }`,
        'resource r0 {',
        '  device /dev/drbd1; disk /dev/sdb1; meta-disk internal;',
        '  on hw1 { address 10.0.0.1:7788; node-id 0; }',
        '  on hw2 { address 10.0.0.2:7788; node-id 1; }',
        `  ${snippet}`,
        '}',
        opts.after ?? '',
        '',
    ].join('\n');
}

/** `NAME [VALUE];` placed where `section` is written in a config. */
export function sectionSnippet(section: OptionSection, statement: string): string {
    if (section === 'peer-disk') return `connection { host hw1; host hw2; disk { ${statement} } }`;
    return `${section} { ${statement} }`;
}

function normalise(stderr: string, file: string): string {
    return stderr
        .split('\n')
        .filter((l) => !l.includes('modinfo: not found'))
        .map((l) => (l.startsWith(`${file}:`) ? l.replace(/^[^:]*:\d+: /, '') : l))
        .join('\n')
        .trimEnd();
}

function runOne(file: string, oracle: OracleRelease): Promise<OracleResult> {
    return new Promise((resolve, reject) => {
        // drbdadm by name: the oracle's PATH decides which release runs
        const child = spawn('drbdadm', ['-c', file, 'dump', 'all'], {
            stdio: ['ignore', 'ignore', 'pipe'],
            env: { ...process.env, ...oracle.env },
            timeout: 20_000,
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ rc: code ?? -1, message: normalise(stderr, file) }));
    });
}

/** `drbdadm -c FILE dump all` of `oracle`'s release for every config, at most `limit` processes at a time. */
export async function runDrbdadm(configs: readonly string[], oracle: OracleRelease = INSTALLED_RELEASE, limit = 4): Promise<OracleResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'drbd-options-'));
    try {
        const results: OracleResult[] = new Array(configs.length);
        let next = 0;
        const worker = async () => {
            for (let i = next++; i < configs.length; i = next++) {
                const file = join(dir, `c${i}.res`);
                writeFileSync(file, configs[i]!);
                results[i] = await runOne(file, oracle);
            }
        };
        await Promise.all(Array.from({ length: limit }, worker));
        return results;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** One option statement: `name token;` (no token: `name;`) in `section`. */
export interface OptionCase {
    section: OptionSection;
    name: string;
    /** The value as written in the file (quoted or not). */
    token?: string;
}

/** The text drbdadm's scanner hands on for a value token: double-quoted strings are unescaped. */
export function scannerText(token: string): string {
    return token.startsWith('"') ? token.slice(1, -1).replace(/\\(.)/g, '$1') : token;
}

function describe(c: OptionCase, what: string, got: OracleResult, want: string): string {
    return `${c.section} { ${c.name}${c.token === undefined ? '' : ` ${c.token}`}; } ${what}: drbdadm rc=${got.rc} ${JSON.stringify(got.message)}, we ${want}`;
}

/**
 * Runs every case through `oracle`'s drbdadm twice (alone, and followed by SENTINEL to see
 * whether parsing stopped) and lists each disagreement with checkOption for that release.
 */
export async function disagreements(cases: readonly OptionCase[], oracle: OracleRelease = INSTALLED_RELEASE): Promise<string[]> {
    const configs = cases.flatMap((c) => {
        const snippet = sectionSnippet(c.section, `${c.name}${c.token === undefined ? '' : ` ${c.token}`};`);
        return [config(snippet), config(snippet, { after: SENTINEL })];
    });
    const results = await runDrbdadm(configs, oracle);
    const out: string[] = [];
    const R = oracle.release;
    cases.forEach((c, i) => {
        // the snippets write `disk {}` at resource level
        const section = resourceDiskSection(c.name, c.section, R);
        const check = checkOption(section, c.name, c.token === undefined ? undefined : scannerText(c.token), R);
        const alone = results[2 * i]!;
        const followed = results[2 * i + 1]!;
        if (check.error === undefined ? alone.rc !== 0 : alone.rc !== 10 || alone.message !== check.error) {
            out.push(describe(c, 'alone', alone, JSON.stringify(check.error ?? 'accept')));
        }
        const want = [check.error, check.fatal ? undefined : SENTINEL_MESSAGE].filter((m) => m !== undefined).join('\n');
        if (followed.rc !== 10 || followed.message !== want) out.push(describe(c, 'with sentinel', followed, JSON.stringify(want)));
    });
    return out;
}
