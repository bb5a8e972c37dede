import { parseArgs } from 'node:util';
import { checkCommand } from './check.js';
import { openConfig, UsageError } from './config-input.js';
import { nodeIdsCommand } from './node-ids.js';
import { dryRunCommand } from './plan-dry-run.js';
import type { ReportFormat } from './report-formats.js';
import { targetRelease, type TargetRelease } from './target-release.js';
import { DEFAULT_RELEASE, KNOWN_RELEASES } from '../drbd/release.js';

declare const DRBDCONF_VERSION: string;

const USAGE = `usage:
  drbdconf check [-c FILE] [--format text|json|sarif] [--utils-version X.Y.Z]
  drbdconf node-ids [-c FILE] [--utils-version X.Y.Z]
  drbdconf up|down [-c FILE] --host HOST --dry-run [--utils-version X.Y.Z] RES|all
  drbdconf up|down [-c FILE] [--ssh-config F] [--yes] [--utils-version X.Y.Z] RES|all
  drbdconf apply [-c FILE] [--ssh-config F] [--yes] [--utils-version X.Y.Z] RES|all
  drbdconf lsp --stdio
FILE defaults to drbdadm's default config (/etc/drbd.conf); '-' reads standard input.
--utils-version: read the config as that drbd-utils release's drbdadm does (default: the
release of the drbdadm installed here, else ${DEFAULT_RELEASE}; known: ${KNOWN_RELEASES.join(', ')}).
`;

const UTILS_VERSION = { 'utils-version': { type: 'string' } } as const;

/** Runs one CLI command; returns the exit status (2 on usage or I/O problems). */
export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    const cwd = process.cwd();
    try {
        switch (command) {
            case 'check': {
                const { values } = parseArgs({ args: rest, options: { config: { type: 'string', short: 'c' }, format: { type: 'string', default: 'text' }, ...UTILS_VERSION } });
                const format = values.format as ReportFormat;
                if (!['text', 'json', 'sarif'].includes(format)) {
                    throw new UsageError(`unknown --format '${format}' (text, json or sarif)`);
                }
                const target = announced(values['utils-version']);
                return checkCommand(openConfig(values.config, cwd), format, cwd, version(), target, process.stdout);
            }
            case 'node-ids': {
                const { values } = parseArgs({ args: rest, options: { config: { type: 'string', short: 'c' }, ...UTILS_VERSION } });
                const { release } = announced(values['utils-version']);
                return nodeIdsCommand(openConfig(values.config, cwd), release, process.stdout, process.stderr);
            }
            case 'up':
            case 'down':
                return await upDown(command, rest, cwd);
            case 'apply':
                return await apply(rest, cwd);
            case 'lsp': {
                const { startDrbdLanguageServer } = await import('../language/main.js');
                startDrbdLanguageServer();
                return -1;
            }
            case '--version':
                process.stdout.write(`drbdconf ${version()}\n`);
                return 0;
            case undefined:
            case 'help':
            case '--help':
            case '-h':
                process.stdout.write(USAGE);
                return command === undefined ? 2 : 0;
            default:
                throw new UsageError(`unknown command '${command}'`);
        }
    } catch (e) {
        if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
            process.stderr.write(`drbdconf: ${(e as Error).message}\n${e instanceof UsageError ? '' : USAGE}`);
            return 2;
        }
        throw e;
    }
}

async function upDown(verb: 'up' | 'down', args: string[], cwd: string): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true,
        options: {
            config: { type: 'string', short: 'c' }, host: { type: 'string' }, 'dry-run': { type: 'boolean' },
            'ssh-config': { type: 'string' }, yes: { type: 'boolean', short: 'y' }, ...UTILS_VERSION,
        },
    });
    if (positionals.length === 0) {
        throw new UsageError(`${verb} needs a resource name or 'all'`);
    }
    const selection = positionals.includes('all') ? 'all' : positionals;
    const target = announced(values['utils-version']);
    const input = openConfig(values.config, cwd);
    if (values['dry-run']) {
        if (!values.host) {
            throw new UsageError('--dry-run needs --host HOST (the host to plan for)');
        }
        return dryRunCommand(verb, input, values.host, selection, target.release, process.stdout, process.stderr);
    }
    const { remoteCommand } = await import('./up-remote-command.js');
    return remoteCommand(verb, input, selection, { sshConfig: values['ssh-config'], yes: values.yes ?? false, release: target.release });
}

async function apply(args: string[], cwd: string): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true,
        options: { config: { type: 'string', short: 'c' }, 'ssh-config': { type: 'string' }, yes: { type: 'boolean', short: 'y' }, ...UTILS_VERSION },
    });
    if (positionals.length === 0) throw new UsageError(`apply needs a resource name or 'all'`);
    if (values.config === '-') throw new UsageError('apply needs the configuration as files (not standard input): they are what goes to the hosts');
    const target = announced(values['utils-version']);
    const input = openConfig(values.config, cwd);
    const { applyCommand } = await import('./apply-command.js');
    return applyCommand(input, positionals.includes('all') ? 'all' : positionals, { sshConfig: values['ssh-config'], yes: values.yes ?? false, release: target.release });
}

/** The release to read the config as; a release we do not know is read as a known one, and the user is told. */
function announced(option: string | undefined): TargetRelease {
    const target = targetRelease(option);
    if (target.hint) process.stderr.write(`drbdconf: note: ${target.hint}\n`);
    return target;
}

function version(): string {
    return typeof DRBDCONF_VERSION === 'string' ? DRBDCONF_VERSION : 'dev';
}
