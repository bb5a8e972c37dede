import { readFileSync } from 'node:fs';

/**
 * The DRBD kernel module version drbdadm would see here: its own override variable, else the
 * loaded module's /proc/drbd. Undefined where no module is loaded (as on most editor machines).
 */
export function localKernelModuleVersion(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const override = env.DRBD_DRIVER_VERSION_OVERRIDE?.trim();
    if (override) {
        return override;
    }
    try {
        return /^version: (\d+\.\d+\.\d+)/m.exec(readFileSync('/proc/drbd', 'utf8'))?.[1];
    } catch {
        return undefined;
    }
}
