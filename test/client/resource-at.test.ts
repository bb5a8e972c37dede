import { expect, test } from 'vitest';
import { resourceAt, resourceSpans } from '../../client/src/resource-at.js';

const text = `# resource commented { }
global { usage-count no; }
resource r0 {
  net { shared-secret "a}b{"; } # }
  on a { address 10.0.0.1:7788; }
}
skip resource old { on a { } }
resource "quoted name" {
}
resource r9 { on a {
`;

const at = (marker: string, delta = 0) => resourceAt(text, text.indexOf(marker) + delta);

test('the resource around the cursor, ignoring braces in comments and strings', () => {
    expect(at('resource r0')).toBe('r0');
    expect(at('shared-secret')).toBe('r0');
    expect(at('on a { address')).toBe('r0');
    expect(at('"quoted name"', 3)).toBe('quoted name');
});

test('outside any resource: nothing (comments, global, skip sections)', () => {
    expect(at('commented')).toBeUndefined();
    expect(at('usage-count')).toBeUndefined();
    expect(at('old')).toBeUndefined();
});

test('an unclosed last resource reaches the end of the text', () => {
    expect(resourceAt(text, text.length)).toBe('r9');
});

test('resourceSpans lists every resource in order', () => {
    expect(resourceSpans(text).map((s) => s.name)).toEqual(['r0', 'quoted name', 'r9']);
    expect(resourceSpans('')).toEqual([]);
});
