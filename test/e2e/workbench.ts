/**
 * Drives the VS Code workbench in headless Chromium the way a user does: keyboard, palette,
 * mouse hover. Every wait is on the thing itself (a row, a squiggle, a hover text) and bounded;
 * no sleep stands in for readiness.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ROOT } from './tools.js';

export const SHOTS = join(ROOT, 'test-output', 'e2e');

/** The little of the DOM that the page-side functions use (the project compiles without lib.dom). */
interface Dom {
    textContent: string | null;
    parentElement: Dom | null;
    getBoundingClientRect(): { top: number };
    querySelector(selector: string): Dom | null;
    querySelectorAll(selector: string): Iterable<Dom>;
}
declare const document: Dom & { getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[] };

export async function launchBrowser(executablePath: string): Promise<Browser> {
    // As root, chromium runs only without its sandbox.
    return chromium.launch({ executablePath, args: ['--no-sandbox'], timeout: 60_000 });
}

export class Workbench {
    private constructor(readonly page: Page) {}

    /** Opens the folder URL; ready once the explorer lists `knownFile` (the workbench then takes keys). */
    static async open(browser: Browser, folderUrl: string, knownFile: string): Promise<Workbench> {
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        page.setDefaultTimeout(30_000);
        await page.goto(folderUrl, { timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: knownFile }).first().waitFor({ timeout: 60_000 });
        return new Workbench(page);
    }

    async screenshot(name: string): Promise<string> {
        mkdirSync(SHOTS, { recursive: true });
        const path = join(SHOTS, `${name}.png`);
        // Let fades and slides (toasts, hovers) end; endless ones (progress bars) don't count.
        await this.page
            .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 5000 })
            .catch(() => undefined);
        await this.page.screenshot({ path });
        return path;
    }

    /** Ctrl+P, the file's name, Enter; waits for its editor tab. */
    async openFile(name: string): Promise<void> {
        await this.quickInput('Control+P', name, name);
        await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
        await this.page.locator('.monaco-editor .view-lines').first().waitFor();
    }

    /** Runs a command from the palette by its exact label. */
    async command(label: string): Promise<void> {
        await this.quickInput('F1', label, label, true);
    }

    /** The palette rows whose label is exactly `label`, once the list shows `label`'s matches. */
    async paletteHas(label: string): Promise<boolean> {
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill(`>${label}`);
        // The list is filtered once it shows a row or says nothing matches.
        await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row, .quick-input-widget .quick-input-message:has-text("No matching")').first().waitFor();
        const labels = await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts();
        await this.page.keyboard.press('Escape');
        return labels.some((l) => l.trim() === label);
    }

    private async quickInput(key: string, text: string, rowLabel: string, exact = false): Promise<void> {
        await this.page.keyboard.press(key);
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill(key === 'F1' ? `>${text}` : text);
        const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
        const row = exact ? rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(rowLabel)}$`) }) }) : rows.filter({ hasText: rowLabel });
        await row.first().waitFor();
        await row.first().click();
    }

    /** Ctrl+G to a line (1-based), cursor at its end. */
    async goToLine(line: number): Promise<void> {
        await this.page.keyboard.press('Control+G');
        await this.page.locator('.quick-input-widget input').waitFor();
        await this.page.keyboard.type(String(line));
        await this.page.keyboard.press('Enter');
        await this.page.keyboard.press('End');
    }

    /** Editor lines (as the gutter numbers them) that carry an error squiggle, among those on screen. */
    async squiggleLines(): Promise<number[]> {
        await this.page.locator('.editor-instance .squiggly-error').first().waitFor();
        return this.page.evaluate(() => {
            const editor = document.querySelector('.editor-instance .monaco-editor')!;
            const top = (e: Dom) => e.getBoundingClientRect().top;
            const gutter = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({ top: top(n), line: Number(n.textContent) }));
            const lines = [...editor.querySelectorAll('.view-overlays .squiggly-error')].map((s) => {
                const y = top(s.parentElement!);
                return gutter.reduce((best, g) => (Math.abs(g.top - y) < Math.abs(best.top - y) ? g : best)).line;
            });
            return [...new Set(lines)].sort((a, b) => a - b);
        });
    }

    /** Opens the Problems panel and returns its rows' texts once `count` rows are there. */
    async problems(count: number): Promise<string[]> {
        await this.page.keyboard.press('Control+Shift+M');
        const rows = this.page.locator('.markers-panel .monaco-list-row[aria-level="2"]');
        await rows.nth(count - 1).waitFor();
        return rows.allInnerTexts();
    }

    /** Hovers the word on the first editor line that contains `lineText`; returns the hover's text once it contains `expect`. */
    async hover(lineText: string, word: string, expect: string | RegExp): Promise<string> {
        const line = this.page.locator('.editor-instance .view-line', { hasText: lineText }).first();
        await line.locator('span span', { hasText: word }).last().hover();
        const hover = this.page.locator('.monaco-hover-content', { hasText: expect }).first();
        await hover.waitFor();
        return hover.innerText();
    }

    /**
     * Asks for completion at the cursor; returns the suggestion labels on screen once one contains
     * `expectLabel`. The suggest widget can miss a Ctrl+Space that arrives while the editor is still
     * settling after an edit, so the request is repeated (three times at most, 10 s each).
     */
    async complete(expectLabel = ''): Promise<string[]> {
        const widget = this.page.locator('.editor-widget.suggest-widget');
        const row = widget.locator('.monaco-list-row', { hasText: expectLabel }).first();
        for (let attempt = 1; ; attempt++) {
            await this.page.keyboard.press('Control+Space');
            try {
                await row.waitFor({ timeout: 10_000 });
                break;
            } catch (e) {
                if (attempt === 3) {
                    await this.screenshot('completion-failure');
                    throw e;
                }
                await this.page.keyboard.press('Escape');
            }
        }
        return widget.locator('.monaco-list-row .label-name').allInnerTexts();
    }

    /** A modal dialog's title and detail once it is shown. */
    async dialog(title: RegExp): Promise<{ title: string; detail: string; box: Locator }> {
        const box = this.page.locator('.monaco-dialog-box', { hasText: title });
        await box.waitFor({ timeout: 60_000 });
        return {
            title: await box.locator('.dialog-message-text').innerText(),
            detail: await box.locator('.dialog-message-detail').innerText(),
            box,
        };
    }

    /** The editor tabs, in every group, whose label is `label`. */
    tabs(label: string): Locator {
        return this.page.locator('.tabs-container .tab', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) });
    }

    /**
     * The lines on screen of the editor whose tab `label` is active in its group, top to bottom;
     * a line wrapped on screen is joined again (only its first row has a line number).
     */
    async editorLines(label: string): Promise<string[]> {
        const group = this.page.locator('.editor-group-container', { has: this.page.locator('.tabs-container .tab.active .label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) });
        const editor = group.locator('.monaco-editor').first();
        await editor.locator('.view-lines .view-line').first().waitFor();
        return editor.evaluate((e) => {
            const el = e as unknown as Dom;
            const top = (n: Dom) => Math.round(n.getBoundingClientRect().top);
            const numbered = new Set([...el.querySelectorAll('.margin-view-overlays .line-numbers')].map(top));
            const rows = [...el.querySelectorAll('.view-lines .view-line')].map((n) => ({ top: top(n), text: (n.textContent ?? '').replace(/\u00a0/g, ' ') }));
            const lines: string[] = [];
            for (const row of rows.sort((a, b) => a.top - b.top)) {
                if (numbered.has(row.top) || lines.length === 0) lines.push(row.text);
                else lines[lines.length - 1] += row.text;
            }
            return lines;
        });
    }

    /** The text of the first notification that starts with `prefix`. */
    async notification(prefix: string, timeout = 60_000): Promise<string> {
        const toast = this.page.locator('.notification-toast .notification-list-item-message', { hasText: prefix }).first();
        await toast.waitFor({ timeout });
        return toast.innerText();
    }
}

function escapeRe(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
