/**
 * drbdadm_postparse.c apply_tiebreaker_flags(), since 9.34.0 run right after add_no_bitmap_opt:
 * towards a peer whose volume says `tiebreaker no`, the peer device gets `peer-tiebreaker no`
 * appended, unless its options already set peer-tiebreaker (the kernel then leaves that peer out
 * of the diskless counts of its tiebreaker quorum rule).
 */
import type { Option, PeerDevice } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';
import type { PeerConnection } from './peer-in-resource.js';

export function withPeerTiebreaker(pc: PeerConnection, pd: PeerDevice, options: Option[], release: ReleaseVersion): Option[] {
    if (!atLeast(release, '9.34.0')) return options;
    const peerVol = pc.peer?.volumes.find((v) => v.vnr === pd.vnr);
    if (!peerVol || peerVol.tiebreaker !== false || options.some((o) => o.name === 'peer-tiebreaker')) return options;
    return [...options, { name: 'peer-tiebreaker', value: 'no', loc: peerVol.loc }];
}
