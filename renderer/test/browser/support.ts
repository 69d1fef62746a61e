/**
 * The feed app in a real browser: Debian's Chromium driven by playwright-core, axe-core injected
 * for accessibility checks, and the app built the way `npm run build` builds it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
} from 'playwright-core';

const run = promisify(execFile);

export const CHROMIUM = '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** Builds renderer/dist/feed (the same script `npm run build` runs). */
export async function buildFeedApp(): Promise<void> {
	await run(process.execPath, [path.join(__dirname, '../../feed/build.mjs')]);
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			...extraArgs,
		],
	});
}

/**
 * Everything the page reported that a strict CSP or a broken asset would cause: CSP violations,
 * uncaught errors, failed requests for the app's own files.
 */
export function watchPage(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
			problems.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
	page.on('response', (response) => {
		if (response.url().includes('/feed/assets/') && response.status() >= 400)
			problems.push(`asset ${response.status()}: ${response.url()}`);
	});
	return problems;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A browser context with axe-core added to every page before the page's own scripts (through the
 * DevTools protocol, which a page's CSP does not govern: the app's CSP, no inline scripts, stays on).
 */
export async function newContext(
	browser: Browser,
	options: BrowserContextOptions = {},
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: PHONE, ...options });
	await context.addInitScript({ content: AXE_SOURCE });
	return context;
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: string[];
}

/** Runs axe-core over the page as it is now; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
	const result = await page.evaluate(() => {
		const w = window as unknown as {
			axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> };
		};
		return w.axe.run(document, { resultTypes: ['violations'] });
	});
	const violations = (
		result as {
			violations: Array<{
				id: string;
				impact: string | null;
				help: string;
				nodes: Array<{ target: string[] }>;
			}>;
		}
	).violations;
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => n.target.join(' ')),
		}));
}

/** Seconds of playback of the clip on screen, read from the page. */
export async function activeVideoTime(page: Page, index: number): Promise<number> {
	return page.evaluate(
		(i) =>
			document.querySelector<HTMLVideoElement>(`.clip[data-index="${i}"] video`)?.currentTime ?? -1,
		index,
	);
}

/** Waits until the clip's video has played past `seconds` (its currentTime advances). */
export async function waitForPlayback(page: Page, index: number, seconds = 0.3): Promise<void> {
	try {
		await page.waitForFunction(
			({ i, s }) => {
				const video = document.querySelector<HTMLVideoElement>(`.clip[data-index="${i}"] video`);
				return Boolean(video && !video.paused && video.currentTime > s);
			},
			{ i: index, s: seconds },
			{ timeout: 45_000 },
		);
	} catch (error) {
		// Say what the video was doing, not only that it did not play.
		const state = await page.evaluate((i) => {
			const video = document.querySelector<HTMLVideoElement>(`.clip[data-index="${i}"] video`);
			return video
				? {
						src: video.currentSrc,
						paused: video.paused,
						currentTime: video.currentTime,
						readyState: video.readyState,
						networkState: video.networkState,
						error: video.error?.message ?? video.error?.code ?? null,
						clips: document.querySelectorAll('.clip').length,
					}
				: { video: 'none', clips: document.querySelectorAll('.clip').length, hash: location.hash };
		}, index);
		throw new Error(
			`clip ${index} did not play: ${JSON.stringify(state)} (${(error as Error).message})`,
		);
	}
}

/**
 * Presses Tab until the focused element's accessible text matches, as a keyboard user would;
 * Shift+Tab when `backwards`; fails after `max` presses.
 */
export async function tabTo(
	page: Page,
	matches: RegExp,
	options: { backwards?: boolean; max?: number } = {},
): Promise<void> {
	for (let i = 0; i < (options.max ?? 80); i++) {
		await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
		const label = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el) return '';
			// Roughly the accessible name: aria-label, else the label, else the text a reader hears.
			const heard = (node: Node): string =>
				node.nodeType === Node.TEXT_NODE
					? (node.textContent ?? '')
					: node instanceof HTMLElement && node.getAttribute('aria-hidden') === 'true'
						? ''
						: Array.from(node.childNodes).map(heard).join('');
			const named = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0];
			return (typeof named === 'string' ? named : named ? heard(named) : heard(el)).trim();
		});
		if (matches.test(label)) return;
	}
	throw new Error(`Tab never reached an element matching ${matches}`);
}
