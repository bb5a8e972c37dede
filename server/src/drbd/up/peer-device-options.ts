/** `drbdsetup peer-device-options RES PEER_ID VNR --<options>`, only for peer devices with options. */
import type { Resource } from '../model.js';
import type { ReleaseVersion } from '../release.js';
import { peerDeviceOptionsWithBitmap } from './no-bitmap.js';
import { optionArgs } from './option-args.js';
import type { PeerConnection } from './peer-in-resource.js';
import { withPeerTiebreaker } from './peer-tiebreaker.js';
import type { Scheduled } from './stages.js';

/** In the connection's peer-device order: explicit `volume N {}` blocks first, then the rest. */
export function peerDeviceOptions(res: Resource, pc: PeerConnection, release: ReleaseVersion): Scheduled[] {
    const out: Scheduled[] = [];
    for (const pd of pc.conn.peerDevices) {
        const opts = withPeerTiebreaker(pc, pd, peerDeviceOptionsWithBitmap(pc, pd), release);
        if (!opts.length) continue;
        out.push({
            stage: 'peer-device',
            resource: res.name,
            argv: ['drbdsetup', 'peer-device-options', res.name, pc.peer?.nodeId ?? '', String(pd.vnr), ...optionArgs(opts, release)],
            loc: pd.loc,
        });
    }
    return out;
}
