import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, DUPLICATE_WHAT } from '../../server/src/drbd/diagnostic-codes.js';

const LANGUAGE = join(__dirname, '../../server/src/language');

function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

describe('diagnostic codes', () => {
    it('every code is lower-case words without spaces and has a one-line doc', () => {
        for (const [code, doc] of Object.entries(DIAGNOSTIC_CODES)) {
            expect(code).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/);
            expect(doc.trim().length, code).toBeGreaterThan(10);
            expect(doc, code).not.toContain('\n');
        }
    });

    it("every uniqueness-table code names drbdadm's word for the key", () => {
        for (const [code, what] of Object.entries(DUPLICATE_WHAT)) {
            expect(code).toBe(`${what.toLowerCase().replace(/ /g, '-')}/duplicate`);
        }
    });

    // Quick fixes go by code and data; the LSP test "the same fixes with every message replaced" checks that end to end.
    it('no editor feature reads a diagnostic message to decide anything', () => {
        for (const file of sources(LANGUAGE)) {
            const text = readFileSync(file, 'utf8');
            expect(text, file).not.toMatch(/messageOf|\.message\s*\.\s*(includes|startsWith|endsWith|match|search)\(|\.test\([^)]*\.message\b/);
        }
    });
});
