/**
 * When the extension bundle began to run: extension.ts imports this module first, and imports run
 * in order, so this line runs before vscode-languageclient and the rest of the bundle are evaluated.
 */
export const bundleStart = performance.now();
