/** drbdadm's post-parse stage: the public entry points. */
export { postParse, type PostParseOptions, type PostParseResult } from './post-parse.js';
export { computeNodeIds, explainNodeIds, type NodeIdExplanation, type ResourceNodeIds } from './node-ids.js';
export { findHostInfoByHa, findHostInfoByName, hostnameInList, hostnamesEqual, namesToStr } from './this-host.js';
export { addressHash, crc32cRaw } from './crc32c.js';
export { deriveImplicitNodeIds, type ImplicitNodeIds } from './implicit-node-id.js';
