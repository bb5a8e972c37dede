import { DefaultWorkspaceManager, UriUtils, type FileSystemNode, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken, WorkspaceFolder } from 'vscode-languageserver';
import type { DrbdServices } from '../drbd-module.js';
import { isDrbdConfigPath } from './drbd-files.js';

/**
 * Loads only DRBD configuration files from the workspace folders, and validates them all at
 * start, as the drbd-utils release the settings name: a configuration's problems show before
 * its files are opened.
 */
export class DrbdWorkspaceManager extends DefaultWorkspaceManager {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.initialBuildOptions = { validation: true };
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: CancellationToken): Promise<void> {
        await (this.serviceRegistry.all[0] as DrbdServices | undefined)?.drbd.TargetRelease.beforeFirstBuild();
        return super.initializeWorkspace(folders, cancelToken);
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        const name = UriUtils.basename(entry.uri);
        if (name.startsWith('.')) return false;
        if (entry.isDirectory) return name !== 'node_modules';
        return entry.isFile && isDrbdConfigPath(entry.uri.fsPath);
    }
}
