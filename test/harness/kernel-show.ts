/**
 * `drbdsetup show RES` text of a running resource, as the stand-in (shim.ts) answers it: what
 * `drbdadm adjust` compares the configuration with (drbdadm_adjust.c parse_drbdsetup_show(), which
 * runs `drbdsetup show [RES]` and parses it as a config with `_this_host`/`_remote_host`, in every
 * release 9.15.0 - 9.34.0). One volume, internal meta-data.
 */
export interface RunningResource {
    name: string;
    nodeId: number;
    minor: number;
    disk: string;
    address: string;
    peers: { name: string; nodeId: number; address: string }[];
    /** Extra `net { }` lines of every connection, e.g. `protocol A;`. */
    net?: string[];
}

export function showText(r: RunningResource): string {
    const q = (s: string) => JSON.stringify(s);
    return [
        `resource ${q(r.name)} {`,
        '    options {',
        '    }',
        '    _this_host {',
        `        node-id\t\t\t${r.nodeId};`,
        '        volume 0 {',
        `            device\t\t\tminor ${r.minor};`,
        `            disk\t\t\t${q(r.disk)};`,
        '            meta-disk\t\t\tinternal;',
        '            disk {',
        '            }',
        '        }',
        '    }',
        ...r.peers.flatMap((p) => [
            '    connection {',
            `        _peer_node_id ${p.nodeId};`,
            '        path {',
            `            _this_host ipv4 ${r.address};`,
            `            _remote_host ipv4 ${p.address};`,
            '        }',
            '        net {',
            ...(r.net ?? []).map((l) => `            ${l}`),
            `            _name\t\t\t${q(p.name)};`,
            '        }',
            '        volume 0 {',
            '            disk {',
            '            }',
            '        }',
            '    }',
        ]),
        '}',
        '',
    ].join('\n');
}
