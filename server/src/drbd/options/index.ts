/** DRBD option knowledge: names per config section, drbdadm's value checks, hover texts. */
export { checkOption, type OptionCheck, resourceDiskSection } from './check-option.js';
export {
    findOption, type OptionInfo, type OptionList, optionNames, type OptionSection, type OptionType, releasesWithOption, userOptionNames,
} from './field-tables.js';
export { checkGlobalOption, checkRange, isGlobalKey, type GlobalCheck, type RangeCheck } from './global.js';
export { boundInUnit } from './bound-in-unit.js';
export { newStrtoll, type UnitPrefix } from './new-strtoll.js';
export { convertValue, type ConvertedValue, optionDoc, releasesLine } from './option-doc.js';
export { otherReleaseHint, type OtherRelease } from './other-release.js';
export { tokenNumber } from './scanner-token.js';
export { valueDoc } from './value-docs.js';
