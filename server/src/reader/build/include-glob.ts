import { lstatSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import picomatch from 'picomatch';

const MAGIC = /[*?[]/;

/** drbdadm decides "glob or literal" by these characters (a literal include must exist). */
export function isGlobPattern(pattern: string): boolean {
    return MAGIC.test(pattern);
}

/** What globLikeC asks the file system (absolute paths): a seam for a cache of its answers. */
export interface GlobFileSystem {
    /** A directory's entries; none when it cannot be read. */
    list(dir: string): string[];
    exists(path: string): boolean;
    isDirectory(path: string): boolean;
}

export const DISK: GlobFileSystem = { list: listDirectory, exists, isDirectory };

/**
 * glob(3) as drbdadm calls it (no flags): `*`, `?` and `[...]` within one path segment, no
 * braces, wildcards do not match a leading dot, results sorted bytewise (C locale) and given
 * relative when the pattern is. Paths are resolved against `cwd`, the including file's directory.
 */
export function globLikeC(pattern: string, cwd: string, fs: GlobFileSystem = DISK): string[] {
    if (!isGlobPattern(pattern)) {
        return fs.exists(resolve(cwd, pattern)) ? [pattern] : [];
    }
    const segments = pattern.split('/');
    let prefixes = [pattern.startsWith('/') ? '/' : ''];
    segments.forEach((segment, i) => {
        if (segment === '' ) {
            return;
        }
        const last = i === segments.length - 1;
        const next: string[] = [];
        for (const prefix of prefixes) {
            const dir = resolve(cwd, prefix || '.');
            if (!isGlobPattern(segment)) {
                const path = join(prefix, segment);
                if (last ? fs.exists(resolve(cwd, path)) : fs.isDirectory(resolve(cwd, path))) {
                    next.push(path);
                }
                continue;
            }
            const matches = picomatch(segment, { dot: false, nobrace: true, noextglob: true, noglobstar: true });
            for (const entry of fs.list(dir)) {
                if (matches(entry) && (last || fs.isDirectory(entryPath(dir, entry)))) {
                    next.push(entryPath(prefix, entry));
                }
            }
        }
        prefixes = next;
    });
    return prefixes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * path.join of a normalized path (or `''`) and a directory entry, which has no `/` and is no `.`
 * or `..`: nothing to normalize (a directory of 5 000 files joined each of its entries).
 */
export function entryPath(prefix: string, entry: string): string {
    return prefix === '' ? entry : prefix.endsWith('/') ? `${prefix}${entry}` : `${prefix}/${entry}`;
}

/**
 * The file an include's match in `dir` names: an absolute match itself, else path.resolve's
 * answer, built without it where nothing needs normalizing (no `.` or `..` segment, no double
 * slash; a glob over a 1 000-file directory resolved each match at every keystroke).
 */
export function includedPath(dir: string, match: string): string {
    if (isAbsolute(match)) return match;
    if (match === '' || !isAbsolute(dir) || NEEDS_NORMALIZING.test(match) || NEEDS_NORMALIZING.test(`${dir}/`)) return resolve(dir, match);
    return `${dir}/${match}`;
}

const NEEDS_NORMALIZING = /(^|\/)\.\.?(\/|$)|\/\/|\/$/;

function listDirectory(dir: string): string[] {
    try {
        return readdirSync(dir);
    } catch {
        return [];
    }
}

function exists(path: string): boolean {
    try {
        lstatSync(path);
        return true;
    } catch {
        return false;
    }
}

function isDirectory(path: string): boolean {
    try {
        return statSync(path).isDirectory();
    } catch {
        return false;
    }
}
