import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detached } from '../../server/src/syntax/detached-string.js';

describe('detached', () => {
    it('keeps every character of a slice, whatever it holds', () => {
        fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.nat(80), fc.nat(80), (text, a, b) => {
            const slice = text.slice(Math.min(a, b), Math.max(a, b));
            expect(detached(slice)).toBe(slice);
        }), { numRuns: 500 });
    });

    it('keeps lone surrogates, quotes and backslashes in a string long enough to be a view', () => {
        const text = `x"\\\ud800 \udc00 "quoted" \\n ${'é'.repeat(20)}`;
        expect(detached(text.slice(1))).toBe(text.slice(1));
    });
});
