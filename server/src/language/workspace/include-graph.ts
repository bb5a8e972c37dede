/**
 * Which file includes which, among the workspace's documents: built once from their include
 * statements (globbed when built), then answered from maps. drbdadm reads a main file and
 * everything it includes; the graph says which main files a file belongs to and which files
 * belong to a main file's configuration.
 */
export class IncludeGraph {
    private readonly parents = new Map<string, string[]>();
    private readonly mains = new Map<string, string[]>();

    /** `includes`: every document's path with the absolute paths its includes name. */
    constructor(private readonly includes: ReadonlyMap<string, readonly string[]>) {
        for (const [parent, children] of includes) {
            for (const child of children) {
                if (child === parent) continue;
                const list = this.parents.get(child);
                if (list) list.push(parent);
                else this.parents.set(child, [parent]);
            }
        }
    }

    /** Whether this file is in the graph with exactly these includes (then a new parse of it changes nothing here). */
    hasIncludes(path: string, includes: readonly string[]): boolean {
        const known = this.includes.get(path);
        return known !== undefined && known.length === includes.length && known.every((p, i) => p === includes[i]);
    }

    /** Whether some file includes another (the workspace holds a configuration with parts, e.g. drbd.conf and drbd.d/). */
    includesAnything(): boolean {
        return this.parents.size > 0;
    }

    /** The main files whose configuration contains this file (the file itself when nothing includes it). */
    mainFilesOf(path: string): string[] {
        let roots = this.mains.get(path);
        if (!roots) {
            const found = new Set<string>();
            const seen = new Set<string>();
            const climb = (p: string) => {
                if (seen.has(p)) return;
                seen.add(p);
                const up = this.parents.get(p) ?? [];
                if (up.length === 0) found.add(p);
                up.forEach(climb);
            };
            climb(path);
            // In an include cycle every member has a parent; the file itself is then the root.
            roots = found.size > 0 ? [...found] : [path];
            this.mains.set(path, roots);
        }
        return roots;
    }

    /** The files of the configuration that starts at this main file (itself included). */
    filesOf(mainFile: string): Set<string> {
        const files = new Set<string>();
        const descend = (p: string) => {
            if (files.has(p)) return;
            files.add(p);
            this.includes.get(p)?.forEach(descend);
        };
        descend(mainFile);
        return files;
    }

    /** Every file that shares a configuration with one of these files. */
    sharingWith(paths: Iterable<string>): Set<string> {
        const mains = new Set<string>();
        for (const path of paths) this.mainFilesOf(path).forEach((main) => mains.add(main));
        const out = new Set<string>();
        for (const main of mains) this.filesOf(main).forEach((file) => out.add(file));
        return out;
    }
}
