/**
 * For every case of the shared corpus that drbdadm 9.22 rejects, `drbdconf check` prints drbdadm's
 * first located message (`FILE:LINE: MESSAGE`, from expected/dump.err) as its own first located
 * line, byte for byte: same path (the main file is given by its absolute path, as the corpus ran
 * drbdadm), same line, same words. The corpus is `../shared/corpus` beside the repository (CI has
 * it); without it the test says so and skips.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../server/src/reader/analyze.js';
import { drbdadmMessages } from '../../server/src/cli/drbdadm-messages.js';
import { ORACLE_ENV } from '../oracle.js';

const CORPUS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const cases = existsSync(CORPUS)
    ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'expected', 'dump.rc'))).sort()
    : [];
if (!cases.length) console.log(`corpus-first-error: skipped, no corpus at ${CORPUS}`);

const rejected = cases.filter((name) => readFileSync(join(CORPUS, name, 'expected', 'dump.rc'), 'utf8').trim() !== '0');

/** drbdadm's first message with a `FILE:LINE: ` prefix: that line and the lines continuing it. */
function firstLocated(err: string): string | undefined {
    const m = /^\$CASE\/[^\n:]+:\d+: .*$/m.exec(err);
    return m ? m[0] : undefined;
}

describe.skipIf(!cases.length)('check prints drbdadm first error line on the corpus', () => {
    it.each(rejected)('%s', (name) => {
        const dir = join(CORPUS, name);
        const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { main?: string };
        const main = join(dir, meta.main ?? 'drbd.conf');
        const want = firstLocated(readFileSync(join(dir, 'expected', 'dump.err'), 'utf8'));
        const analysis = analyzeConfig(main, { hostname: 'corpus-oracle', kernelVersion: ORACLE_ENV.DRBD_DRIVER_VERSION_OVERRIDE });
        const first = drbdadmMessages(analysis, main).find((m) => !m.bare);
        const ours = first && `${first.file}:${first.line}: ${first.message}`.split(dir).join('$CASE').split('\n')[0];
        expect(ours).toBe(want);
    });
});
