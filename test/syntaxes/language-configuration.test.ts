// The editor evaluates these patterns with JavaScript RegExp, so testing them here is faithful.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface LanguageConfiguration {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    wordPattern: string;
}

const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

describe('language-configuration.json', () => {
    it('declares # comments, {} [] brackets and auto-closes quotes', () => {
        expect(config.comments.lineComment).toBe('#');
        expect(config.brackets).toEqual([['{', '}'], ['[', ']']]);
        expect(config.autoClosingPairs.map((p) => p.open + p.close)).toEqual(['{}', '[]', '""']);
    });

    it.each([
        ['on-io-error detach;', ['on-io-error', 'detach']],
        ['disk /dev/sdb1;', ['disk', '/dev/sdb1']],
        ['protocol C#comment', ['protocol', 'C', 'comment']],
        ['address 10.0.0.1:7788;', ['address', '10.0.0.1', '7788']],
        ['flexible-meta-disk drbd_md.img[0];', ['flexible-meta-disk', 'drbd_md.img', '0']]
    ])('splits %j into DRBD words', (line, words) => {
        expect(line.match(new RegExp(config.wordPattern, 'g'))).toEqual(words);
    });

    it.each([
        ['resource r0 {', true],
        ['  on alpha {  # host', true],
        ['  net { protocol C; }', false],
        ['  disk "{" ;', false],
        ['  handlers { split-brain "echo }";', true],
        ['# resource r0 {', false],
        ['  device minor 1;', false]
    ])('indents after %j: %s', (line, expected) => {
        expect(new RegExp(config.indentationRules.increaseIndentPattern).test(line)).toBe(expected);
    });

    it.each([
        ['}', true],
        ['    } # end', true],
        ['  device minor 1; }', false]
    ])('outdents %j: %s', (line, expected) => {
        expect(new RegExp(config.indentationRules.decreaseIndentPattern).test(line)).toBe(expected);
    });
});
