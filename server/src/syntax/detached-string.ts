/** V8 copies a slice shorter than this; a longer one is a view into the string it was cut from. */
const SHORTEST_VIEW = 13;

/**
 * The characters of `text` in one string of their own. V8 keeps a long slice as a view into the
 * whole string it was cut from, and a string joined from parts as a chain of them:
 * - a name or value kept in a syntax tree or a model outlives the text it was read from: as a
 *   view, one kept from each version of a 2 MB document being edited keeps that whole version;
 * - a key joined from three parts takes 120 bytes as a chain, 48 as one string.
 */
export function detached(text: string): string {
    // A string JSON reads is always a new, flat one; the round trip keeps every character.
    return text.length < SHORTEST_VIEW ? text : (JSON.parse(JSON.stringify(text)) as string);
}
