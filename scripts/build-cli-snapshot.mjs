// Saves the CLI, started and with its parser built, as a V8 startup snapshot (dist/cli.blob),
// which bin/drbdconf runs when the node it finds is the one that made it: a snapshot only
// loads in the node binary that wrote it. Without a usable snapshot bin/drbdconf runs
// dist/cli.cjs as it is, so this step may fail without breaking anything but start-up time.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const blob = `${dist}cli.blob`;
const stamp = `${blob}.node`;
rmSync(stamp, { force: true });
// The flags bin/drbdconf runs the snapshot with (its `cli_flags`): V8 refuses a snapshot under other flags.
const CLI_FLAGS = ['--min-semi-space-size=16', '--initial-old-space-size=128'];
const built = spawnSync(process.execPath, [...CLI_FLAGS, '--snapshot-blob', blob, '--build-snapshot', `${dist}cli.cjs`], { encoding: 'utf8' });
if (built.status !== 0) {
    rmSync(blob, { force: true });
    console.warn(`drbdconf's start-up snapshot was not built (bin/drbdconf starts without it):\n${built.stderr}`);
} else {
    // The same fields bin/drbdconf reads with `stat -L -c %d:%i:%s:%Y` from the node on its PATH.
    const node = statSync(process.execPath);
    writeFileSync(stamp, `${node.dev}:${node.ino}:${node.size}:${Math.floor(node.mtimeMs / 1000)}\n`);
}
