/**
 * A mesh's net options are copied into each of its connections during post-parse, with the same
 * rule as inheritance: two values for one option there are "ambiguous inheritance" for every
 * command, `dump` included (unlike expand_common's, which dump skips). Compared with drbdadm.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../../server/src/reader/analyze.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';
import { drbdadmAsSync, NO_SECTION_HOST } from '../../oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'drbdconf-mesh-net-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (net: string) => `resource r1 {
  device minor 10; disk /dev/vg/r1; meta-disk internal;
  on a { address 10.1.0.1:7010; node-id 0; }
  on b { address 10.1.0.2:7010; node-id 1; }
  on c { address 10.1.0.3:7010; node-id 2; }
  connection-mesh { hosts a b c; net { ${net} } }
}
`;

describe('mesh net options', () => {
    it.each(['protocol C; protocol A;', 'protocol C; protocol C;', 'protocol C;'])('%s: dump\'s verdict is drbdadm\'s', (net) => {
        const file = join(dir, 'drbd.conf');
        writeFileSync(file, config(net));
        const want = drbdadmAsSync(NO_SECTION_HOST, ['-c', file, 'dump', 'all']);
        const analysis = analyzeConfig(file, { release: DEFAULT_RELEASE });
        expect(analysis.exitCode).toBe(want.rc);
        expect(analysis.diagnostics.some((d) => d.severity === 'error')).toBe(want.rc !== 0);
    });
});
