/**
 * The CLI's direct parser (server/src/syntax/direct-parser.ts) in step with the grammar: over
 * generated configs (fixed seeds), the fuzzer's seeds and mutations, the bench's resources and the
 * shared corpus, every text it parses gives Langium's AST (every property, every position the
 * builder can ask for), and the same analysis (model, diagnostics, verdict, lines) and node-ids;
 * every text Langium parses without an error it parses too; the others it leaves to Langium.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { AstUtils, GrammarAST, isAstNode, type AstNode, type Grammar } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../server/src/reader/analyze.js';
import type { ConfigSource } from '../../server/src/reader/build/build-config.js';
import { firstWordOf, locOf, locOfKeyword, locOfProperty } from '../../server/src/reader/build/loc.js';
import { diskSource, directDiskSource, parseDrbdText, parseDrbdTextDirectly } from '../../server/src/reader/load-config.js';
import { nodeIdsCommand } from '../../server/src/cli/node-ids.js';
import { DIRECT_TOKEN_SETS, DirectTokens, eachStatementDirectly, isDirect, parseDirectly } from '../../server/src/syntax/direct-parser.js';
import { DrbdGrammar } from '../../server/src/syntax/generated/grammar.js';
import { configText } from '../drbd/post-parse/gen-config.js';
import { fuzzInput } from '../fuzz/mutations.js';
import { SEEDS, SIDE_FILES } from '../fuzz/seeds.js';
import { fuzzDirectory, ORACLE_OPTIONS } from '../fuzz/invariants.js';
// @ts-expect-error: the bench's generator is plain JavaScript
import { resourceText } from '../bench/gen-config.mjs';

const dir = fuzzDirectory(mkdtempSync(join(tmpdir(), 'drbd-direct-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const main = join(dir, 'drbd.conf');

/** An AST's properties without Langium's and the direct parser's `$` ones. */
function plain(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(plain);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node).filter(([k]) => !k.startsWith('$') || k === '$type');
    return Object.fromEntries(entries.map(([k, v]) => [k, plain(v)]));
}

/** Every position the builder can ask of a node: the node, each value of each property (one past the last: clamped), its first keyword, its first word. */
function positions(node: AstNode, file: string): unknown[] {
    const asked: unknown[] = [locOf(node, file), firstWordOf(node)];
    for (const [property, value] of Object.entries(node).sort(([a], [b]) => a.localeCompare(b))) {
        if (property.startsWith('$')) continue;
        const count = Array.isArray(value) ? value.length : 1;
        for (let i = 0; i <= count; i++) asked.push([property, i, locOfProperty(node, property, file, i)]);
    }
    const first = firstWordOf(node);
    asked.push(locOfKeyword(node, first, file), locOfKeyword(node, 'common', file));
    return asked;
}

/** A tree's nodes, depth first, properties in name order (the two parsers set them in different orders). */
function nodesOf(node: AstNode, into: AstNode[] = []): AstNode[] {
    into.push(node);
    for (const [property, value] of Object.entries(node).sort(([a], [b]) => a.localeCompare(b))) {
        if (property.startsWith('$')) continue;
        for (const child of Array.isArray(value) ? value : [value]) if (isAstNode(child)) nodesOf(child, into);
    }
    return into;
}

/** Whether the direct parser read `text`, after checking it against Langium's parse where it did. */
function compareParses(text: string, file = main): boolean {
    const langium = parseDrbdText(text, file);
    expect(parseDrbdTextDirectly(text, file).endLine).toBe(langium.endLine);
    const tokens = new DirectTokens(text);
    const ast = parseDirectly(tokens);
    if (!ast) {
        // Left to Langium: only a text with a syntax error may be.
        expect(langium.syntaxErrors.length, `the direct parser gave up on a text without syntax errors:\n${text}`).toBeGreaterThan(0);
        expect(() => [...eachStatementDirectly(tokens, () => new Error('abandoned'))]).toThrow('abandoned');
        return false;
    }
    expect(langium.syntaxErrors).toEqual([]);
    expect(isDirect(ast)).toBe(true);
    expect(plain(ast)).toEqual(plain(langium.ast));
    expect(plain([...eachStatementDirectly(tokens, () => new Error('abandoned'))])).toEqual(plain(langium.ast.statements));
    const ours = nodesOf(ast);
    const theirs = nodesOf(langium.ast);
    expect(ours.length).toBe(theirs.length);
    for (let i = 1; i < ours.length; i++) {
        expect(positions(ours[i]!, file), `${theirs[i]!.$type} #${i}`).toEqual(positions(theirs[i]!, file));
    }
    return true;
}

/** analyzeConfig and node-ids through Langium's parses and through the direct ones. */
function compareAnalyses(mainFile: string, langium: ConfigSource, direct: ConfigSource): void {
    for (const options of [ORACLE_OPTIONS, { ...ORACLE_OPTIONS, hostname: 'hw1', mode: 'command' as const }]) {
        expect(JSON.stringify(analyzeConfig(mainFile, options, direct))).toBe(JSON.stringify(analyzeConfig(mainFile, options, langium)));
    }
    const nodeIds = (source: ConfigSource) => {
        let out = '';
        const rc = nodeIdsCommand({ mainFile, source }, '9.22.0', { write: (t: string) => (out += t) }, { write: (t: string) => (out += t) });
        return { rc, out };
    };
    expect(nodeIds(direct)).toEqual(nodeIds(langium));
}

function compareText(text: string): boolean {
    const read = compareParses(text);
    compareAnalyses(main,
        { read: (p) => (p === main ? parseDrbdText(text, p) : diskSource.read(p)) },
        { read: (p) => (p === main ? parseDrbdTextDirectly(text, p) : directDiskSource.read(p)) });
    return read;
}

describe('the direct parser', () => {
    it('reads the generated configs as Langium does', () => {
        const texts = fc.sample(configText, { seed: 20, numRuns: 150 });
        expect(texts.filter(compareText).length).toBe(texts.length);
    });

    it("reads the fuzzer's seeds and the bench's resources as Langium does", () => {
        // The last: a token a character, more than the token table first makes room for.
        const texts = [...SEEDS, ...Object.values(SIDE_FILES), Array.from({ length: 40 }, (_, i) => resourceText(i)).join('\n'), `global{usage-count ${':'.repeat(500)};}`];
        expect(texts.filter(compareText).length).toBe(texts.length);
    });

    it('reads mutated configs as Langium does, or leaves them to it', () => {
        const texts = fc.sample(fuzzInput, { seed: 7, numRuns: 400 }).map((input) => input.text);
        const read = texts.filter(compareText).length;
        // Most mutations break the syntax; some keep it (and those are read directly).
        expect(read).toBeGreaterThan(0);
        expect(read).toBeLessThan(texts.length);
    });

    it('leaves every text with a syntax error to Langium, with its messages', () => {
        for (const text of ['resource r { on a { address 1.2.3.4:7000 } }', 'resource r {', 'resource r { tiebreaker yes; }', 'resource r { volume 0 { volume 1 { } } }', 'bogus;']) {
            const tokens = parseDrbdText(text, main);
            expect(tokens.syntaxErrors.length).toBeGreaterThan(0);
            expect(compareParses(text)).toBe(false);
        }
    });

    it("knows drbd.langium's token classes: Value, SkipToken, GlobalKey, OptionName and the keyword choices", () => {
        const grammar = DrbdGrammar() as Grammar;
        const rule = (name: string) => grammar.rules.find((r) => r.name === name)!;
        /** The token classes a rule's alternatives start with (keywords by their text, rule calls expanded). */
        const tokens = (r: GrammarAST.AbstractRule): string[] => (GrammarAST.isTerminalRule(r) ? [r.name] : AstUtils.streamAllContents(r)
            .flatMap((e) => (GrammarAST.isKeyword(e) ? [e.value] : GrammarAST.isRuleCall(e) && e.rule.ref ? tokens(e.rule.ref) : [])).toArray());
        const sorted = (s: Iterable<string>) => [...new Set(s)].sort();
        expect(sorted(DIRECT_TOKEN_SETS.VALUE)).toEqual(sorted(tokens(rule('Value'))));
        expect(sorted(DIRECT_TOKEN_SETS.SKIP_TOKEN)).toEqual(sorted(tokens(rule('SkipToken'))));
        expect(sorted(DIRECT_TOKEN_SETS.GLOBAL_KEY)).toEqual(sorted(tokens(rule('GlobalKey'))));
        expect(sorted(DIRECT_TOKEN_SETS.OPTION_NAME)).toEqual(sorted(tokens(rule('OptionName'))));
        const assigned = (ruleName: string, feature: string) => sorted(AstUtils.streamAllContents(rule(ruleName)).filter(GrammarAST.isAssignment)
            .filter((a) => a.feature === feature).flatMap((a) => AstUtils.streamAllContents(a).filter(GrammarAST.isKeyword).map((k) => k.value)).toArray());
        expect(sorted(DIRECT_TOKEN_SETS.OPTION_KINDS)).toEqual(assigned('OptionsSection', 'kind'));
        expect(sorted(DIRECT_TOKEN_SETS.MODULE_VERSION_OPS)).toEqual(assigned('ModuleVersionRequirement', 'op'));
        expect(sorted([...DIRECT_TOKEN_SETS.ADDRESS_FAMILIES, 'ipv6'])).toEqual(assigned('Address', 'family'));
        // A value's token is kept as `$` + its property's name, beside Langium's and the parser's own `$` fields.
        const features = AstUtils.streamAllContents(grammar).filter(GrammarAST.isAssignment).map((a) => `$${a.feature}`).toArray();
        expect(features.filter((f) => ['$type', '$container', '$containerProperty', '$containerIndex', '$cstNode', '$document', '$tokens', '$first', '$last'].includes(f))).toEqual([]);
    });

    it('starts again with Langium\'s reading of a file where the direct one meets a syntax error, in the main file or an included one', () => {
        const valid = Array.from({ length: 5 }, (_, i) => resourceText(i)).join('\n');
        writeFileSync(join(dir, 'drbd.d', 'broken.res'), `${resourceText(7)}\nresource r8 { on a { address 10.0.0.1:7000 } }\n`);
        for (const text of [`${valid}\nresource bad { on }\n`, `${valid}\ninclude "drbd.d/broken.res";\n${resourceText(9)}`, `include "tmpl.conf";\n${valid}`]) {
            compareText(text);
        }
        const analysis = analyzeConfig(main, ORACLE_OPTIONS, { read: (p) => (p === main ? parseDrbdTextDirectly(`${valid}\ninclude "drbd.d/broken.res";\n`, p) : directDiskSource.read(p)) });
        expect(analysis.diagnostics.filter((d) => d.code === 'syntax').map((d) => [d.loc.file, d.loc.line])).toEqual([[join(dir, 'drbd.d', 'broken.res'), resourceText(7).split('\n').length + 1]]);
        expect(analysis.config.resources.map((r) => r.name)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r7', 'r8']);
    });

    it('reads an empty text', () => {
        expect(parseDirectly(new DirectTokens(''))?.statements).toEqual([]);
        expect(compareText('# nothing but a comment\n')).toBe(true);
    });
});

const CORPUS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const cases = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'meta.json'))).sort() : [];
if (!cases.length) console.log(`direct-parse: corpus skipped, no corpus at ${CORPUS}`);

describe.skipIf(!cases.length)('the direct parser on the corpus', () => {
    it.each(cases)('%s', (name) => {
        const caseDir = join(CORPUS, name);
        const meta = JSON.parse(readFileSync(join(caseDir, 'meta.json'), 'utf8')) as { main?: string };
        const mainFile = join(caseDir, meta.main ?? 'drbd.conf');
        if (existsSync(mainFile)) compareParses(readFileSync(mainFile, 'utf8'), mainFile);
        compareAnalyses(mainFile, diskSource, directDiskSource);
    });
});
