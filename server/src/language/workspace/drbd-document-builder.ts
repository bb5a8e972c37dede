import { DefaultDocumentBuilder, URI, type LangiumDocument } from 'langium';
import type { DrbdServices } from '../drbd-module.js';

/**
 * An edit in one file of a configuration can change the diagnostics of every other file of it
 * (duplicate minors, node-ids, includes): those files are validated again too.
 */
export class DrbdDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) {
            return true;
        }
        const configurations = (this.serviceRegistry.getServices(document.uri) as DrbdServices).drbd.Configurations;
        const mine = new Set(configurations.mainFilesOf(document.uri.fsPath));
        return [...changedUris].some((changed) => configurations.mainFilesOf(URI.parse(changed).fsPath).some((main) => mine.has(main)));
    }
}
