/**
 * The drbd-utils release in the editor: a language status item on DRBD files showing the release
 * the language server checks as, `drbd.pickUtilsVersion` (a quick pick that writes the setting)
 * and `drbd.setUtilsVersion` (what the quick fix "Check as drbd-utils X" runs). The decisions
 * are in utils-version.ts.
 */
import * as vscode from 'vscode';
import type { ReleaseParams, SetUtilsVersionCommand } from '../../common/src/protocol.js';
import { knownReleases, releaseArgument, releasePicks, releaseStatus, settingTarget, settingWritten, UTILS_VERSION } from './utils-version.js';

/** The command name, checked against the shared protocol's constant (a type-only import). */
const SET_UTILS_VERSION: typeof SetUtilsVersionCommand = 'drbd.setUtilsVersion';

/** Registers the item and the commands; returns what the client calls with each `drbd/release`. */
export function registerUtilsVersion(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): (params: ReleaseParams) => void {
    const known = knownReleases(context.extension.packageJSON);
    let inUse: ReleaseParams | undefined;
    const item = vscode.languages.createLanguageStatusItem('drbd.utilsVersion', { language: 'drbd' });
    item.name = 'drbd-utils release';
    item.text = 'drbd-utils …';
    item.busy = true;
    item.command = { title: 'Change', command: 'drbd.pickUtilsVersion', tooltip: 'Choose the drbd-utils release DRBD files are checked as' };

    const write = async (value: string): Promise<void> => {
        const config = vscode.workspace.getConfiguration('drbd');
        const target = settingTarget(config.inspect(UTILS_VERSION));
        await config.update(UTILS_VERSION, value, target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
        void vscode.window.showInformationMessage(settingWritten(value, target));
    };

    context.subscriptions.push(
        item,
        vscode.commands.registerCommand('drbd.pickUtilsVersion', async () => {
            const setting = vscode.workspace.getConfiguration('drbd').get(UTILS_VERSION);
            const picks = releasePicks(known, setting, inUse);
            const chosen = await vscode.window.showQuickPick(picks, {
                title: 'DRBD: check DRBD files as which drbd-utils release?',
                placeHolder: inUse ? `now: drbd-utils ${inUse.release} (${releaseStatus(inUse).detail})` : 'auto: the drbdadm where the language server runs',
            });
            if (chosen) await write(chosen.value);
        }),
        vscode.commands.registerCommand(SET_UTILS_VERSION, async (arg?: unknown) => {
            const release = releaseArgument(arg, known);
            if (release) await write(release);
            else void vscode.window.showErrorMessage(`DRBD: ${JSON.stringify(arg)} is not a drbd-utils release drbdconf knows (${known.join(', ')}).`);
        }),
    );

    return (params) => {
        inUse = params;
        const status = releaseStatus(params);
        item.busy = false;
        item.text = status.text;
        item.detail = status.detail;
        item.severity = status.warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        output.info(`checking DRBD files as drbd-utils ${params.release} (${status.detail})`);
        if (params.hint) output.warn(params.hint);
    };
}
