import { AstUtils, type AstNode } from 'langium';
import { detached } from './detached-string.js';
import { DRBD_KEYWORDS, scanDrbd } from './drbd-lexer.js';
import { unescapeDqString } from './drbd-value-converter.js';
import type * as Ast from './generated/ast.js';
import { exact } from './exact-list.js';

/**
 * drbd.langium's grammar, parsed straight from drbdadm's tokens (DrbdLexer's scanner) into the
 * AST Langium builds, without its CST: for the CLI, which reads thousands of resources and needs
 * their model and positions only (the CST, the tokens' objects and collecting them were three
 * quarters of a 5 000-resource `check`). It takes what parses without a syntax error and gives up
 * on anything else, so that Langium's parser, with its recovery and drbdadm-worded messages, reads
 * every file with an error. test/reader/direct-parse.test.ts keeps the two in step: the same AST,
 * positions, model and diagnostics over generated configs, fuzzed ones and the corpus.
 */

/** Token classes by number: a keyword's or an operator's is its text, the others are drbd.langium's terminals. */
const CLASSES: readonly string[] = ['EOF', 'WORD', 'DQSTRING', 'INT', 'IPV4', 'IPV6', 'KMODVERS', 'JUNK', 'TOO_LONG', 'SKIPPED_BRACE',
    '{', '}', ';', '[', ']', ':', ...DRBD_KEYWORDS];
const CLASS: ReadonlyMap<string, number> = new Map(CLASSES.map((name, i) => [name, i]));
const KEYWORD: ReadonlyMap<string, number> = new Map([...DRBD_KEYWORDS].map((word) => [word, CLASS.get(word)!]));

/** Per token: start offset, end offset (exclusive), start line and character (0-based). */
const STRIDE = 4;

/**
 * A small text (up to 64 KiB) is scanned into one buffer kept for the next, and its tokens then
 * copied into a buffer of their exact size: one buffer per file instead of a guessed one and its
 * trimmed copy (a workspace may have 5 000 files, and each buffer costs an allocation outside
 * V8's heap).
 */
const SCRATCH_TOKENS = 16_384;
let scratch: [Int32Array, Uint8Array] | undefined;

/**
 * A text's tokens (comments left out) as numbers, in one buffer the garbage collector never looks
 * into: a file of 5 000 resources has 400 000 tokens, a workspace may have 5 000 files. A token
 * ends on its start line, after its length, but for the few that do not (a string across lines):
 * their ends are kept aside.
 */
export class DirectTokens {
    count = 0;
    private data: Int32Array;
    private classes: Uint8Array;
    private ends: Map<number, [line: number, character: number]> | undefined;

    /** The text the tokens are in; an open document's follows its edits (see DirectStatementCst). */
    text: string;

    /**
     * `ownImages`: an image is a string of its own (detached), for the editor, which reads each
     * version of a document again: a value kept from an older version as a view would keep all of
     * that version's text. The CLI reads one text, and its views cost nothing.
     */
    constructor(text: string, private readonly ownImages = false) {
        this.text = text;
        const guess = Math.max(64, text.length >> 2);
        [this.data, this.classes] = guess <= SCRATCH_TOKENS ? (scratch ??= DirectTokens.arrays(SCRATCH_TOKENS)) : DirectTokens.arrays(guess);
        scanDrbd(text, (kind, image, offset, startLine, startColumn, endLine, endColumn) => {
            if (kind === 'comment') return;
            if (this.count === this.classes.length) this.resize(this.count * 2);
            const i = this.count++;
            this.classes[i] = kind === 'WORD' ? KEYWORD.get(image) ?? CLASS.get('WORD')! : CLASS.get(kind === 'op' ? image : kind)!;
            const d = i * STRIDE;
            this.data[d] = offset;
            this.data[d + 1] = offset + image.length;
            this.data[d + 2] = startLine - 1;
            this.data[d + 3] = startColumn - 1;
            if (endLine !== startLine || endColumn !== startColumn - 1 + image.length) (this.ends ??= new Map()).set(i, [endLine - 1, endColumn]);
        });
        // Capacity guessed from the text's length: kept for as long as the document is. A small
        // text's tokens leave the scratch buffer for one of their own.
        if (this.count < this.classes.length || this.data === scratch?.[0]) this.resize(this.count);
    }

    /** The positions and the classes of `capacity` tokens, in one buffer. */
    private static arrays(capacity: number): [Int32Array, Uint8Array] {
        const buffer = new ArrayBuffer(capacity * (STRIDE * 4 + 1));
        return [new Int32Array(buffer, 0, capacity * STRIDE), new Uint8Array(buffer, capacity * STRIDE * 4, capacity)];
    }

    private resize(capacity: number): void {
        const [data, classes] = DirectTokens.arrays(capacity);
        data.set(this.data.subarray(0, capacity * STRIDE));
        classes.set(this.classes.subarray(0, capacity));
        [this.data, this.classes] = [data, classes];
    }

    /**
     * Moves tokens first..last as moveTree moves leaves: by `offset` characters and `lines` lines;
     * those on line `columnLine` (before the move) also by `columns` characters.
     */
    move(first: number, last: number, offset: number, lines: number, columnLine: number, columns: number): void {
        const data = this.data;
        for (let i = first; i <= last; i++) {
            const d = i * STRIDE;
            const aside = this.ends?.get(i);
            if (aside) {
                if (aside[0] === columnLine) aside[1] += columns;
                aside[0] += lines;
            }
            if (data[d + 2] === columnLine) data[d + 3] += columns;
            data[d] += offset;
            data[d + 1] += offset;
            data[d + 2] += lines;
        }
    }

    /** The class number of token `i`; EOF's past the last. */
    classOf(i: number): number {
        return i < this.count ? this.classes[i]! : 0;
    }

    /** The class name of token `i` (a keyword's or an operator's is its text); EOF past the last. */
    className(i: number): string {
        return CLASSES[this.classOf(i)]!;
    }

    image(i: number): string {
        const image = this.text.slice(this.data[i * STRIDE]!, this.data[i * STRIDE + 1]!);
        return this.ownImages ? detached(image) : image;
    }

    /** Where token `i` starts in the text, and where it ends (exclusive). */
    offset(i: number, end = false): number {
        return this.data[i * STRIDE + (end ? 1 : 0)]!;
    }

    /** Token `i`'s start line and character, or its end's (0-based, the end exclusive). */
    line(i: number, end = false): number {
        if (end && this.ends?.has(i)) return this.ends.get(i)![0];
        return this.data[i * STRIDE + 2]!;
    }

    character(i: number, end = false): number {
        if (!end) return this.data[i * STRIDE + 3]!;
        const aside = this.ends?.get(i);
        return aside ? aside[1] : this.data[i * STRIDE + 3]! + this.data[i * STRIDE + 1]! - this.data[i * STRIDE]!;
    }
}

/**
 * What a directly parsed node has instead of a CST node: its first and last token, and (see
 * valueToken) the token of each of its own values. No `$container`: the builder never goes up.
 */
export interface DirectSpan {
    $tokens: DirectTokens;
    $first: number;
    $last: number;
}

export function isDirect(node: AstNode): node is AstNode & DirectSpan {
    return (node as Partial<DirectSpan>).$tokens !== undefined;
}

/**
 * The token of a directly parsed node's value `property` (a list's first value: its values are
 * one token each, in a row); undefined when the node has no such value of a token of its own.
 * Kept in the node as `$` + the property's name (drbd.langium has no property named like
 * Langium's or DirectSpan's `$` fields: test/reader/direct-parse.test.ts).
 */
export function valueToken(node: AstNode & DirectSpan, property: string): number | undefined {
    return (node as unknown as Record<string, number | undefined>)[`$${property}`];
}

/** drbd.langium's token choices, by class name: Value (any one word of an option's value), SkipToken, GlobalKey, OptionName, and keyword choices. */
export const DIRECT_TOKEN_SETS = {
    VALUE: ['WORD', 'DQSTRING', 'INT', 'IPV4', 'IPV6', 'KMODVERS', 'JUNK', ':', '[', ']', ...DRBD_KEYWORDS],
    SKIP_TOKEN: ['WORD', 'DQSTRING', 'INT', 'IPV4', 'IPV6', 'KMODVERS', 'JUNK', ':', '[', ']', ...DRBD_KEYWORDS, 'TOO_LONG', ';'],
    GLOBAL_KEY: ['usage-count', 'minor-count', 'dialog-refresh', 'disable-ip-verification', 'udev-always-use-vnr',
        'cmd-timeout-short', 'cmd-timeout-medium', 'cmd-timeout-long', 'WORD', 'DQSTRING'],
    OPTION_NAME: ['WORD', 'DQSTRING', 'INT'],
    OPTION_KINDS: ['net', 'disk', 'options', 'startup', 'handlers', 'syncer'],
    MODULE_VERSION_OPS: ['require-drbd-module-version-eq', 'require-drbd-module-version-ne', 'require-drbd-module-version-gt',
        'require-drbd-module-version-ge', 'require-drbd-module-version-lt', 'require-drbd-module-version-le'],
    ADDRESS_FAMILIES: ['ipv4', 'ssocks', 'sdp', 'sci'],
};

/** A set of token classes, as a table by class number. */
type ClassSet = Uint8Array;
const classSet = (names: readonly string[]): ClassSet => {
    const set = new Uint8Array(CLASSES.length);
    for (const name of names) set[CLASS.get(name)!] = 1;
    return set;
};

const VALUE = classSet(DIRECT_TOKEN_SETS.VALUE);
const SKIP_TOKEN = classSet(DIRECT_TOKEN_SETS.SKIP_TOKEN);
const GLOBAL_KEY = classSet(DIRECT_TOKEN_SETS.GLOBAL_KEY);
const OPTION_NAME = classSet(DIRECT_TOKEN_SETS.OPTION_NAME);
const OPTION_KINDS = classSet(DIRECT_TOKEN_SETS.OPTION_KINDS);
const MODULE_VERSION_OPS = classSet(DIRECT_TOKEN_SETS.MODULE_VERSION_OPS);
const ADDRESS_FAMILIES = classSet(DIRECT_TOKEN_SETS.ADDRESS_FAMILIES);
const NAME = classSet(['WORD', 'DQSTRING']);
const PLUGIN_NAME = classSet(['WORD', 'options']);
const INT = classSet(['INT']);
const IPV4 = classSet(['IPV4']);
const IPV6 = classSet(['IPV6']);
const IPV6_FAMILY = classSet(['ipv6']);
const KMODVERS = classSet(['KMODVERS']);
const META_DISK = classSet(['meta-disk', 'flexible-meta-disk']);
const PROXY_ADDRESS_KINDS = classSet(['inside', 'outside']);
const ENDPOINT_KINDS = classSet(['host', 'address', '_this_host', '_remote_host']);
const OUTSIDE_ADDRESS = classSet(['outside-address']);
const DQSTRING = CLASS.get('DQSTRING')!;

/** Thrown where the tokens leave what the direct parser reads: Langium's parser takes over. */
const UNHANDLED = Symbol('unhandled');

/** A node as the parser builds it: one object literal of its type's properties, its span and its values' tokens. */
type Node = AstNode & DirectSpan & Record<string, unknown>;

/** The file's AST as Langium's parser builds it, or undefined where that parser would report an error. */
export function parseDirectly(tokens: DirectTokens): Ast.DrbdFile | undefined {
    try {
        return new DirectParser(tokens).file();
    } catch (e) {
        if (e === UNHANDLED) return undefined;
        throw e;
    }
}

/** parseDirectly for the editor, whose features go up the tree (an option's section): its nodes linked to their containers. */
export function parseLinkedDirectly(text: string): Ast.DrbdFile | undefined {
    const file = parseDirectly(new DirectTokens(text, true));
    if (file) AstUtils.linkContentToContainer(file, { deep: true });
    return file;
}

/**
 * The file's top-level statements, each parsed when the next is asked for; where Langium's parser
 * would report an error, `abandon()` is thrown instead.
 */
export function* eachStatementDirectly(tokens: DirectTokens, abandon: () => Error): Generator<Ast.TopStatement> {
    const parser = new DirectParser(tokens);
    for (;;) {
        let statement: Ast.TopStatement | undefined;
        try {
            statement = parser.nextStatement();
        } catch (e) {
            throw e === UNHANDLED ? abandon() : e;
        }
        if (!statement) return;
        yield statement;
    }
}

/**
 * One method per rule of drbd.langium (those that only choose between others are switches); each
 * reads its tokens and then makes its node in one object literal with the properties Langium's
 * node has (lists and flags always; the other values when present).
 */
class DirectParser {
    private at = 0;
    private readonly t: DirectTokens;

    constructor(tokens: DirectTokens) {
        this.t = tokens;
    }

    /** The token class (a keyword's or an operator's is its text) `ahead` tokens on; EOF at the end. */
    private sym(ahead = 0): string {
        return this.t.className(this.at + ahead);
    }

    private is(set: ClassSet): boolean {
        return set[this.t.classOf(this.at)] === 1;
    }

    private expect(sym: string): void {
        if (this.sym() !== sym) throw UNHANDLED;
        this.at++;
    }

    /** The current token's value (a string's without quotes and escapes), if it is of one of the classes of `set`. */
    private take(set: ClassSet): string {
        if (!this.is(set)) throw UNHANDLED;
        const image = this.t.image(this.at);
        return this.t.classOf(this.at++) === DQSTRING ? unescapeDqString(image) : image;
    }

    /** Values of the classes of `set` for as long as they come. */
    private takeAll(set: ClassSet): string[] {
        const values: string[] = [];
        while (this.is(set)) values.push(this.take(set));
        return exact(values);
    }

    /** takeAll, at least one. */
    private takeSome(set: ClassSet): string[] {
        if (!this.is(set)) throw UNHANDLED;
        return this.takeAll(set);
    }

    /** The token of a list that starts here: undefined when it is empty. */
    private listAt(set: ClassSet): number | undefined {
        return this.is(set) ? this.at : undefined;
    }

    /** `'{' item* '}'`, each item read by `item` (which gives up on what starts none). */
    private block<T>(item: () => T): T[] {
        this.expect('{');
        const items: T[] = [];
        while (this.sym() !== '}') items.push(item());
        this.at++;
        return exact(items);
    }

    /** The last token read. */
    private get last(): number {
        return this.at - 1;
    }

    file(): Ast.DrbdFile {
        const statements: Ast.TopStatement[] = [];
        for (let statement = this.nextStatement(); statement; statement = this.nextStatement()) statements.push(statement);
        return { $type: 'DrbdFile', statements: exact(statements), $tokens: this.t, $first: 0, $last: this.last } as Node as unknown as Ast.DrbdFile;
    }

    /** The next top-level statement; undefined at the end. */
    nextStatement(): Ast.TopStatement | undefined {
        return this.at < this.t.count ? this.topStatement() as Ast.TopStatement : undefined;
    }

    private topStatement(): AstNode {
        const first = this.at;
        switch (this.sym()) {
            case 'global': {
                this.at++;
                const statements = this.block(() => this.globalStatement());
                return { $type: 'GlobalSection', statements, $tokens: this.t, $first: first, $last: this.last } as Node;
            }
            case 'common': {
                this.at++;
                const statements = this.block(() => this.resourceStatement());
                return { $type: 'CommonSection', statements, $tokens: this.t, $first: first, $last: this.last } as Node;
            }
            case 'resource': {
                const $name = ++this.at;
                const name = this.take(NAME);
                const statements = this.block(() => this.resourceStatement());
                return { $type: 'ResourceSection', name, statements, $tokens: this.t, $first: first, $last: this.last, $name } as Node;
            }
            case 'include': {
                const $pattern = ++this.at;
                const pattern = this.take(NAME);
                this.expect(';');
                return { $type: 'IncludeStatement', pattern, $tokens: this.t, $first: first, $last: this.last, $pattern } as Node;
            }
            case 'skip':
                return this.skipSection();
            default: {
                const op = this.take(MODULE_VERSION_OPS);
                const $version = this.at;
                const version = this.take(KMODVERS);
                this.expect(';');
                return { $type: 'ModuleVersionRequirement', op, version, $tokens: this.t, $first: first, $last: this.last, $op: first, $version } as Node;
            }
        }
    }

    private globalStatement(): AstNode {
        const first = this.at;
        const key = this.take(GLOBAL_KEY);
        const $values = this.listAt(VALUE);
        const values = this.takeAll(VALUE);
        this.expect(';');
        return { $type: 'GlobalStatement', key, values, $tokens: this.t, $first: first, $last: this.last, $key: first, $values } as Node;
    }

    private resourceStatement(): AstNode {
        const first = this.at;
        switch (this.sym()) {
            case 'on': {
                const $names = ++this.at;
                const names = this.takeSome(NAME);
                const statements = this.block(() => this.hostStatement());
                return { $type: 'HostSection', names, statements, $tokens: this.t, $first: first, $last: this.last, $names } as Node;
            }
            case 'floating': {
                this.at++;
                const address = this.address();
                if (this.sym() === ';') {
                    this.at++;
                    return { $type: 'FloatingSection', address, body: false, statements: [], $tokens: this.t, $first: first, $last: this.last } as Node;
                }
                const $body = this.at;
                const statements = this.block(() => this.hostStatement());
                return { $type: 'FloatingSection', address, body: true, statements, $tokens: this.t, $first: first, $last: this.last, $body } as Node;
            }
            case 'stacked-on-top-of': {
                const $lower = ++this.at;
                const lower = this.take(NAME);
                const statements = this.block(() => this.hostStatement());
                return { $type: 'StackedSection', lower, statements, $tokens: this.t, $first: first, $last: this.last, $lower } as Node;
            }
            case '_this_host': {
                this.at++;
                const statements = this.block(() => this.hostStatement());
                return { $type: 'ThisHostSection', statements, $tokens: this.t, $first: first, $last: this.last } as Node;
            }
            case 'connection': return this.connectionSection();
            case 'connection-mesh': return this.meshSection();
            case 'proxy': return this.proxySection();
            case 'template-file': {
                const $file = ++this.at;
                const file = this.take(NAME);
                this.expect(';');
                return { $type: 'TemplateFile', file, $tokens: this.t, $first: first, $last: this.last, $file } as Node;
            }
            // A tiebreaker belongs in a volume section only.
            case 'tiebreaker': throw UNHANDLED;
            case 'WORD': case 'DQSTRING': {
                const name = this.take(NAME);
                const $values = this.listAt(VALUE);
                const values = this.takeAll(VALUE);
                this.expect(';');
                return { $type: 'WordStatement', name, values, $tokens: this.t, $first: first, $last: this.last, $name: first, $values } as Node;
            }
            default: return this.volumeStatement();
        }
    }

    private hostStatement(): AstNode {
        const first = this.at;
        switch (this.sym()) {
            case 'address': {
                this.at++;
                const address = this.address();
                this.expect(';');
                return { $type: 'AddressStatement', address, $tokens: this.t, $first: first, $last: this.last } as Node;
            }
            case 'node-id': return this.idStatement('NodeIdStatement');
            case 'proxy': return this.proxySection();
            default: return this.volumeStatement();
        }
    }

    /** VolumeStatement, and the statements every section with volume statements has too: volumes, options. */
    private volumeStatement(): AstNode {
        const first = this.at;
        switch (this.sym()) {
            case 'device': {
                const node = { $type: 'DeviceStatement', $tokens: this.t, $first: first, $last: first } as Node;
                this.at++;
                if (this.is(NAME)) {
                    node.$name = this.at;
                    node.name = this.take(NAME);
                }
                if (this.sym() === 'minor') {
                    node.$minor = ++this.at;
                    node.minor = this.take(INT);
                }
                this.expect(';');
                node.$last = this.last;
                return node;
            }
            case 'disk': {
                if (this.sym(1) === '{') return this.optionsSection();
                const $name = ++this.at;
                const name = this.take(NAME);
                this.expect(';');
                return { $type: 'DiskStatement', name, $tokens: this.t, $first: first, $last: this.last, $name } as Node;
            }
            case 'meta-disk': case 'flexible-meta-disk': {
                const keyword = this.take(META_DISK);
                const $name = this.at;
                const name = this.take(NAME);
                const node = { $type: 'MetaDiskStatement', keyword, name, $tokens: this.t, $first: first, $last: first, $keyword: first, $name } as Node;
                if (this.sym() === '[') {
                    node.$index = ++this.at;
                    node.index = this.take(INT);
                    this.expect(']');
                }
                this.expect(';');
                node.$last = this.last;
                return node;
            }
            case 'tiebreaker': {
                const $value = ++this.at;
                const value = this.take(VALUE);
                this.expect(';');
                return { $type: 'TiebreakerStatement', value, $tokens: this.t, $first: first, $last: this.last, $value } as Node;
            }
            case 'volume': {
                const $number = ++this.at;
                const number = this.take(INT);
                const statements = this.block(() => this.onlyVolumeStatement());
                return { $type: 'VolumeSection', number, statements, $tokens: this.t, $first: first, $last: this.last, $number } as Node;
            }
            case 'skip': return this.skipSection();
            default: return this.optionsSection();
        }
    }

    /** A statement of a volume section: no volume in a volume. */
    private onlyVolumeStatement(): AstNode {
        if (this.sym() === 'volume') throw UNHANDLED;
        return this.volumeStatement();
    }

    private idStatement(type: 'NodeIdStatement' | 'PeerNodeId'): AstNode {
        const first = this.at;
        const $id = ++this.at;
        const id = this.take(INT);
        this.expect(';');
        return { $type: type, id, $tokens: this.t, $first: first, $last: this.last, $id } as Node;
    }

    private optionsSection(): AstNode {
        const first = this.at;
        const kind = this.take(OPTION_KINDS);
        const options = this.block(() => this.optionStatement());
        return { $type: 'OptionsSection', kind, options, $tokens: this.t, $first: first, $last: this.last, $kind: first } as Node;
    }

    private optionStatement(): AstNode {
        const first = this.at;
        const name = this.take(OPTION_NAME);
        const $values = this.sym() === '}' ? this.at : this.listAt(VALUE);
        const values = this.sym() === '}' ? [this.t.image(this.at++)] : this.takeAll(VALUE);
        this.expect(';');
        return { $type: 'OptionStatement', name, values, $tokens: this.t, $first: first, $last: this.last, $name: first, $values } as Node;
    }

    private address(): AstNode {
        const first = this.at;
        let family: string | undefined;
        if (this.sym() === 'ipv6') {
            family = this.take(IPV6_FAMILY);
            this.expect('[');
        } else if (this.is(ADDRESS_FAMILIES)) {
            family = this.take(ADDRESS_FAMILIES);
        }
        const $ip = this.at;
        const ip = this.take(family === 'ipv6' ? IPV6 : IPV4);
        if (family === 'ipv6') this.expect(']');
        this.expect(':');
        const $port = this.at;
        const port = this.take(INT);
        const node = { $type: 'Address', ip, port, $tokens: this.t, $first: first, $last: this.last, $ip, $port } as Node;
        if (family !== undefined) {
            node.family = family;
            node.$family = first;
        }
        return node;
    }

    private proxySection(): AstNode {
        const first = this.at++;
        let on = false;
        let names: string[] = [];
        let $on: number | undefined;
        let $names: number | undefined;
        if (this.sym() === 'on') {
            on = true;
            $on = this.at++;
            $names = this.at;
            names = this.takeSome(NAME);
        }
        const statements = this.block(() => this.proxyStatement());
        return { $type: 'ProxySection', names, on, statements, $tokens: this.t, $first: first, $last: this.last, $on, $names } as Node;
    }

    private proxyStatement(): AstNode {
        const first = this.at;
        switch (this.sym()) {
            case 'inside': case 'outside': {
                const kind = this.take(PROXY_ADDRESS_KINDS);
                const address = this.address();
                this.expect(';');
                return { $type: 'ProxyAddress', kind, address, $tokens: this.t, $first: first, $last: this.last, $kind: first } as Node;
            }
            case 'options': {
                this.at++;
                const statements = this.block(() => this.pluginsOrOption());
                return { $type: 'ProxyOptions', statements, $tokens: this.t, $first: first, $last: this.last } as Node;
            }
            default: return this.pluginsOrOption();
        }
    }

    private pluginsOrOption(): AstNode {
        if ((this.sym() !== 'WORD' && this.sym() !== 'options') || this.sym(1) !== '{') return this.optionStatement();
        const first = this.at;
        const name = this.take(PLUGIN_NAME);
        const lines = this.block(() => {
            const start = this.at;
            const $words = this.listAt(VALUE);
            const words = this.takeAll(VALUE);
            this.expect(';');
            return { $type: 'PluginLine', words, $tokens: this.t, $first: start, $last: this.last, $words } as Node;
        });
        return { $type: 'ProxyPlugins', name, lines, $tokens: this.t, $first: first, $last: this.last, $name: first } as Node;
    }

    private connectionSection(): AstNode {
        const first = this.at++;
        let name: string | undefined;
        const $name = this.is(NAME) ? this.at : undefined;
        if ($name !== undefined) name = this.take(NAME);
        const statements = this.block(() => {
            const start = this.at;
            switch (this.sym()) {
                case 'host': case 'address': case '_this_host': case '_remote_host': return this.endpoint();
                case 'path': {
                    this.at++;
                    const endpoints = this.block(() => this.endpoint());
                    return { $type: 'PathSection', endpoints, $tokens: this.t, $first: start, $last: this.last } as Node;
                }
                case 'volume': case 'skip': return this.volumeStatement();
                case '_peer_node_id': return this.idStatement('PeerNodeId');
                case '_is_standalone':
                    this.at++;
                    this.expect(';');
                    return { $type: 'IsStandalone', $tokens: this.t, $first: start, $last: this.last } as Node;
                default: return this.optionsSection();
            }
        });
        const node = { $type: 'ConnectionSection', statements, $tokens: this.t, $first: first, $last: this.last, $name } as Node;
        if (name !== undefined) node.name = name;
        return node;
    }

    private endpoint(): AstNode {
        const first = this.at;
        const kind = this.take(ENDPOINT_KINDS);
        const node = { $type: 'Endpoint', kind, $tokens: this.t, $first: first, $last: first, $kind: first } as Node;
        if (kind === 'host') {
            node.$name = this.at;
            node.name = this.take(NAME);
            if (this.sym() === 'address') {
                this.at++;
                node.address = this.address();
            } else if (this.sym() === 'port') {
                node.$port = ++this.at;
                node.port = this.take(INT);
            }
        } else {
            node.address = this.address();
        }
        if (this.sym() === 'via') {
            this.at++;
            if (this.sym() === 'proxy') {
                node.via = this.proxySection();
            } else {
                node.$outsideKeyword = this.at;
                node.outsideKeyword = this.take(OUTSIDE_ADDRESS);
                node.outside = this.address();
                this.expect(';');
            }
        } else {
            this.expect(';');
        }
        node.$last = this.last;
        return node;
    }

    private meshSection(): AstNode {
        const first = this.at++;
        const statements = this.block(() => {
            if (this.sym() !== 'hosts') return this.optionsSection();
            const start = this.at;
            const $names = ++this.at;
            const names = this.takeSome(NAME);
            this.expect(';');
            return { $type: 'MeshHosts', names, $tokens: this.t, $first: start, $last: this.last, $names } as Node;
        });
        return { $type: 'MeshSection', statements, $tokens: this.t, $first: first, $last: this.last } as Node;
    }

    /** `skip ... { ... }`: the scanner made all braces but the block's own SKIPPED_BRACE, so its first `}` ends it. */
    private skipSection(): AstNode {
        const first = this.at++;
        while (this.is(SKIP_TOKEN) || this.sym() === 'SKIPPED_BRACE') this.at++;
        const start = this.at;
        this.expect('{');
        while (this.is(SKIP_TOKEN) || this.sym() === 'SKIPPED_BRACE') this.at++;
        this.expect('}');
        const body = { $type: 'SkipBlock', $tokens: this.t, $first: start, $last: this.last } as Node;
        return { $type: 'SkipSection', body, $tokens: this.t, $first: first, $last: this.last } as Node;
    }
}
