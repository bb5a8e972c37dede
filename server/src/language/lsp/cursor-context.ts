import type { OptionSection } from '../../drbd/options/index.js';
import { textChunks } from '../../../../common/src/text-chunks.js';

/**
 * Where the cursor is in drbdadm's section structure, read from the raw text (completion runs
 * on half-typed, unparsable input): the enclosing section, the words of the statement so far and
 * the word being typed.
 */
export type FrameKind =
    | 'top' | 'global' | 'common' | 'resource' | 'host' | 'floating' | 'stacked' | 'volume'
    | 'connection' | 'path' | 'mesh' | 'proxy-on' | 'options' | 'ignored';

export interface Frame {
    kind: FrameKind;
    /** For `options` frames: the option table of the section. */
    section?: OptionSection;
    /** The frame this one is nested in. */
    parent?: Frame;
    /** For `resource` frames: the name and its host names (from `on` sections and `host NAME address` endpoints). */
    name?: string;
    hosts?: string[];
}

export interface CursorContext {
    frame: Frame;
    /** Complete words of the statement before the cursor. */
    words: string[];
    /** The part of the word at the cursor before it, and where that word starts. */
    prefix: string;
    prefixStart: number;
}

const OPTION_SECTIONS: Readonly<Record<string, OptionSection>> = {
    net: 'net', disk: 'disk', options: 'options', startup: 'startup', handlers: 'handlers', syncer: 'syncer', proxy: 'proxy',
};

function resourceSectionFrame(first: string | undefined, parent: Frame): Frame | undefined {
    switch (first) {
        case 'on': case '_this_host': return { kind: 'host', parent };
        case 'floating': return { kind: 'floating', parent };
        case 'stacked-on-top-of': return { kind: 'stacked', parent };
        case 'volume': return { kind: 'volume', parent };
        case 'connection': return { kind: 'connection', parent };
        case 'connection-mesh': return { kind: 'mesh', parent };
    }
    const section = first ? OPTION_SECTIONS[first] : undefined;
    return section ? { kind: 'options', section, parent } : undefined;
}

/** The section a `{` opens after `words` inside `parent` (drbdadm's containment, behaviour §1.5). */
function openFrame(words: readonly string[], parent: Frame): Frame {
    const first = words[0];
    const found = ((): Frame | undefined => {
        if (first === 'skip') return undefined;
        if (words.includes('via') || (first === 'proxy' && words[1] === 'on')) return { kind: 'proxy-on', parent };
        switch (parent.kind) {
            case 'top':
                if (first === 'resource') return { kind: 'resource', parent, name: words[1]?.replace(/^"|"$/g, ''), hosts: [] };
                return first === 'global' || first === 'common' ? { kind: first, parent } : undefined;
            case 'common':
            case 'resource':
                return resourceSectionFrame(first, parent);
            case 'host': case 'floating': case 'stacked':
                if (first === 'volume') return { kind: 'volume', parent };
                return first === 'disk' || first === 'options' ? { kind: 'options', section: first, parent } : undefined;
            case 'volume':
                return first === 'disk' ? { kind: 'options', section: parent.parent?.kind === 'connection' ? 'peer-disk' : 'disk', parent } : undefined;
            case 'connection':
                if (first === 'disk') return { kind: 'options', section: 'peer-disk', parent };
                if (first === 'net') return { kind: 'options', section: 'net', parent };
                return first === 'volume' || first === 'path' ? { kind: first, parent } : undefined;
            case 'mesh':
                return first === 'net' ? { kind: 'options', section: 'net', parent } : undefined;
            case 'proxy-on':
                return first === 'options' ? { kind: 'options', section: 'proxy', parent } : undefined;
            default:
                return undefined;
        }
    })();
    return found ?? { kind: 'ignored', parent };
}

/** The resource frame around a frame; its `hosts` are complete once the whole text is read. */
export function resourceOf(frame: Frame | undefined): Frame | undefined {
    while (frame && frame.kind !== 'resource') frame = frame.parent;
    return frame;
}

/** Host names a statement declares: `on A B {`, or `host NAME address ...;` in a connection. */
function declaredHosts(words: readonly string[], frame: Frame): string[] {
    if (frame.kind === 'resource' && words[0] === 'on') return words.slice(1);
    if ((frame.kind === 'connection' || frame.kind === 'path') && words[0] === 'host' && words[2] === 'address' && words[1]) return [words[1]];
    return [];
}

export function cursorContext(text: string, offset: number): CursorContext | undefined {
    let frame: Frame = { kind: 'top' };
    let words: string[] = [];
    let at: CursorContext | undefined;
    let inComment = false;
    const declare = (names: string[], where: Frame) => resourceOf(where)?.hosts?.push(...names.map((n) => n.replace(/^"|"$/g, '')));
    for (const chunk of textChunks(text)) {
        if (!at && !inComment && chunk.start < offset && offset <= chunk.end && chunk.kind !== 'open' && chunk.kind !== 'close' && chunk.kind !== 'semi') {
            if (chunk.kind === 'comment') inComment = true;
            else at = { frame, words: [...words], prefix: text.slice(chunk.start, offset), prefixStart: chunk.start };
        }
        if (!at && !inComment && chunk.start >= offset) at = { frame, words: [...words], prefix: '', prefixStart: offset };
        switch (chunk.kind) {
            case 'word':
                words.push(chunk.text);
                break;
            case 'open':
                declare(declaredHosts(words, frame), frame);
                frame = openFrame(words, frame);
                words = [];
                break;
            case 'close':
                frame = frame.parent ?? frame;
                words = [];
                // Back at the top after the cursor: the rest of the text cannot change its context.
                if (at && frame.kind === 'top') return at;
                break;
            case 'semi':
                declare(declaredHosts(words, frame), frame);
                words = [];
                break;
            case 'comment':
                break;
        }
    }
    if (inComment) return undefined;
    return at ?? { frame, words, prefix: '', prefixStart: offset };
}

