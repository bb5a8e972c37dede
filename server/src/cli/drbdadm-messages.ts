/**
 * What drbdadm prints on stderr for a configuration, in its order: the findings up to and
 * including the first one at which it exits (a fatal parse error, a conflict), each with the
 * FILE:LINE drbdadm prints (the path as given or as included, the line its counter had).
 * The analysis has more (recovery goes on after a syntax error, twins for the editor): the
 * editor shows those, the CLI prints this.
 */
import type { Analysis } from '../reader/analyze.js';
import type { DiagnosticCode } from '../drbd/diagnostic-codes.js';
import type { Diagnostic, Loc, Severity } from '../drbd/model.js';
import { checkOption, tokenNumber } from '../drbd/options/index.js';
import type { OptionSection } from '../drbd/options/field-tables.js';
import { atLeast, type ReleaseVersion } from '../drbd/release.js';
import { headOf } from '../reader/build/loc.js';

export interface PrintedMessage {
    /** The path as drbdadm prints it. */
    file: string;
    line: number;
    /** 1-based column of the construct (for `check`'s FILE:LINE:COL). */
    column: number;
    severity: Severity;
    message: string;
    /** drbdadm prints this message without a `FILE:LINE: ` prefix. */
    bare: boolean;
}

/** Messages drbdadm prints without a location (post-parse warnings about a whole resource, BAD LUCK). */
const BARE_CODES = new Set<DiagnosticCode>(['node-id/equal-hashes', 'connection/implicit-more-than-two-hosts']);

type Key = number[];

function compare(a: Key, b: Key): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
}

/**
 * What drbdadm checks as soon as it has read a statement's keyword: volume0()'s complaint,
 * path0()'s (a host or address beside explicit paths), a connection's or mesh's second net, an
 * address in a floating section, check_upr() of a section or statement of a named resource or host
 * (not the names of a resource or host section: recovery may leave those empty). These stand even
 * where the parser did not finish the construct.
 */
const AT_KEYWORD =
    /^(volume\/mixed-implicit-explicit|connection\/mixed-paths|connection\/second-net|mesh\/second-net|floating\/address)$|^(?!resource-section|host-section)[a-z-]+-(section|statement)\/duplicate$/;

/**
 * What drbdadm checks at a section's closing `}`, pointing at the section's first line: never
 * printed when a parse error comes inside the section.
 */
const AT_CLOSING_BRACE = new Set<DiagnosticCode>(['connection/no-path']);

/** Our own warnings about what drbdadm silently accepts. */
const OWN_CODES = new Set<DiagnosticCode>(['syntax/unclosed-resource']);

const printable = (d: Diagnostic): boolean => !d.drbdadmEcho && !d.editorOnly && d.severity !== 'info' && !OWN_CODES.has(d.code);
const isFatal = (d: Diagnostic): boolean => d.fatal === true;

/** drbdadm's messages for an analysis; `mainShownAs` is the main file as given on the command line. */
export function drbdadmMessages(analysis: Analysis, mainShownAs?: string): PrintedMessage[] {
    // Reading order: a file's contents sit where the include statement that read it is.
    const fileKeys = new Map<string, Key>();
    const shownAs = new Map<string, string>();
    for (const f of analysis.files) {
        const from = f.includedFrom;
        const parent = from ? fileKeys.get(from.file) ?? [Infinity] : [];
        fileKeys.set(f.path, from ? [...parent, from.startLine, from.startChar] : []);
        shownAs.set(f.path, from ? f.shownAs ?? f.path : mainShownAs ?? f.path);
    }
    const start = (d: Diagnostic): Key => [...(fileKeys.get(d.loc.file) ?? [Infinity]), d.loc.startLine, d.loc.startChar];
    const end = (d: Diagnostic): Key => [...(fileKeys.get(d.loc.file) ?? [Infinity]), d.loc.endLine, d.loc.endChar];

    const parse = analysis.parseDiagnostics;
    const isSyntax = (d: Diagnostic): boolean => d.code === 'syntax' && d.severity === 'error';
    // Syntax errors are collected per file before its constructs are built: drbdadm stops at the
    // first in reading order, and what the builder found after it (or across it, on constructs
    // the parser recovered) drbdadm never printed.
    // A file's first parse error is the parser's first (recovery may report a token before it).
    const firstInFile = new Map<string, Diagnostic>();
    for (const d of parse) if (isSyntax(d) && !firstInFile.has(d.loc.file)) firstInFile.set(d.loc.file, d);
    let syntax: Diagnostic | undefined;
    for (const d of firstInFile.values()) if (!syntax || compare(start(d), start(syntax)) < 0) syntax = d;
    // What drbdadm checks at a statement's keyword was printed if it read that keyword before
    // the error (a construct starting at the error token is the parser's recovery).
    const before = (d: Diagnostic, at: Diagnostic): boolean => AT_KEYWORD.test(d.code) ? compare(start(d), start(at)) < 0 : compare(end(d), start(at)) <= 0;
    const rangeOf = (file: string, range: readonly number[]): string => `${file}:${range.join(':')}`;
    const open = new Set((syntax?.openAt ?? []).map((range) => rangeOf(syntax!.loc.file, range)));
    const range = (loc: Loc): string => rangeOf(loc.file, [loc.startLine, loc.startChar, loc.endLine, loc.endChar]);
    // where the builder points at an open construct by its head (headOf())
    const openHeads = new Set((syntax?.openAt ?? []).map(([startLine, startChar, endLine, endChar]) =>
        range(headOf({ file: syntax!.loc.file, line: startLine + 1, startLine, startChar, endLine, endChar }))));
    // (not drbdadm's own parse errors on tokens it read, nor what it checks at a keyword: those are real)
    const aboutOpen = (d: Diagnostic): boolean =>
        (!/^(syntax|option)\//.test(d.code) && !AT_KEYWORD.test(d.code) && open.has(range(d.loc))) || (AT_CLOSING_BRACE.has(d.code) && openHeads.has(range(d.loc)));
    const read = parse.filter((d) => printable(d) && !isSyntax(d) && (!syntax || (before(d, syntax) && !aboutOpen(d))));
    let first = read.find(isFatal);
    if (syntax && (!first || compare(start(syntax), start(first)) < 0)) first = syntax;
    let chosen: Diagnostic[];
    if (first) {
        const stop = first;
        chosen = [...read.filter((d) => !isFatal(d) && before(d, stop)), stop];
    } else {
        chosen = read;
        if (!parse.some((d) => d.severity === 'error')) {
            const post = analysis.postParseDiagnostics.filter(printable);
            const at = post.findIndex((d) => d.fatal);
            chosen.push(...(at < 0 ? post : post.slice(0, at + 1)));
        }
    }

    const renamed = [...shownAs].filter(([path, shown]) => path !== shown);
    const release = analysis.config.release;
    return chosen.flatMap((d) => {
        const at = d.drbdadmAt ?? d.loc;
        const file = shownAs.get(at.file) ?? at.file;
        const printed = (line: number, column: number, message: string): PrintedMessage => {
            // Paths inside messages ("... first used here") are printed as drbdadm prints them too.
            for (const [path, shown] of renamed) message = message.split(`${path}:`).join(`${shown}:`);
            return { file, line, column, severity: d.severity, message, bare: BARE_CODES.has(d.code) };
        };
        const check = d.inOptions && checkOption(d.inOptions.section as OptionSection, d.inOptions.got, undefined, release);
        const message = d.olderWording && !atLeast(release, d.olderWording.until) ? d.olderWording.message : d.message;
        return [printed(at.line, d.drbdadmAt ? 1 : d.loc.startChar + 1, check?.error ?? (d.code === 'syntax' ? numberedFor(message, release) : message))];
    });
}

/**
 * The parser words its errors once, as 9.22 does (the parse does not depend on the release):
 * `release` numbers some tokens differently (scanner-token.ts) — a number that is not the 9.22
 * number of the printed text (a quoted keyword, a clipped word) is left as it is — and since
 * 9.23.0 drbdadm_parser.c parse_via() wants 'proxy | outside-address' after `via`.
 */
function numberedFor(message: string, release: ReleaseVersion): string {
    if (atLeast(release, '9.23.0')) message = message.replace(/^Parse error: 'TK_PROXY' expected,/, "Parse error: 'proxy | outside-address' expected,");
    return message.replace(/but got '((?:[^'\n]|'(?! \(TK))*)' \(TK (\d+)\)$/, (all, got: string, tk: string) =>
        tokenNumber(got) === Number(tk) ? `but got '${got}' (TK ${tokenNumber(got, release)})` : all);
}
