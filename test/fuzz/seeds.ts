/**
 * Valid configurations the fuzzer starts from, together covering the grammar: every section kind,
 * quoted names, IPv6, proxies, stacked resources, skip blocks, includes, templates and module
 * version requirements. fuzz.test.ts checks that drbdadm accepts each of them.
 */

/** Files beside the main file, for the `include` and `template-file` statements of the seeds. */
export const SIDE_FILES: Record<string, string> = {
    'drbd.d/a.res': 'resource inc-a {\n  device minor 40; disk /dev/sdi1; meta-disk internal;\n  on hw1 { address 10.2.0.1:7840; }\n  on hw2 { address 10.2.0.2:7840; }\n}\n',
    'drbd.d/b.res': 'resource inc-b { device minor 41; disk none; on hw1 { address 10.2.0.1:7841; } on hw2 { address 10.2.0.2:7841; } }\n',
    'tmpl.conf': 'common {\n  net { protocol C; max-buffers 8k; }\n  disk { on-io-error detach; }\n}\n',
};

export const SEEDS: string[] = [
    `global {
  usage-count no;
  minor-count 64;
  dialog-refresh 5;
  disable-ip-verification;
  udev-always-use-vnr;
  cmd-timeout-short 5; cmd-timeout-medium 121; cmd-timeout-long 600;
}
common {
  net { protocol C; verify-alg crc32c; }
  disk { resync-rate 10M; al-extents 3833; }
  options { auto-promote yes; }
  startup { wfc-timeout 30; degr-wfc-timeout 10; }
  handlers { split-brain "/usr/lib/drbd/notify-split-brain.sh root"; }
}
resource r0 {
  device /dev/drbd1;
  disk /dev/sdb1;
  meta-disk internal;
  net { shared-secret "a secret"; cram-hmac-alg sha1; }
  on hw1 { address 10.0.0.1:7788; node-id 0; }
  on hw2 { address 10.0.0.2:7788; node-id 1; }
}
`,
    `resource "r 1" {
  volume 0 { device minor 2; disk /dev/sdc1; meta-disk /dev/md0 [0]; }
  volume 1 { device minor 3; disk none; }
  on hw1 { address ipv6 [fd00::1]:7790; }
  on hw2 { address ipv6 [fd00::2]:7790; }
  skip { anything { goes { here; } } }
}
skip resource old { whatever; }
`,
    `resource r2 {
  device minor 5; disk /dev/sdd1; meta-disk internal;
  on hw1 { address 10.0.0.1:7791; node-id 1; }
  on hw2 { address 10.0.0.2:7791; node-id 2; }
  on hw3 { address 10.0.0.3:7791; node-id 3; }
  connection-mesh { hosts hw1 hw2 hw3; net { protocol C; } }
}
`,
    `resource r3 {
  device minor 6; disk /dev/sde1; meta-disk internal;
  on hw1 { address 10.0.0.1:7792; node-id 0; }
  on hw2 { address 10.0.0.2:7792; node-id 1; }
  connection {
    path { host hw1 address 10.1.0.1:7792; host hw2 address 10.1.0.2:7792; }
    path { host hw1 address 10.3.0.1:7792; host hw2 address 10.3.0.2:7792; }
    net { protocol A; }
    volume 0 { disk { resync-rate 20M; } }
  }
}
`,
    `resource r4 {
  floating 10.0.0.11:7793 { device minor 7; disk /dev/sdf1; meta-disk internal; node-id 0; }
  floating ipv4 10.0.0.12:7793 { device minor 7; disk /dev/sdf1; meta-disk internal; node-id 1; }
}
`,
    `resource low {
  device minor 8; disk /dev/sdg1; meta-disk internal;
  on hw1 { address 10.0.0.1:7794; }
  on hw2 { address 10.0.0.2:7794; }
}
resource up {
  stacked-on-top-of low { device minor 9; address 10.0.0.20:7795; }
  on hw3 { device minor 9; disk /dev/sdh1; meta-disk internal; address 10.0.0.3:7795; }
}
`,
    `include "drbd.d/*.res";
include "drbd.d/nothing-*.res";
require-drbd-module-version-ge 9.0.0;
resource r5 {
  template-file "tmpl.conf";
  device minor 10; disk /dev/sdj1; meta-disk internal;
  on hw1 { address 10.0.0.1:7796; }
  on hw2 { address 10.0.0.2:7796; }
}
`,
    `# 8.4 style, still accepted
resource r6 {
  protocol C;
  syncer { al-extents 3389; }
  on hw1 { device /dev/drbd11 minor 11; disk /dev/sdk1; meta-disk internal; address 10.0.0.1:7797; }
  on hw2 { device /dev/drbd11 minor 11; disk /dev/sdk1; meta-disk internal; address 10.0.0.2:7797; }
  proxy { memlimit 100M; plugin { lz4 level 9; } }
}
`,
    `resource r7 {
  device minor 12; disk /dev/sdl1; flexible-meta-disk /dev/sdm1;
  on hw1 hw2 { address 10.0.0.1:7798; }
  on hw3 { address 10.0.0.3:7798; }
  disk { on-io-error call-local-io-error; }
  net { fencing resource-only; after-sb-0pri discard-zero-changes; ping-timeout 5; timeout 60; }
}
`,
];
