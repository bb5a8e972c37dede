import { DefaultServiceRegistry, DefaultWorkspaceManager, UriUtils, type FileSystemNode, type LangiumCoreServices, type URI } from 'langium';
import { isDrbdConfigPath } from './drbd-files.js';

/** Loads only DRBD configuration files from the workspace folders. */
export class DrbdWorkspaceManager extends DefaultWorkspaceManager {
    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        const name = UriUtils.basename(entry.uri);
        if (name.startsWith('.')) return false;
        if (entry.isDirectory) return name !== 'node_modules';
        return entry.isFile && isDrbdConfigPath(entry.uri.fsPath);
    }
}

/**
 * One language serves every file: an `include` may name a file of any name, and the editor
 * decides by its own language id which open files are DRBD.
 */
export class DrbdServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        return this.all[0] ?? super.getServices(uri);
    }

    override hasServices(): boolean {
        return this.all.length > 0;
    }
}
