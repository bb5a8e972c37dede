/**
 * Every construct of the language, and every parser-level rejection of behaviour §2.1, one small
 * config each: our verdict and error line must be drbdadm's (run here, never written down).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../server/src/reader/analyze.js';
import { drbdadm } from '../drbd/post-parse/oracle.js';

const TWO_HOSTS = 'on hw1 { address 10.0.0.1:7788; } on hw2 { address 10.0.0.2:7788; }';
const res = (body: string) => `resource r0 {\n device /dev/drbd1; disk /dev/sdb1; meta-disk internal;\n ${body}\n}\n`;

/** name → config text (files beside it: `sub/a.res`, `tmpl.conf`). */
const CASES: Record<string, string> = {
    // constructs drbdadm accepts
    'global section': 'global { usage-count no; minor-count 16; dialog-refresh 5; disable-ip-verification; udev-always-use-vnr; cmd-timeout-short 5; cmd-timeout-medium 121; cmd-timeout-long 600; }\n' + res(TWO_HOSTS),
    'common section': 'common { net { protocol C; } disk { resync-rate 10M; } options { auto-promote no; } startup { wfc-timeout 5; become-primary-on hw1 hw2; } handlers { split-brain "/bin/true"; } }\n' + res(TWO_HOSTS),
    'quoted names': 'resource "r 0" { device minor 1; on "hw1" { address 10.0.0.1:7788; } on hw2 { address 10.0.0.2:7788; } }\n',
    'skip anywhere': 'skip { x }\nskip resource r9 { a { b } }\n' + res(`skip { y } ${TWO_HOSTS} on hw3 { skip { z } address 10.0.0.3:7788; }`),
    'volumes': 'resource r0 {\n volume 0 { device minor 1; disk /dev/a; meta-disk internal; }\n volume 1 { device /dev/drbd2; disk none; }\n ' + TWO_HOSTS + '\n}\n',
    'host volumes': 'resource r0 {\n on hw1 { volume 0 { device minor 1; disk /dev/a; meta-disk /dev/m [3]; } address 10.0.0.1:7788; }\n on hw2 { volume 0 { device minor 1; disk /dev/a; flexible-meta-disk /dev/m; } address 10.0.0.2:7788; }\n}\n',
    'connection with paths': res(`on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }\n connection { path { host hw1 address 10.1.0.1:7000; host hw2 address 10.1.0.2:7000; } path { host hw1 address 10.2.0.1:7000; host hw2 address 10.2.0.2:7000; } net { protocol A; } disk { c-max-rate 10M; } volume 0 { disk { resync-rate 1M; } } }`),
    'connection-mesh': res(`on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; } on hw3 { address 10.0.0.3:7788; node-id 2; }\n connection-mesh { hosts hw1 hw2 hw3; net { protocol C; } }`),
    'address families': res(`on hw1 { address ipv6 [fd00::1]:7788; } on hw2 { address ipv6 [fe80::2%eth0]:7788; } on hw3 { address ssocks 10.0.0.3:7788; } on hw4 { address sdp 10.0.0.4:7788; } on hw5 { address sci 10.0.0.5:7788; }`),
    'floating': res('floating 192.0.2.2:7788 { node-id 0; } floating ipv4 192.0.2.3:7788;'),
    'proxy 8.x style': res('on hw1 { address 127.0.0.1:7788; proxy on p1 { inside 127.0.0.1:7789; outside 10.0.0.1:7790; } } on hw2 { address 127.0.0.1:7788; proxy on p2 { inside 127.0.0.1:7789; outside 10.0.0.2:7790; } }\n proxy { memlimit 100M; plugin { lz4 level 9; } }'),
    'via proxy': res('on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }\n connection { host hw1 address 10.0.0.1:7788 via proxy on p1 { inside 127.0.0.1:7789; outside 10.0.0.1:7790; } host hw2 address 10.0.0.2:7788 via proxy on p2 { inside 127.0.0.1:7789; outside 10.0.0.2:7790; } }'),
    'stacked': res(TWO_HOSTS) + 'resource r1 { stacked-on-top-of r0 { device /dev/drbd10; address 192.168.42.1:7788; node-id 0; } on hw3 { device /dev/drbd10; disk /dev/sdc; meta-disk internal; address 192.168.42.2:7788; node-id 1; } }\n',
    'include glob and literal': 'include "sub/*.res";\ninclude "sub/a.res";\ninclude "nomatch/*.res";\n',
    'template-file': 'resource r0 { template-file "tmpl.conf"; device minor 1; ' + TWO_HOSTS + ' }\n',
    'module version': 'require-drbd-module-version-eq 9.2.12;\n' + res(TWO_HOSTS),
    'protocol at resource level, syncer': res(`protocol C; syncer { verify-alg sha1; } ${TWO_HOSTS}`),
    'missing final brace at EOF': 'resource r0 { device minor 1; ' + TWO_HOSTS + '\n',
    'numbers with suffixes': res(`net { max-buffers 8k; sndbuf-size 1M; } disk { resync-rate 1G; c-fill-target 1s; } ${TWO_HOSTS}`),
    // parser-level rejections (behaviour §2.1)
    'P1 junk token': res(`net { protocol = C; } ${TWO_HOSTS}`),
    'P2 keyword as name': 'resource disk {\n ' + TWO_HOSTS + '\n}\n',
    'P2 number as name': 'resource r0 {\n on 123 { address 10.0.0.1:7788; }\n}\n',
    'P2 case-sensitive keyword': 'Resource r0 {\n}\n',
    'P3 token too long': res(`disk /dev/${'x'.repeat(130)}; ${TWO_HOSTS}`),
    'P3 string too long': res(`on "${'h'.repeat(260)}" { address 10.0.0.1:7788; }`),
    'P3 unterminated string': 'resource "r0 {\n' + TWO_HOSTS + '\n}\n',
    'P4 value too big': res(`disk { resync-rate 9G; } ${TWO_HOSTS}`),
    'P4 not a number': res(`net { max-buffers 1X; } ${TWO_HOSTS}`),
    'P4 not valid enum': res(`net { protocol D; } ${TWO_HOSTS}`),
    'P5 unknown option': res(`net { protocl C; } ${TWO_HOSTS}`),
    'P6 node-id out of range': res('on hw1 { address 10.0.0.1:7788; node-id 33; } on hw2 { address 10.0.0.2:7788; node-id 1; }'),
    'P6 port out of range': res('on hw1 { address 10.0.0.1:70000; } on hw2 { address 10.0.0.2:7788; }'),
    'P7 global after resource': res(TWO_HOSTS) + 'global { usage-count no; }\n',
    'P8 unknown global keyword': 'global { usage-count maybe; }\n',
    'P9 duplicate resource': res(TWO_HOSTS) + res(TWO_HOSTS).replace('drbd1', 'drbd2'),
    'P9 duplicate net section': res(`net { protocol C; }\n net { protocol A; } ${TWO_HOSTS}`),
    'P9 duplicate host section': res(`${TWO_HOSTS}\n on hw1 { address 10.0.0.3:7788; }`),
    'P10 named connection': res(`on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }\n connection c1 { host hw1; host hw2; }`),
    'P11 three hosts in a connection': res(`on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; } on hw3 { address 10.0.0.3:7788; node-id 2; }\n connection { host hw1; host hw2;\n host hw3; }`),
    'P12 two net sections in a connection': res(`on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }\n connection { host hw1; host hw2; net { protocol C; }\n net { protocol A; } }`),
    'P13 empty connection': res(`${TWO_HOSTS}\n connection {\n }`),
    'P14 path after host lines': res(`on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }\n connection { path { host hw1; host hw2; }\n host hw1; host hw2; }`),
    'P15 implicit after explicit volume': 'resource r0 {\n volume 0 { device minor 1; }\n disk /dev/sdb1;\n ' + TWO_HOSTS + '\n}\n',
    'P16 host section in common': 'common {\n on hw1 { address 10.0.0.1:7788; }\n}\n' + res(TWO_HOSTS),
    'P17 address in floating': res('floating 10.0.0.1:7788 {\n address 10.0.0.1:7788; }'),
    'P18 bad device name': 'resource r0 {\n device /dev/sdx1;\n ' + TWO_HOSTS + '\n}\n',
    'P19 device without minor': 'resource r0 {\n device /dev/drbd_x;\n ' + TWO_HOSTS + '\n}\n',
    'P20 minor does not match name': 'resource r0 {\n device /dev/drbd1 minor 2;\n ' + TWO_HOSTS + '\n}\n',
    'P21 arbitrary name without underscore': 'resource r0 {\n device /dev/drbdx minor 2;\n ' + TWO_HOSTS + '\n}\n',
    'P22 proxy without outside': res('on hw1 { address 127.0.0.1:7788; proxy on p1 { inside 127.0.0.1:7789; } } on hw2 { address 127.0.0.1:7788; proxy on p2 { inside 127.0.0.1:7789; outside 10.0.0.2:7790; } }'),
    'P24 eof in skip': 'skip {\n resource r0 {\n',
    'P25 missing literal include': 'include "sub/nope.res";\n' + res(TWO_HOSTS),
    'P25 missing template': 'resource r0 {\n template-file "nope.conf";\n device minor 1; ' + TWO_HOSTS + '\n}\n',
    'P26 module version not met': 'require-drbd-module-version-eq 9.0.0;\n' + res(TWO_HOSTS),
    'double semicolon': res(`options {\n auto-promote no;;\n } ${TWO_HOSTS}`),
    'include inside a resource': res(`include "sub/a.res"; ${TWO_HOSTS}`),
};

const work = mkdtempSync(join(tmpdir(), 'drbd-constructs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('each construct and each parse-level rejection, as drbdadm decides', () => {
    it.each(Object.entries(CASES))('%s', async (name, text) => {
        const dir = join(work, name.replace(/[^A-Za-z0-9]+/g, '-'));
        mkdirSync(join(dir, 'sub'), { recursive: true });
        writeFileSync(join(dir, 'sub', 'a.res'), 'resource ra { device minor 7; on hw1 { address 10.0.7.1:7788; } on hw2 { address 10.0.7.2:7788; } }\n');
        writeFileSync(join(dir, 'tmpl.conf'), 'common { net { protocol A; } }\n');
        const main = join(dir, 'drbd.conf');
        writeFileSync(main, text);
        const oracle = await drbdadm(main);
        const ours = analyzeConfig(main, { kernelVersion: '9.2.12' });
        const accepted = ours.exitCode === 0 && !ours.diagnostics.some((d) => d.severity === 'error');
        expect({ accepted, err: oracle.err }).toMatchObject({ accepted: oracle.rc === 0 });
        const first = /^(\S+?):(\d+): /m.exec(oracle.err);
        if (first && Number(first[2]) > 0) {
            const lines = ours.diagnostics.map((d) => `${basename(d.loc.file)}:${d.loc.line}`);
            expect(lines).toContain(`${basename(first[1]!)}:${first[2]}`);
        }
    });
});
