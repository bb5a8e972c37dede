import { basename, dirname, resolve } from 'node:path';
import { readdirSync, realpathSync } from 'node:fs';
import type { CommonSection, DrbdFile, GlobalSection, IncludeStatement, ModuleVersionRequirement, ResourceSection, TopStatement } from '../../syntax/generated/ast.js';
import type { Config, Diagnostic, Loc, Resource } from '../../drbd/model.js';
import { checkGlobalOption, isGlobalKey, tokenNumber } from '../../drbd/options/index.js';
import { expectedToken } from '../../drbd/options/parse-errors.js';
import { Report } from '../../drbd/post-parse/report.js';
import type { DuplicateCode } from '../../drbd/diagnostic-codes.js';
import { UniqTable } from '../../drbd/post-parse/uniq.js';
import { DEFAULT_RELEASE, type ReleaseVersion } from '../../drbd/release.js';
import type { BuildContext } from './build-context.js';
import { buildResourceBody, emptyOptionSections, type TemplateReader } from './build-resource.js';
import { entryPath, globLikeC, includedPath, isGlobPattern } from './include-glob.js';
import type { ResourceBuildCache } from './resource-cache.js';
import { headOf, locOf, locOfKeyword, locOfProperty } from './loc.js';

/** A file parsed by the language front end, with its syntax errors (already drbdadm-worded). */
export interface ParsedSource {
    ast: DrbdFile;
    syntaxErrors: Diagnostic[];
    /** drbdadm's line counter at the end of the file (1 + number of newlines). */
    endLine: number;
    /**
     * The top-level statements, each parsed when the builder asks for the next (the CLI's direct
     * parse: a statement's tree is garbage once built, and never kept); `ast.statements` when absent.
     * May throw Reparse.
     */
    statements?(): Iterable<TopStatement>;
}

/**
 * Thrown while a file is read statement by statement, where that reading cannot go on (a syntax
 * error): the builder starts again from the main file, with `reparsed` for this one.
 */
export class Reparse extends Error {
    constructor(readonly path: string, readonly reparsed: () => ParsedSource) {
        super(`${path}: read again`);
    }
}

/** Where the builder gets files from: the editor's open documents, or the disk. */
export interface ConfigSource {
    /** The parsed file, or why it cannot be read. */
    read(path: string): ParsedSource | string;
    /** Where a file really is (symlinks resolved; the path itself if it does not exist): realpathOr when absent. */
    realpath?(path: string): string;
    /** An include pattern's matches, as globLikeC gives them (which it does when absent). */
    glob?(pattern: string, cwd: string): string[];
}

export interface BuildOptions {
    /** The host drbdadm runs as (device-name checks); none matches when absent. */
    hostname?: string;
    /** DRBD kernel module version for `require-drbd-module-version-*` (unknown when absent). */
    kernelVersion?: string;
    /** Resources built by earlier runs over the same syntax trees (the language server's). */
    cache?: ResourceBuildCache;
    /** The drbd-utils release to read the configuration as (a known one: see resolveRelease). */
    release?: ReleaseVersion;
}

/** A file the configuration consists of, and the include statement that brought it in. */
export interface ConfigFile {
    path: string;
    includedFrom?: Loc;
    /** An included file's path as drbdadm prints it: the glob's match, relative to the including file's directory. */
    shownAs?: string;
    /** The patterns of this file's `include` statements, as written (what Apply checks on the hosts). */
    includes: string[];
}

export interface BuildResult {
    config: Config;
    diagnostics: Diagnostic[];
    /** drbdadm's exit status after parsing (0: it goes on to post-parse). */
    exitCode: number;
    /** drbdadm stopped in the middle of parsing (a fatal parse error), not just at its end. */
    stopped: boolean;
    files: ConfigFile[];
    /** The global uniqueness table, which post-parse continues. */
    uniq: UniqTable;
}

/**
 * drbdadm_parser.c's my_parse over already parsed files: reads the main file and, in place,
 * every file its `include` statements name, building the configuration model and making the
 * parse-time checks (duplicates, ranges, device names, option names and values).
 */
export function buildConfig(mainFile: string, source: ConfigSource, options: BuildOptions = {}): BuildResult {
    const reparsed = new Map<string, ParsedSource>();
    const read = (path: string) => reparsed.get(path) ?? source.read(path);
    // Each start again reads one more file as a whole: at most one per file.
    for (;;) {
        try {
            return buildOnce(mainFile, { read, realpath: source.realpath?.bind(source), glob: source.glob?.bind(source) }, options);
        } catch (e) {
            if (!(e instanceof Reparse) || reparsed.has(e.path)) throw e;
            reparsed.set(e.path, e.reparsed());
        }
    }
}

function buildOnce(mainFile: string, source: ConfigSource, options: BuildOptions): BuildResult {
    const report = new Report();
    const globalUniq = new UniqTable(report, options.cache?.uniqKeys.begin());
    const release = options.release ?? DEFAULT_RELEASE;
    const config: Config = { mainFile, release, global: { disableIpVerification: false, udevAlwaysUseVnr: false }, resources: [] };
    const files: ConfigFile[] = [];
    const seen = new Set<string>();
    const realpath = source.realpath ?? realpathByDirectory();
    const ctx: BuildContext = { report, globalUniq, resourceUniq: new UniqTable(report), hostname: options.hostname, release, file: mainFile };

    const readTemplate: TemplateReader = (inner, res, file, at) => {
        const path = resolve(dirname(realpath(inner.file)), file);
        const parsed = source.read(path);
        if (typeof parsed === 'string') {
            report.error('template/missing', `Failed to open template file '${file}'.`, at);
            return;
        }
        report.diagnostics.push(...parsed.syntaxErrors);
        const common = parsed.ast.statements[0];
        const templateCtx = { ...inner, file: path };
        if (common?.$type !== 'CommonSection') {
            report.error('template/not-common', `Parse error: 'TK_COMMON' expected (the template file must start with 'common {')`, common ? locOf(common, path) : at);
            report.exit(10);
            return;
        }
        const template = buildCommonLike(templateCtx, `template-${res.name}`, common);
        res.template = { ...template, file: path, loc: at };
    };

    const buildCommonLike = (inner: BuildContext, name: string, node: CommonSection): Resource => {
        const res = newResource(name, locOf(node, inner.file), locOfKeyword(node, 'common', inner.file));
        const saved = inner.resourceUniq;
        buildResourceBody(inner, res, node.statements, readTemplate);
        inner.resourceUniq = saved;
        const lastHost = res.allHosts.at(-1);
        if (lastHost) {
            report.error('common/host-section', `in the ${name} section, there are no host sections allowed.`, headOf(lastHost.loc));
        }
        return res;
    };

    const buildSection = (inner: BuildContext, node: ResourceSection) => buildResource(inner, node, readTemplate);

    const readFile = (path: string, includedFrom?: Loc, shownAs?: string): void => {
        const real = realpath(path);
        if (seen.has(real)) {
            // drbdadm reads each file once and says nothing; a cycle deserves a word in the editor.
            if (includedFrom) report.info('include/already-read', `'${path}' is already part of the configuration: drbdadm reads each file once and skips this include.`, includedFrom);
            return;
        }
        seen.add(real);
        const parsed = source.read(path);
        if (typeof parsed === 'string') {
            if (includedFrom) {
                report.error('include/unreadable', `Failed to open include file '${path}': ${parsed}`, includedFrom);
            } else {
                report.error('file/unreadable', parsed, { file: path, line: 1, startLine: 0, startChar: 0, endLine: 0, endChar: 0 });
                report.exit(10);
            }
            return;
        }
        const file: ConfigFile = { path, includedFrom, shownAs, includes: [] };
        files.push(file);
        if (!includedFrom) {
            config.mainEndLine = parsed.endLine;
        }
        report.diagnostics.push(...parsed.syntaxErrors);
        if (parsed.syntaxErrors.some((d) => d.severity === 'error')) {
            report.exit(10);
        }
        for (const statement of parsed.statements?.() ?? parsed.ast.statements) {
            ctx.file = path;
            switch (statement.$type) {
                case 'GlobalSection':
                    buildGlobal(ctx, config, statement);
                    break;
                case 'CommonSection': {
                    const loc = locOf(statement, path);
                    checkUniq(ctx, 'resource-section/duplicate', 'common', loc);
                    config.common = { ...buildCommonLike(ctx, 'common', statement), loc };
                    break;
                }
                case 'ResourceSection': {
                    config.resources.push(options.cache?.build(ctx, statement, buildSection) ?? buildSection(ctx, statement));
                    break;
                }
                case 'IncludeStatement':
                    file.includes.push(statement.pattern ?? '');
                    include(ctx, statement, readFile, realpath, source.glob ?? globLikeC);
                    break;
                case 'ModuleVersionRequirement':
                    // Without its version the statement is a syntax error, reported already.
                    if (statement.version !== undefined) checkModuleVersion(ctx, statement, options.kernelVersion);
                    break;
            }
        }
    };

    readFile(mainFile);
    return { config, diagnostics: report.diagnostics, exitCode: report.exitCode, stopped: report.exitedWith !== undefined, files, uniq: globalUniq };
}

function newResource(name: string, loc: Loc, nameLoc: Loc): Resource {
    return { name, loc, nameLoc, volumes: [], connections: [], allHosts: [], meshes: [], stackedTimeouts: false, ...emptyOptionSections() };
}

/** A section unique in the whole configuration, pointed at by its first line. */
function checkUniq(ctx: BuildContext, code: DuplicateCode, key: string, whole: Loc): Loc {
    const loc = headOf(whole);
    ctx.globalUniq.check(code, key, loc, ctx.file, loc.line);
    return loc;
}

function buildResource(ctx: BuildContext, node: ResourceSection, readTemplate: TemplateReader): Resource {
    const name = node.name ?? '';
    const nameLoc = locOfProperty(node, 'name', ctx.file);
    if (name === '') {
        ctx.report.error('resource/name-empty', 'Resource name is empty.', nameLoc);
        ctx.report.exit(1);
    } else if (/[\x00-\x1f\x7f]/.test(name)) {
        ctx.report.error('resource/name-invalid', "Resource name is invalid - please don't use control characters.", nameLoc);
        ctx.report.exit(1);
    }
    const loc = locOf(node, ctx.file);
    checkUniq(ctx, 'resource-section/duplicate', name, loc);
    const res = newResource(name, loc, nameLoc);
    buildResourceBody(ctx, res, node.statements, readTemplate);
    return res;
}

function buildGlobal(ctx: BuildContext, config: Config, node: GlobalSection): void {
    const whole = locOf(node, ctx.file);
    const head = checkUniq(ctx, 'global-section/duplicate', 'global', whole);
    if (config.resources.length > 0) {
        ctx.report.warning('global/after-resource', 'You should put the global {} section\n\tin front of any resource {} section', head);
    }
    config.global.loc = whole;
    for (const statement of node.statements) {
        const value = statement.values[0];
        const check = checkGlobalOption(statement.key, value, ctx.release);
        // parse_global fails on the word it does not know, or on the value it read
        let loc = !isGlobalKey(statement.key) ? locOfProperty(statement, 'key', ctx.file) : value === undefined ? locOf(statement, ctx.file) : locOfProperty(statement, 'values', ctx.file, 0);
        // parse_global reads one value and then wants the ';': a forgotten one runs into the next statement.
        const extra = statement.values[1];
        if (!check.error && value !== undefined && extra !== undefined) {
            check.error = expectedToken(';', extra, tokenNumber(extra, ctx.release));
            check.fatal = true;
            loc = locOfProperty(statement, 'values', ctx.file, 1);
        }
        if (check.error) {
            ctx.report.error(check.fatal ? 'global/syntax' : 'global/range', check.error, loc);
            if (check.fatal) {
                ctx.report.exit(10);
            }
            continue;
        }
        const g = config.global;
        switch (statement.key) {
            case 'usage-count': g.usageCount = value; break;
            case 'minor-count': g.minorCount = value; break;
            case 'dialog-refresh': g.dialogRefresh = value; break;
            case 'cmd-timeout-short': g.cmdTimeoutShort = value; break;
            case 'cmd-timeout-medium': g.cmdTimeoutMedium = value; break;
            case 'cmd-timeout-long': g.cmdTimeoutLong = value; break;
            case 'disable-ip-verification': g.disableIpVerification = true; break;
            case 'udev-always-use-vnr': g.udevAlwaysUseVnr = true; break;
        }
    }
}

/** include_stmt: glob relative to the including file's directory; a literal must exist. */
function include(ctx: BuildContext, node: IncludeStatement, readFile: (path: string, from: Loc, shownAs: string) => void, realpath: (path: string) => string, glob: (pattern: string, cwd: string) => string[]): void {
    const pattern = node.pattern ?? '';
    const loc = locOf(node, ctx.file);
    const dir = dirname(realpath(ctx.file));
    const matches = glob(pattern, dir);
    if (matches.length === 0 && !isGlobPattern(pattern)) {
        ctx.report.error('include/missing', `Failed to open include file '${pattern}'.`, loc);
        return;
    }
    const includer = ctx.file;
    for (const match of matches) {
        readFile(includedPath(dir, match), loc, match);
    }
    ctx.file = includer;
}

/** validate_kmod: needs the loaded module's version, which only the target host knows. */
function checkModuleVersion(ctx: BuildContext, node: ModuleVersionRequirement, kernelVersion: string | undefined): void {
    const loc = locOf(node, ctx.file);
    if (!kernelVersion) {
        ctx.report.error('module-version/unknown',
            'Could not get drbd-module-version, Module not loaded?\n(drbdadm compares this with the loaded DRBD module; set DRBD_DRIVER_VERSION_OVERRIDE=X.Y.Z to check against a version)', loc);
        ctx.report.exit(10);
        return;
    }
    // drbdadm subtracts unsigned version codes before comparing with 0: `ge` always holds, `lt`
    // never, `gt` means "differs" and `le` "equal". We report what drbdadm decides.
    const difference = (versionCode(kernelVersion) - versionCode(node.version)) >>> 0;
    const op = node.op.slice(-2);
    const ok = { eq: difference === 0, ne: difference !== 0, gt: difference > 0, ge: true, lt: false, le: difference === 0 }[op];
    if (!ok) {
        const symbol = { eq: '==', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' }[op];
        ctx.report.error('module-version/mismatch', `Validation error: drbd-module-version ${kernelVersion} ${symbol} ${node.version} not true`, loc);
        ctx.report.exit(10);
    }
}

function versionCode(version: string): number {
    const [major = 0, minor = 0, sub = 0] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
    return (major << 16) | (minor << 8) | sub;
}

/** A directory's real path and its entries (name → whether it is a symbolic link). */
interface Listing {
    real: string;
    links: Map<string, boolean>;
}

/**
 * realpathOr, with each directory resolved and listed once: a file that is no symbolic link is
 * where its directory really is (the files of a glob share one). System calls per included file
 * were a tenth of checking 5 000 of them.
 */
function realpathByDirectory(): (path: string) => string {
    const listings = new Map<string, Listing | undefined>();
    const listing = (dir: string): Listing | undefined => {
        if (!listings.has(dir)) {
            try {
                const links = new Map(readdirSync(dir, { withFileTypes: true }).map((entry) => [entry.name, entry.isSymbolicLink()] as const));
                listings.set(dir, { real: realpathOr(dir), links });
            } catch {
                listings.set(dir, undefined);
            }
        }
        return listings.get(dir);
    };
    return (path) => {
        const dir = listing(dirname(path));
        const name = basename(path);
        return dir?.links.get(name) === false ? entryPath(dir.real, name) : realpathOr(path);
    };
}

/** The file's real path, or the path itself when it cannot be resolved (drbdadm goes on with it). */
export function realpathOr(path: string): string {
    try {
        return realpathSync.native(path);
    } catch {
        return path;
    }
}
