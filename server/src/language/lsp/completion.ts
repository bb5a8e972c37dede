import type { LangiumDocument } from 'langium';
import type { CompletionProvider } from 'langium/lsp';
import {
    CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams, type Range,
} from 'vscode-languageserver';
import { findOption, optionDoc, userOptionNames, valueDoc } from '../../drbd/options/index.js';
import { atLeast, type ReleaseVersion } from '../../drbd/release.js';
import type { DrbdServices } from '../drbd-module.js';
import { cursorContext, resourceOf, type CursorContext, type Frame } from './cursor-context.js';
import { KEYWORD_DOCS } from './keyword-docs.js';

const MODULE_VERSION = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'].map((op) => `require-drbd-module-version-${op}`);
const GLOBAL_KEYS = ['usage-count', 'minor-count', 'dialog-refresh', 'disable-ip-verification', 'udev-always-use-vnr',
    'cmd-timeout-short', 'cmd-timeout-medium', 'cmd-timeout-long'];
const VOLUME_STATEMENTS = ['device', 'disk', 'meta-disk', 'flexible-meta-disk'];
const RESOURCE_OPTION_SECTIONS = ['net', 'disk', 'options', 'startup', 'handlers', 'proxy', 'protocol'];

/** The statements drbdadm accepts first in each section (behaviour §1.5; internal `_` keywords left out). */
function statementKeywords(frame: Frame, release: ReleaseVersion): string[] {
    // drbdadm_parser.c parse_volume_stmt(): `tiebreaker yes|no;` since 9.34.0
    const tiebreaker = atLeast(release, '9.34.0') ? ['tiebreaker'] : [];
    switch (frame.kind) {
        case 'top': return ['global', 'common', 'resource', 'include', 'skip', ...MODULE_VERSION];
        case 'global': return GLOBAL_KEYS;
        case 'common': return [...RESOURCE_OPTION_SECTIONS, 'skip'];
        case 'resource': return ['on', 'floating', 'stacked-on-top-of', 'connection', 'connection-mesh', 'template-file',
            ...RESOURCE_OPTION_SECTIONS, 'volume', ...VOLUME_STATEMENTS, 'skip'];
        case 'host': return ['address', 'node-id', 'volume', ...VOLUME_STATEMENTS, ...tiebreaker, 'options', 'proxy', 'skip'];
        case 'floating': return ['node-id', 'volume', ...VOLUME_STATEMENTS, 'options', 'proxy', 'skip'];
        case 'stacked': return ['device', 'address', 'node-id', 'proxy', 'volume'];
        case 'volume':
            if (frame.parent?.kind === 'connection') return ['disk'];
            return frame.parent?.kind === 'stacked' ? ['device', 'disk'] : [...VOLUME_STATEMENTS, ...tiebreaker, 'skip'];
        // parse_connection() also takes a bare `address` (an endpoint without a host name)
        case 'connection': return ['host', 'address', 'path', 'net', 'disk', 'volume', 'skip'];
        case 'path': return ['host'];
        case 'mesh': return ['hosts', 'net'];
        case 'proxy-on': return ['inside', 'outside', 'options'];
        default: return [];
    }
}

interface Candidate {
    label: string;
    kind: CompletionItemKind;
    doc?: string;
}

function valuesOf(frame: Frame, words: readonly string[], release: ReleaseVersion): Candidate[] {
    const value = (label: string, name = words[0]!): Candidate => ({ label, kind: CompletionItemKind.EnumMember, doc: valueDoc(name, label) });
    const hosts = () => (resourceOf(frame)?.hosts ?? []).filter((h) => !words.includes(h)).map((h): Candidate => ({ label: h, kind: CompletionItemKind.Variable }));
    const last = words[words.length - 1];
    if (words.includes('proxy') && last === 'on') return hosts();
    if (frame.kind === 'mesh' && words[0] === 'hosts') return hosts();
    if (words.length !== 1) return [];
    const word = words[0]!;
    if ((frame.kind === 'connection' || frame.kind === 'path') && word === 'host') return hosts();
    if (word === 'meta-disk') return [value('internal')];
    if (frame.kind === 'global' && word === 'usage-count') return ['yes', 'no', 'ask'].map((v) => value(v));
    const section = frame.kind === 'options' ? frame.section : (frame.kind === 'resource' || frame.kind === 'common') && word === 'protocol' ? 'net' : undefined;
    const option = section && findOption(section, word, release);
    if (!option) return [];
    if (option.type === 'boolean') return ['yes', 'no'].map((v) => value(v));
    return [...(option.values ?? option.symbols ?? [])].map((v) => value(v, option.name));
}

function candidates(context: CursorContext, release: ReleaseVersion): Candidate[] {
    const { frame, words } = context;
    if (words.length > 0) return valuesOf(frame, words, release);
    if (frame.kind === 'options' && frame.section) {
        const section = frame.section;
        return userOptionNames(section, release).map((label) => ({ label, kind: CompletionItemKind.Property, doc: optionDoc(section, label, release) }));
    }
    return statementKeywords(frame, release).map((label) => ({ label, kind: CompletionItemKind.Keyword, doc: KEYWORD_DOCS[label] }));
}

const TWO_HOSTS = `resource \${1:r0} {
    device minor \${2:0};
    disk \${3:/dev/sdb1};
    meta-disk internal;
    on \${4:alpha} {
        node-id 0;
        address \${5:10.0.0.1}:\${6:7788};
    }
    on \${7:bravo} {
        node-id 1;
        address \${8:10.0.0.2}:\${6:7788};
    }
}`;

const THREE_HOST_MESH = `resource \${1:r0} {
    device minor \${2:0};
    disk \${3:/dev/sdb1};
    meta-disk internal;
    on \${4:alpha} {
        node-id 0;
        address \${5:10.0.0.1}:\${8:7788};
    }
    on \${6:bravo} {
        node-id 1;
        address \${7:10.0.0.2}:\${8:7788};
    }
    on \${9:charlie} {
        node-id 2;
        address \${10:10.0.0.3}:\${8:7788};
    }
    connection-mesh {
        hosts \${4:alpha} \${6:bravo} \${9:charlie};
    }
}`;

function snippets(range: Range): CompletionItem[] {
    const snippet = (label: string, detail: string, text: string): CompletionItem => ({
        label, detail, kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: text },
    });
    return [
        snippet('resource (two hosts)', 'resource with one volume on two hosts, explicit node-ids', TWO_HOSTS),
        snippet('resource (three-host mesh)', 'resource on three hosts connected by a connection-mesh, explicit node-ids', THREE_HOST_MESH),
    ];
}

/** Completion items at `offset` of `text` (pure; ranges replace the word being typed). */
export function completionItems(text: string, offset: number, rangeOf: (start: number, end: number) => Range, release: ReleaseVersion, valuesOnly = false): CompletionItem[] {
    const context = cursorContext(text, offset);
    if (!context || (valuesOnly && context.words.length === 0)) return [];
    const range = rangeOf(context.prefixStart, offset);
    const items = candidates(context, release).map((c): CompletionItem => ({
        label: c.label, kind: c.kind, textEdit: { range, newText: c.label },
        ...(c.doc ? { documentation: { kind: 'markdown', value: c.doc } } : {}),
    }));
    return context.frame.kind === 'top' && context.words.length === 0 ? [...items, ...snippets(range)] : items;
}

/**
 * Section keywords valid where the cursor is, option names of the enclosing option section,
 * the values of an enum or boolean option, host names of the resource, resource snippets.
 */
export class DrbdCompletionProvider implements CompletionProvider {
    /** A space after an option name offers its values; statement keywords only on request. */
    readonly completionOptions = { triggerCharacters: [' '] };

    constructor(private readonly services: DrbdServices) {}

    getCompletion(document: LangiumDocument, params: CompletionParams): CompletionList {
        const textDocument = document.textDocument;
        const items = completionItems(textDocument.getText(), textDocument.offsetAt(params.position),
            (start, end) => ({ start: textDocument.positionAt(start), end: textDocument.positionAt(end) }),
            this.services.drbd.Configurations.release, params.context?.triggerCharacter === ' ');
        return { isIncomplete: false, items };
    }
}
