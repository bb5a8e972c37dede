/** What scripts/record-release-fixtures.mjs needs, as one module to import. */
export { fixtureCases, recordCase, writeRecording } from './fixtures.js';
export { INSTALLED_RELEASE, otherReleases } from '../oracle.js';
