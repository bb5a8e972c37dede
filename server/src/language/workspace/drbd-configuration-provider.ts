import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';

/**
 * Langium's provider of the client's settings, ready even when fetching them failed (it logs
 * the error): the workspace's first build waits for the settings (target-release.ts), and must
 * not wait forever.
 */
export class DrbdConfigurationProvider extends DefaultConfigurationProvider {
    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        try {
            await super.initialized(params);
        } finally {
            this._ready.resolve();
        }
    }
}
