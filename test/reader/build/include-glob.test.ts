/**
 * includedPath names the file path.resolve names, for any directory and match: the match may be
 * absolute, or hold `.`, `..`, double or trailing slashes, where it falls back to path.resolve.
 */
import { isAbsolute, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { includedPath } from '../../../server/src/reader/build/include-glob.js';

const segment = fc.constantFrom('', '.', '..', 'drbd.d', 'r0.res', '.hidden', '..x', 'x..', 'a b');
const path = fc.array(segment, { maxLength: 4 }).map((parts) => parts.join('/'));

describe('includedPath', () => {
    it('is path.resolve for a relative match, the match itself for an absolute one', () => {
        fc.assert(fc.property(fc.boolean(), path, fc.boolean(), path, (rootedDir, dir, rootedMatch, match) => {
            const d = (rootedDir ? '/' : '') + dir;
            const m = (rootedMatch ? '/' : '') + match;
            expect(includedPath(d, m)).toBe(isAbsolute(m) ? m : resolve(d, m));
        }), { numRuns: 2000 });
    });
});
