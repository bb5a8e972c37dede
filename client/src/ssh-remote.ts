/** The hosts reached with the system OpenSSH client: the runner core, in the extension host process. */
import { preflight } from '../../common/src/remote/preflight.js';
import { runPlans } from '../../common/src/remote/run.js';
import { SshSession, type SshSettings } from '../../common/src/remote/ssh.js';
import type { Remote } from './up-flow.js';

export async function openSshRemote(settings: SshSettings): Promise<Remote> {
    const session = await SshSession.open(settings);
    return {
        preflight: (verb, plans, opts) => preflight(session, verb, plans, opts),
        run: (report, opts) => runPlans(session, report, opts),
        close: () => session.close(),
    };
}
