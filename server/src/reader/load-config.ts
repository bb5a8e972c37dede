import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { createDefaultCoreModule, createDefaultSharedCoreModule, inject, URI, type LangiumCoreServices } from 'langium';
import { drbdParserModule } from '../syntax/drbd-parser.js';
import { tokenNumber } from '../drbd/options/scanner-token.js';
import { DrbdGeneratedModule, DrbdGeneratedSharedModule } from '../syntax/generated/module.js';
import { DrbdServiceRegistry } from '../syntax/drbd-service-registry.js';
import { DirectTokens, eachStatementDirectly, parseDirectly } from '../syntax/direct-parser.js';
import type { DrbdFile } from '../syntax/generated/ast.js';
import { syntaxDiagnostics } from './syntax-diagnostics.js';
import { buildConfig, Reparse, type BuildOptions, type BuildResult, type ConfigSource, type ParsedSource } from './build/build-config.js';

/** Larger files are refused rather than read: no drbd.conf is anywhere near this. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

let services: LangiumCoreServices | undefined;

/** Only what parsing needs: no LSP or validation services for the CLI to create. */
function createParsingServices(): LangiumCoreServices {
    const shared = inject(createDefaultSharedCoreModule(NodeFileSystem), DrbdGeneratedSharedModule, { ServiceRegistry: (s) => new DrbdServiceRegistry(s) });
    const drbd = inject(createDefaultCoreModule({ shared }), DrbdGeneratedModule, drbdParserModule(tokenNumber));
    shared.ServiceRegistry.register(drbd);
    return drbd;
}

/** Parses a text as the DRBD language (no linking, no workspace). */
export function parseDrbdText(text: string, path: string): ParsedSource {
    services ??= createParsingServices();
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<DrbdFile>(text, URI.file(path));
    return { ast: document.parseResult.value, syntaxErrors: syntaxDiagnostics(document, path), endLine: endLineOf(text) };
}

/**
 * parseDrbdText's reading without a CST (its nodes' positions are token indices: see
 * direct-parser.ts), for a reader that needs no editor services: the builder takes the statements
 * one at a time as they are parsed. Where the direct parser stops (a syntax error, or anything
 * else it does not read), the builder starts again with parseDrbdText's reading of this file
 * (Reparse); so does asking for the whole `ast`.
 */
export function parseDrbdTextDirectly(text: string, path: string): ParsedSource {
    const tokens = new DirectTokens(text);
    const abandon = () => new Reparse(path, () => parseDrbdText(text, path));
    let ast: DrbdFile | undefined;
    return {
        get ast(): DrbdFile {
            ast ??= parseDirectly(tokens);
            if (!ast) throw abandon();
            return ast;
        },
        syntaxErrors: [],
        endLine: endLineOf(text),
        statements: () => eachStatementDirectly(tokens, abandon),
    };
}

/** drbdadm's line counter at the end of a text. */
function endLineOf(text: string): number {
    let endLine = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) endLine++;
    return endLine;
}

/** Reads a config file from disk the way drbdadm can: a readable regular file of sane size. */
export function readConfigFile(path: string): string | { error: string } {
    let fd: number;
    try {
        // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
        return { error: describeFsError(e) };
    }
    try {
        const stat = fstatSync(fd);
        if (stat.isDirectory()) {
            return { error: 'is a directory' };
        }
        if (!stat.isFile()) {
            return { error: 'not a regular file' };
        }
        if (stat.size > MAX_CONFIG_BYTES) {
            return { error: `too large (${stat.size} bytes; at most ${MAX_CONFIG_BYTES})` };
        }
        // Small files share Node's buffer pool (a workspace may have 5 000 of them); only the
        // bytes read are used.
        const buffer = Buffer.allocUnsafe(stat.size);
        let read = 0;
        while (read < stat.size) {
            const n = readSync(fd, buffer, read, stat.size - read, read);
            if (n === 0) break;
            read += n;
        }
        return buffer.subarray(0, read).toString('utf8');
    } catch (e) {
        return { error: describeFsError(e) };
    } finally {
        closeSync(fd);
    }
}

export function describeFsError(e: unknown): string {
    const code = (e as NodeJS.ErrnoException).code;
    switch (code) {
        case 'ENOENT': return 'No such file or directory';
        case 'EACCES': case 'EPERM': return 'Permission denied';
        case 'EISDIR': return 'is a directory';
        case 'ELOOP': return 'Too many levels of symbolic links';
        default: return (e as Error).message ?? String(e);
    }
}

/** Files from disk, for the language server and tests. */
export const diskSource: ConfigSource = {
    read(path) {
        const text = readConfigFile(path);
        return typeof text === 'string' ? parseDrbdText(text, path) : text.error;
    },
};

/** Files from disk parsed directly where they can be (parseDrbdTextDirectly): for the CLI. */
export const directDiskSource: ConfigSource = {
    read(path) {
        const text = readConfigFile(path);
        return typeof text === 'string' ? parseDrbdTextDirectly(text, path) : text.error;
    },
};

export interface LoadResult extends BuildResult {
    /** drbdadm would have stopped while parsing. */
    fatal: boolean;
}

/** Parse + parse-time checks of a config on disk (drbdadm_parser.c's part of `drbdadm dump`). */
export function loadConfig(mainFile: string, options: BuildOptions = {}, source: ConfigSource = diskSource): LoadResult {
    const result = buildConfig(mainFile, source, options);
    return { ...result, fatal: result.exitCode !== 0 };
}
