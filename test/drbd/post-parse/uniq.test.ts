import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Loc } from '../../../server/src/drbd/model.js';
import { Report } from '../../../server/src/drbd/post-parse/report.js';
import { UniqKeys, UniqTable, type UniqSite } from '../../../server/src/drbd/post-parse/uniq.js';

const loc = (line: number): Loc => ({ file: '/etc/drbd.conf', line, startLine: line - 1, startChar: 0, endLine: line - 1, endChar: 5 });

/** A recorded check: its key, and the site the table keeps (the same object from read to read). */
interface Check {
    key: string;
    site: UniqSite;
}

/** What a read of these checks, in this order, reports: with a table of its own or with kept keys. */
function read(checks: readonly Check[], keys?: UniqKeys): Report {
    const report = new Report();
    const table = new UniqTable(report, keys?.begin());
    for (const { key, site } of checks) {
        if (report.exitedWith !== undefined) break;
        table.checkSite('device-minor/duplicate', key, site);
    }
    return report;
}

describe('UniqKeys: keys kept from one read to the next', () => {
    it('answer every read as a table filled from empty in its order', () => {
        // Recorded checks, some sharing a key; each read takes some of them, in any order, some twice
        // (a file included twice).
        const pool = (n: number): Check[] => Array.from({ length: n }, (_, i) => ({ key: `minor:h:${i % 5}`, site: { loc: loc(i + 1), file: '/etc/drbd.conf', line: i + 1, read: -1 } }));
        const reads = fc.array(fc.array(fc.nat(11), { maxLength: 12 }), { minLength: 1, maxLength: 8 });
        fc.assert(fc.property(reads, (orders) => {
            const checks = pool(12);
            const kept = new UniqKeys();
            for (const order of orders) {
                const picked = order.map((i) => checks[i]!);
                expect(read(picked, kept).diagnostics).toEqual(read(picked.map(({ key, site }) => ({ key, site: { ...site } }))).diagnostics);
            }
        }), { numRuns: 300 });
    });

    it('report a key used again first where this read met it first', () => {
        const a = { key: 'minor:h:1', site: { loc: loc(10), file: '/etc/drbd.conf', line: 10, read: -1 } };
        const b = { key: 'minor:h:1', site: { loc: loc(20), file: '/etc/drbd.conf', line: 20, read: -1 } };
        const kept = new UniqKeys();
        expect(read([a], kept).diagnostics).toEqual([]);
        // b now comes before a: a is the use again.
        const swapped = read([b, a], kept).diagnostics;
        expect(swapped[0]!.message).toContain('/etc/drbd.conf:20:');
        expect(swapped[0]!.loc.line).toBe(10);
    });
});
