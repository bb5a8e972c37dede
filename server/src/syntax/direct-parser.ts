import type { IToken } from 'chevrotain';
import type { AstNode } from 'langium';
import { DRBD_KEYWORDS } from './drbd-lexer.js';
import { unescapeDqString } from './drbd-value-converter.js';
import type * as Ast from './generated/ast.js';

/**
 * drbd.langium's grammar, parsed straight from DrbdLexer's tokens into the AST Langium builds,
 * without its CST: for the CLI, which reads thousands of resources and needs their model and
 * positions only (the CST was two thirds of a 5 000-resource `check`). It takes what parses
 * without a syntax error and gives up on anything else, so that Langium's parser, with its
 * recovery and drbdadm-worded messages, reads every file with an error. test/reader/direct-parse.test.ts
 * keeps the two in step: the same AST, positions, model and diagnostics over generated configs.
 */

/** A directly parsed file's text and tokens (the parser's, comments left out). */
export interface DirectTokens {
    readonly text: string;
    readonly tokens: readonly IToken[];
}

/**
 * What a directly parsed node has instead of a CST node: its first and last token, and the token
 * of each of its own values (a list's first one: its values are one token each, in a row).
 */
export interface DirectSpan {
    $tokens: DirectTokens;
    $first: number;
    $last: number;
    $at: Record<string, number>;
}

export function isDirect(node: AstNode): node is AstNode & DirectSpan {
    return (node as Partial<DirectSpan>).$tokens !== undefined;
}

/** drbd.langium's Value: any token that is one word of an option's value. */
const VALUE: ReadonlySet<string> = new Set(['WORD', 'DQSTRING', 'INT', 'IPV4', 'IPV6', 'KMODVERS', 'JUNK', ':', '[', ']', ...DRBD_KEYWORDS]);
/** drbd.langium's SkipToken. */
const SKIP_TOKEN: ReadonlySet<string> = new Set([...VALUE, 'TOO_LONG', ';']);
/** drbd.langium's GlobalKey. */
const GLOBAL_KEY: ReadonlySet<string> = new Set(['usage-count', 'minor-count', 'dialog-refresh', 'disable-ip-verification', 'udev-always-use-vnr',
    'cmd-timeout-short', 'cmd-timeout-medium', 'cmd-timeout-long', 'WORD', 'DQSTRING']);
/** drbd.langium's OptionName. */
const OPTION_NAME: ReadonlySet<string> = new Set(['WORD', 'DQSTRING', 'INT']);
/** The kinds of OptionsSection. */
const OPTION_KINDS: ReadonlySet<string> = new Set(['net', 'disk', 'options', 'startup', 'handlers', 'syncer']);
const MODULE_VERSION_OPS: ReadonlySet<string> = new Set(['require-drbd-module-version-eq', 'require-drbd-module-version-ne', 'require-drbd-module-version-gt',
    'require-drbd-module-version-ge', 'require-drbd-module-version-lt', 'require-drbd-module-version-le']);
const ADDRESS_FAMILIES: ReadonlySet<string> = new Set(['ipv4', 'ssocks', 'sdp', 'sci']);
const NAME: ReadonlySet<string> = new Set(['WORD', 'DQSTRING']);
const WORD: ReadonlySet<string> = new Set(['WORD']);
const INT: ReadonlySet<string> = new Set(['INT']);
const IPV4: ReadonlySet<string> = new Set(['IPV4']);
const IPV6: ReadonlySet<string> = new Set(['IPV6']);
const IPV6_FAMILY: ReadonlySet<string> = new Set(['ipv6']);
const KMODVERS: ReadonlySet<string> = new Set(['KMODVERS']);
const META_DISK: ReadonlySet<string> = new Set(['meta-disk', 'flexible-meta-disk']);
const PROXY_ADDRESS_KINDS: ReadonlySet<string> = new Set(['inside', 'outside']);
const ENDPOINT_KINDS: ReadonlySet<string> = new Set(['host', 'address', '_this_host', '_remote_host']);
const OUTSIDE_ADDRESS: ReadonlySet<string> = new Set(['outside-address']);

/** The grammar's token sets, for the test that compares them with drbd.langium's rules. */
export const DIRECT_TOKEN_SETS = { VALUE, SKIP_TOKEN, GLOBAL_KEY, OPTION_NAME, OPTION_KINDS, MODULE_VERSION_OPS, ADDRESS_FAMILIES };

/** Thrown where the tokens leave what the direct parser reads: Langium's parser takes over. */
const UNHANDLED = Symbol('unhandled');

type Node = AstNode & DirectSpan & Record<string, unknown>;

/** The file's AST as Langium's parser builds it, or undefined where that parser would report an error. */
export function parseDirectly(source: DirectTokens): Ast.DrbdFile | undefined {
    try {
        return new DirectParser(source).file();
    } catch (e) {
        if (e === UNHANDLED) return undefined;
        throw e;
    }
}

class DirectParser {
    private readonly tokens: readonly IToken[];
    private at = 0;

    constructor(private readonly source: DirectTokens) {
        this.tokens = source.tokens;
    }

    /** The token class (a keyword's or an operator's is its text) `ahead` tokens on; EOF at the end. */
    private sym(ahead = 0): string {
        return this.tokens[this.at + ahead]?.tokenType.name ?? 'EOF';
    }

    private expect(sym: string): number {
        if (this.sym() !== sym) throw UNHANDLED;
        return this.at++;
    }

    /** The current token's value (a string's without quotes and escapes) as `property`, if it is one of `syms`. */
    private take(node: Node, property: string, syms: ReadonlySet<string>): string {
        const token = this.tokens[this.at];
        if (!token || !syms.has(token.tokenType.name)) throw UNHANDLED;
        node.$at[property] = this.at++;
        return token.tokenType.name === 'DQSTRING' ? unescapeDqString(token.image) : token.image;
    }

    /** Values of `syms` for as long as they come, as the list `property`. */
    private takeAll(node: Node, property: string, syms: ReadonlySet<string>): string[] {
        const values: string[] = [];
        if (syms.has(this.sym())) node.$at[property] = this.at;
        while (syms.has(this.sym())) {
            const token = this.tokens[this.at++]!;
            values.push(token.tokenType.name === 'DQSTRING' ? unescapeDqString(token.image) : token.image);
        }
        return values;
    }

    /** A node of `$type` starting at the current token, with the mandatory properties Langium gives it. */
    private open(type: string, container: AstNode | undefined, properties: Record<string, unknown>): Node {
        return { $type: type, $container: container, ...properties, $tokens: this.source, $first: this.at, $last: this.at, $at: {} } as unknown as Node;
    }

    private close<T>(node: Node): T {
        node.$last = this.at - 1;
        return node as unknown as T;
    }

    /** `'{' item* '}'` into `list`, each item read by `item` (which gives up on what starts none). */
    private block(list: AstNode[], item: () => AstNode): void {
        this.expect('{');
        while (this.sym() !== '}') list.push(item());
        this.at++;
    }

    file(): Ast.DrbdFile {
        const statements: AstNode[] = [];
        const root = { $type: 'DrbdFile', statements, $tokens: this.source, $first: 0, $last: this.tokens.length - 1, $at: {} } as unknown as Ast.DrbdFile;
        while (this.at < this.tokens.length) statements.push(this.topStatement(root));
        return root;
    }

    private topStatement(container: AstNode): AstNode {
        const sym = this.sym();
        switch (sym) {
            case 'global': {
                const node = this.open('GlobalSection', container, { statements: [] });
                this.at++;
                this.block(node.statements as AstNode[], () => this.globalStatement(node));
                return this.close(node);
            }
            case 'common': {
                const node = this.open('CommonSection', container, { statements: [] });
                this.at++;
                this.block(node.statements as AstNode[], () => this.resourceStatement(node));
                return this.close(node);
            }
            case 'resource': {
                const node = this.open('ResourceSection', container, { statements: [] });
                this.at++;
                node.name = this.take(node, 'name', NAME);
                this.block(node.statements as AstNode[], () => this.resourceStatement(node));
                return this.close(node);
            }
            case 'include': {
                const node = this.open('IncludeStatement', container, {});
                this.at++;
                node.pattern = this.take(node, 'pattern', NAME);
                this.expect(';');
                return this.close(node);
            }
            case 'skip':
                return this.skipSection(container);
            default: {
                if (!MODULE_VERSION_OPS.has(sym)) throw UNHANDLED;
                const node = this.open('ModuleVersionRequirement', container, {});
                node.op = this.take(node, 'op', MODULE_VERSION_OPS);
                node.version = this.take(node, 'version', KMODVERS);
                this.expect(';');
                return this.close(node);
            }
        }
    }

    private globalStatement(container: AstNode): AstNode {
        const node = this.open('GlobalStatement', container, { values: [] });
        node.key = this.take(node, 'key', GLOBAL_KEY);
        node.values = this.takeAll(node, 'values', VALUE);
        this.expect(';');
        return this.close(node);
    }

    private resourceStatement(container: AstNode): AstNode {
        switch (this.sym()) {
            case 'on': {
                const node = this.open('HostSection', container, { names: [], statements: [] });
                this.at++;
                node.names = this.takeAll(node, 'names', NAME);
                if ((node.names as string[]).length === 0) throw UNHANDLED;
                this.block(node.statements as AstNode[], () => this.hostStatement(node));
                return this.close(node);
            }
            case 'floating': {
                const node = this.open('FloatingSection', container, { body: false, statements: [] });
                this.at++;
                node.address = this.address(node);
                if (this.sym() === ';') {
                    this.at++;
                } else {
                    node.$at.body = this.at;
                    node.body = true;
                    this.block(node.statements as AstNode[], () => this.hostStatement(node));
                }
                return this.close(node);
            }
            case 'stacked-on-top-of': {
                const node = this.open('StackedSection', container, { statements: [] });
                this.at++;
                node.lower = this.take(node, 'lower', NAME);
                this.block(node.statements as AstNode[], () => this.hostStatement(node));
                return this.close(node);
            }
            case '_this_host': {
                const node = this.open('ThisHostSection', container, { statements: [] });
                this.at++;
                this.block(node.statements as AstNode[], () => this.hostStatement(node));
                return this.close(node);
            }
            case 'connection': return this.connectionSection(container);
            case 'connection-mesh': return this.meshSection(container);
            case 'proxy': return this.proxySection(container);
            case 'template-file': {
                const node = this.open('TemplateFile', container, {});
                this.at++;
                node.file = this.take(node, 'file', NAME);
                this.expect(';');
                return this.close(node);
            }
            // A tiebreaker belongs in a volume section only.
            case 'tiebreaker': throw UNHANDLED;
            case 'WORD': case 'DQSTRING': {
                const node = this.open('WordStatement', container, { values: [] });
                node.name = this.take(node, 'name', NAME);
                node.values = this.takeAll(node, 'values', VALUE);
                this.expect(';');
                return this.close(node);
            }
            default: return this.volumeStatement(container);
        }
    }

    private hostStatement(container: AstNode): AstNode {
        switch (this.sym()) {
            case 'address': {
                const node = this.open('AddressStatement', container, {});
                this.at++;
                node.address = this.address(node);
                this.expect(';');
                return this.close(node);
            }
            case 'node-id': return this.idStatement('NodeIdStatement', container);
            case 'proxy': return this.proxySection(container);
            default: return this.volumeStatement(container);
        }
    }

    /** VolumeStatement, and the statements every section with volume statements has too: volumes, options. */
    private volumeStatement(container: AstNode): AstNode {
        switch (this.sym()) {
            case 'device': {
                const node = this.open('DeviceStatement', container, {});
                this.at++;
                if (NAME.has(this.sym())) node.name = this.take(node, 'name', NAME);
                if (this.sym() === 'minor') {
                    this.at++;
                    node.minor = this.take(node, 'minor', INT);
                }
                this.expect(';');
                return this.close(node);
            }
            case 'disk': {
                if (this.sym(1) === '{') return this.optionsSection(container);
                const node = this.open('DiskStatement', container, {});
                this.at++;
                node.name = this.take(node, 'name', NAME);
                this.expect(';');
                return this.close(node);
            }
            case 'meta-disk': case 'flexible-meta-disk': {
                const node = this.open('MetaDiskStatement', container, {});
                node.keyword = this.take(node, 'keyword', META_DISK);
                node.name = this.take(node, 'name', NAME);
                if (this.sym() === '[') {
                    this.at++;
                    node.index = this.take(node, 'index', INT);
                    this.expect(']');
                }
                this.expect(';');
                return this.close(node);
            }
            case 'tiebreaker': {
                const node = this.open('TiebreakerStatement', container, {});
                this.at++;
                node.value = this.take(node, 'value', VALUE);
                this.expect(';');
                return this.close(node);
            }
            case 'volume': {
                const node = this.open('VolumeSection', container, { statements: [] });
                this.at++;
                node.number = this.take(node, 'number', INT);
                this.block(node.statements as AstNode[], () => this.onlyVolumeStatement(node));
                return this.close(node);
            }
            case 'skip': return this.skipSection(container);
            default: return this.optionsSection(container);
        }
    }

    /** A statement of a volume section: no volume in a volume. */
    private onlyVolumeStatement(container: AstNode): AstNode {
        if (this.sym() === 'volume') throw UNHANDLED;
        return this.volumeStatement(container);
    }

    private idStatement(type: 'NodeIdStatement' | 'PeerNodeId', container: AstNode): AstNode {
        const node = this.open(type, container, {});
        this.at++;
        node.id = this.take(node, 'id', INT);
        this.expect(';');
        return this.close(node);
    }

    private optionsSection(container: AstNode): AstNode {
        const node = this.open('OptionsSection', container, { options: [] });
        node.kind = this.take(node, 'kind', OPTION_KINDS);
        this.block(node.options as AstNode[], () => this.optionStatement(node));
        return this.close(node);
    }

    private optionStatement(container: AstNode): AstNode {
        const node = this.open('OptionStatement', container, { values: [] });
        node.name = this.take(node, 'name', OPTION_NAME);
        node.values = this.takeAll(node, 'values', VALUE);
        this.expect(';');
        return this.close(node);
    }

    private address(container: AstNode): AstNode {
        const node = this.open('Address', container, {});
        if (this.sym() === 'ipv6') {
            node.family = this.take(node, 'family', IPV6_FAMILY);
            this.expect('[');
            node.ip = this.take(node, 'ip', IPV6);
            this.expect(']');
        } else {
            if (ADDRESS_FAMILIES.has(this.sym())) node.family = this.take(node, 'family', ADDRESS_FAMILIES);
            node.ip = this.take(node, 'ip', IPV4);
        }
        this.expect(':');
        node.port = this.take(node, 'port', INT);
        return this.close(node);
    }

    private proxySection(container: AstNode): AstNode {
        const node = this.open('ProxySection', container, { names: [], on: false, statements: [] });
        this.at++;
        if (this.sym() === 'on') {
            node.$at.on = this.at++;
            node.on = true;
            node.names = this.takeAll(node, 'names', NAME);
            if ((node.names as string[]).length === 0) throw UNHANDLED;
        }
        this.block(node.statements as AstNode[], () => this.proxyStatement(node));
        return this.close(node);
    }

    private proxyStatement(container: AstNode): AstNode {
        switch (this.sym()) {
            case 'inside': case 'outside': {
                const node = this.open('ProxyAddress', container, {});
                node.kind = this.take(node, 'kind', PROXY_ADDRESS_KINDS);
                node.address = this.address(node);
                this.expect(';');
                return this.close(node);
            }
            case 'options': {
                const node = this.open('ProxyOptions', container, { statements: [] });
                this.at++;
                this.block(node.statements as AstNode[], () => this.pluginsOrOption(node));
                return this.close(node);
            }
            default: return this.pluginsOrOption(container);
        }
    }

    private pluginsOrOption(container: AstNode): AstNode {
        if (this.sym() !== 'WORD' || this.sym(1) !== '{') return this.optionStatement(container);
        const node = this.open('ProxyPlugins', container, { lines: [] });
        node.name = this.take(node, 'name', WORD);
        this.block(node.lines as AstNode[], () => {
            const line = this.open('PluginLine', node, { words: [] });
            line.words = this.takeAll(line, 'words', VALUE);
            this.expect(';');
            return this.close(line);
        });
        return this.close(node);
    }

    private connectionSection(container: AstNode): AstNode {
        const node = this.open('ConnectionSection', container, { statements: [] });
        this.at++;
        if (NAME.has(this.sym())) node.name = this.take(node, 'name', NAME);
        this.block(node.statements as AstNode[], () => {
            switch (this.sym()) {
                case 'host': case 'address': case '_this_host': case '_remote_host': return this.endpoint(node);
                case 'path': {
                    const path = this.open('PathSection', node, { endpoints: [] });
                    this.at++;
                    this.block(path.endpoints as AstNode[], () => this.endpoint(path));
                    return this.close(path);
                }
                case 'volume': case 'skip': return this.volumeStatement(node);
                case '_peer_node_id': return this.idStatement('PeerNodeId', node);
                case '_is_standalone': {
                    const standalone = this.open('IsStandalone', node, {});
                    this.at++;
                    this.expect(';');
                    return this.close(standalone);
                }
                default: return this.optionsSection(node);
            }
        });
        return this.close(node);
    }

    private endpoint(container: AstNode): AstNode {
        const node = this.open('Endpoint', container, {});
        node.kind = this.take(node, 'kind', ENDPOINT_KINDS);
        if (node.kind === 'host') {
            node.name = this.take(node, 'name', NAME);
            if (this.sym() === 'address') {
                this.at++;
                node.address = this.address(node);
            } else if (this.sym() === 'port') {
                this.at++;
                node.port = this.take(node, 'port', INT);
            }
        } else {
            node.address = this.address(node);
        }
        if (this.sym() === 'via') {
            this.at++;
            if (this.sym() === 'proxy') {
                node.via = this.proxySection(node);
            } else {
                node.outsideKeyword = this.take(node, 'outsideKeyword', OUTSIDE_ADDRESS);
                node.outside = this.address(node);
                this.expect(';');
            }
        } else {
            this.expect(';');
        }
        return this.close(node);
    }

    private meshSection(container: AstNode): AstNode {
        const node = this.open('MeshSection', container, { statements: [] });
        this.at++;
        this.block(node.statements as AstNode[], () => {
            if (this.sym() !== 'hosts') return this.optionsSection(node);
            const hosts = this.open('MeshHosts', node, { names: [] });
            this.at++;
            hosts.names = this.takeAll(hosts, 'names', NAME);
            if ((hosts.names as string[]).length === 0) throw UNHANDLED;
            this.expect(';');
            return this.close(hosts);
        });
        return this.close(node);
    }

    /** `skip SkipToken* { ... }`: DrbdLexer made its nested braces SKIPPED_BRACE, so its first `}` ends it. */
    private skipSection(container: AstNode): AstNode {
        const node = this.open('SkipSection', container, {});
        this.at++;
        while (SKIP_TOKEN.has(this.sym())) this.at++;
        const body = this.open('SkipBlock', node, {});
        this.expect('{');
        while (SKIP_TOKEN.has(this.sym()) || this.sym() === 'SKIPPED_BRACE') this.at++;
        this.expect('}');
        node.body = this.close(body);
        return this.close(node);
    }
}
