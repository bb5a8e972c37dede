import { hostname } from 'node:os';
import type { ConfigurationProvider, DocumentBuilder, LangiumDocuments, WorkspaceLock } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { installedDrbdadmRelease, unnamedRelease } from '../../drbd/installed-release.js';
import { resolveRelease, type ReleaseVersion } from '../../drbd/release.js';
import { ReleaseNotificationMethod, type ReleaseParams } from '../../../../common/src/protocol.js';
import type { DrbdServices } from '../drbd-module.js';
import type { DrbdConfigurations } from './drbd-configurations.js';

/** The setting's section (the language id, as Langium's ConfigurationProvider names it) and key. */
export const SETTING_SECTION = 'drbd';
export const SETTING_KEY = 'utilsVersion';

export type ReleaseChoice = Omit<ReleaseParams, 'host'>;

/**
 * The release to check as for the setting `drbd.utilsVersion`: a release `X.Y.Z` (an unknown one
 * is read as the nearest older known one), or `auto` (also: unset or not a release) for the
 * release of the installed drbdadm, else DEFAULT_RELEASE. The same order as the CLI's
 * `--utils-version` (cli/target-release.ts).
 */
export function chooseRelease(setting: unknown, installed: () => ReleaseVersion | undefined): ReleaseChoice {
    const text = setting === undefined || setting === null ? '' : typeof setting === 'string' ? setting.trim() : JSON.stringify(setting);
    if (text === '' || text === 'auto') return unnamedRelease(installed);
    const resolved = resolveRelease(text);
    if (resolved) return { release: resolved.release, from: 'setting', ...(resolved.hint ? { requested: text, hint: resolved.hint } : {}) };
    const auto = unnamedRelease(installed);
    const why = `drbd.utilsVersion '${text}' is neither 'auto' nor a release X.Y.Z: it is ignored`;
    return { ...auto, requested: text, hint: auto.hint ? `${why}; ${auto.hint}` : why };
}

function sameChoice(a: ReleaseChoice | undefined, b: ReleaseChoice): boolean {
    return a?.release === b.release && a.from === b.from && a.requested === b.requested && a.hint === b.hint;
}

/**
 * Follows the setting `drbd.utilsVersion` (read through Langium's ConfigurationProvider: the
 * client's settings at start, then its didChangeConfiguration notifications) into
 * `Configurations.release`, validates every document again when the release changes, and tells
 * the client which release is in use (`drbd/release`).
 */
export class TargetRelease {
    private readonly configurations: DrbdConfigurations;
    private readonly provider: ConfigurationProvider;
    private readonly documents: LangiumDocuments;
    private readonly builder: DocumentBuilder;
    private readonly lock: WorkspaceLock;
    private readonly connection: Connection | undefined;
    private installed: { release: ReleaseVersion | undefined } | undefined;
    private current: ReleaseChoice | undefined;

    constructor(services: DrbdServices) {
        this.configurations = services.drbd.Configurations;
        const workspace = services.shared.workspace;
        this.provider = workspace.ConfigurationProvider;
        this.documents = workspace.LangiumDocuments;
        this.builder = workspace.DocumentBuilder;
        this.lock = workspace.WorkspaceLock;
        this.connection = services.shared.lsp.Connection;
    }

    /** From now on, a change of the setting changes the release (the language server calls this at start). */
    followSettings(): void {
        this.provider.onConfigurationSectionUpdate(({ section, configuration }) => {
            if (section !== SETTING_SECTION) return;
            this.follow((configuration as Record<string, unknown> | null | undefined)?.[SETTING_KEY])
                .catch((e: unknown) => this.connection?.console.error(`drbd.utilsVersion: ${e instanceof Error ? e.message : String(e)}`));
        });
    }

    /**
     * Sets the release the settings ask for before the workspace's first build, which holds the
     * workspace lock meanwhile. Without a client (CLI, tests) the release is the caller's.
     */
    async beforeFirstBuild(): Promise<void> {
        if (!this.connection) return;
        this.choose(await this.provider.getConfiguration(SETTING_SECTION, SETTING_KEY));
        this.configurations.release = this.current!.release;
    }

    /**
     * A changed setting (didChangeConfiguration carries the whole `drbd` section, so mostly
     * something else changed): a new release is set under the workspace lock, and every document
     * is validated again.
     */
    private async follow(setting: unknown): Promise<void> {
        const before = this.current?.release;
        if (!this.choose(setting) || this.current!.release === before) return;
        // Every document is built even when the release was set meanwhile: this write cancels the
        // running one, which may be the first build (the client pushes its settings at once).
        await this.lock.write(async (token) => {
            this.configurations.release = this.current!.release;
            // `validation: true` runs the checks again on validated documents; the others (of a
            // build this write cancelled) are built as usual.
            await this.builder.build(this.documents.all.toArray(), { validation: true }, token);
        });
    }

    /** Takes and announces the choice for `setting`; false when it is the one in use. */
    private choose(setting: unknown): boolean {
        const choice = chooseRelease(setting, () => this.installedRelease());
        if (sameChoice(this.current, choice)) return false;
        this.current = choice;
        void this.connection?.sendNotification(ReleaseNotificationMethod, { ...choice, host: hostname() } satisfies ReleaseParams);
        return true;
    }

    /** drbdadm's release is asked once: it changes only with a package upgrade. */
    private installedRelease(): ReleaseVersion | undefined {
        this.installed ??= { release: installedDrbdadmRelease() };
        return this.installed.release;
    }
}
