/**
 * drbdadm's add_no_bitmap_opt: a peer volume without a disk gets `bitmap no` appended to its
 * peer-device options (after inheritance, so it is always last), whatever the options say.
 */
import type { Option, PeerDevice } from '../model.js';
import type { PeerConnection } from './peer-in-resource.js';

export function peerDeviceOptionsWithBitmap(pc: PeerConnection, pd: PeerDevice): Option[] {
    const peerVol = pc.peer?.volumes.find((v) => v.vnr === pd.vnr);
    if (!peerVol || peerVol.disk !== undefined) return pd.pdOptions;
    return [...pd.pdOptions, { name: 'bitmap', value: 'no', loc: peerVol.diskLoc ?? peerVol.loc }];
}
