import type { ConfigInput } from './config-input.js';

export interface RemoteCommandOptions {
    sshConfig?: string;
    yes: boolean;
}

/** `drbdconf up|down RES|all` over ssh on every host (wired to the runner below). */
export async function remoteCommand(verb: 'up' | 'down', input: ConfigInput, selection: string[] | 'all', options: RemoteCommandOptions): Promise<number> {
    void verb; void input; void selection; void options;
    process.stderr.write('drbdconf: remote up/down is not wired yet\n');
    return 2;
}
