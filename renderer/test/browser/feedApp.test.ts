/**
 * The feed app end to end in Debian's Chromium (headless, fake camera and microphone), against a
 * real renderer service: real renders (local engine, tiny drafts), real moderation, C2PA signing,
 * cameo checks (face detection and speech recognition) and stores.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLocalProvider } from '../../src/providers/local';
import { createTestPatternProvider } from '../../src/providers/testpattern';
import { createFlakyProvider, failedRender } from '../support/fixtureProviders';
import { ffprobe } from '../support/ffprobe';
import { api, startRenderer, type RunningRenderer } from '../support/renderer';
import { drawFace } from '../trust/support/cameoRecording';
import { ffmpeg } from '../trust/support/media';
import { renderAndPublish, tinySpec } from './seed';
import {
	activeVideoTime,
	buildFeedApp,
	DESKTOP,
	launchChromium,
	newContext,
	seriousAxeViolations,
	tabTo,
	waitForPlayback,
	watchPage,
} from './support';

jest.setTimeout(180_000);

const ADMIN_KEY = 'feed-admin-key-0123456789abcdef';

describe('the feed app in Chromium', () => {
	let r: RunningRenderer;
	let browser: Browser;
	let viewerKey: string;
	let beach: { renderId: string; itemId: string };
	let city: { renderId: string; itemId: string };
	let failedId: string;
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'reelforge-feed-'));
		await buildFeedApp();
		r = await startRenderer({
			env: { REELFORGE_ADMIN_KEY: ADMIN_KEY, REELFORGE_REPORT_THRESHOLD: '1' },
			overrides: {
				providers: [
					createLocalProvider({}),
					createTestPatternProvider(),
					createFlakyProvider(99, 'permanent'),
				],
			},
		});
		const viewer = await r.services.keys.create('free', 'viewer');
		viewerKey = viewer.key;
		// Oldest first: the feed lists the newest first, so the beach clip leads it.
		city = await renderAndPublish(r, tinySpec('City hello', 'Good evening, city.', 'city-night'), {
			title: 'City hello',
		});
		beach = await renderAndPublish(r, tinySpec('Beach hello', 'Hello there, friends.'), {
			title: 'Beach hello',
			description: 'Maya says hello.',
		});
		failedId = await failedRender(r);
		browser = await launchChromium();
	}, 420_000);

	// Contexts a test opened are closed even when it fails, so playing videos do not slow the next test.
	const opened: BrowserContext[] = [];
	afterEach(async () => {
		await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
	});

	afterAll(async () => {
		await browser?.close();
		await r?.close();
		await rm(dir, { recursive: true, force: true });
	});

	/** A fresh page; `key` signs it in the way the app keeps a key (local storage). */
	async function open(
		options: { key?: string; size?: typeof DESKTOP; reducedMotion?: 'reduce' } = {},
	) {
		const context = await newContext(browser, {
			...(options.size ? { viewport: options.size } : {}),
			...(options.reducedMotion ? { reducedMotion: options.reducedMotion } : {}),
		});
		if (options.key)
			await context.addInitScript(
				(key: string) => localStorage.setItem('reelforge.apiKey', key),
				options.key,
			);
		opened.push(context);
		const page = await context.newPage();
		const problems = watchPage(page);
		return { context, page, problems };
	}

	async function expectAccessible(page: Page, view: string) {
		expect({ view, violations: await seriousAxeViolations(page) }).toEqual({
			view,
			violations: [],
		});
	}

	test('the app is served with a strict CSP, a revalidated page and immutable hashed assets', async () => {
		const page = await fetch(`${r.url}/feed/`, { headers: { 'accept-encoding': 'br' } });
		expect(page.status).toBe(200);
		expect(page.headers.get('cache-control')).toBe('no-cache');
		expect(page.headers.get('content-encoding')).toBe('br');
		const csp = page.headers.get('content-security-policy')!;
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("script-src 'self'");
		expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
		const html = await page.text();
		expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
		expect(html).not.toMatch(/https?:\/\//);
		const script = /src="(assets\/main-[A-Z0-9]+\.js)"/.exec(html)![1];
		const asset = await fetch(`${r.url}/feed/${script}`);
		expect(asset.status).toBe(200);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		const redirect = await fetch(`${r.url}/feed`, { redirect: 'manual' });
		expect(redirect.status).toBe(301);
		expect((await fetch(`${r.url}/feed/assets/..%2Fpackage.json`)).status).toBe(404);
	});

	test('feed titles pass the same text checks as prompts before they reach viewers', async () => {
		const refused = await api(r, 'POST', `/v1/renders/${city.renderId}/publish`, {
			target: 'feed',
			title: 'kill all the immigrants, they are vermin',
		});
		expect(refused.status).toBe(422);
		expect(refused.json.error.code).toBe('content_policy');
		expect(refused.json.error.details[0].path).toBe('/title');
	});

	test('the feed: the first clip plays muted with captions; arrow keys move; unmute; provenance and about', async () => {
		const { context, page, problems } = await open();
		await page.goto(`${r.url}/feed/`);
		await waitForPlayback(page, 0);
		const first = page.locator('.clip[data-index="0"]');
		await expect(first.locator('.clip-title').textContent()).resolves.toBe('Beach hello');
		await expect(first.locator('.ai-label').textContent()).resolves.toContain('AI-generated');
		expect(await page.evaluate(() => document.querySelector('video')!.muted)).toBe(true);
		// The caption track (WebVTT) is loaded and showing, with the spoken line.
		await page.waitForFunction(
			() => (document.querySelector('video')!.textTracks[0]?.cues?.length ?? 0) > 0,
		);
		const captions = await page.evaluate(() => {
			const track = document.querySelector('video')!.textTracks[0];
			return {
				mode: track.mode,
				kind: track.kind,
				text: Array.from(track.cues!)
					.map((c) => (c as VTTCue).text)
					.join(' '),
			};
		});
		expect(captions).toMatchObject({ mode: 'showing', kind: 'captions' });
		expect(captions.text.toLowerCase()).toContain('hello');
		await page.getByRole('button', { name: 'Captions' }).first().click();
		// The track's mode follows the app's state in an effect, after the next paint: wait for it.
		await page.waitForFunction(
			() => document.querySelector('video')!.textTracks[0].mode === 'hidden',
			undefined,
			{ timeout: 5000 },
		);
		await expectAccessible(page, 'feed');

		// Next clip with the arrow key: it plays, the first one stops.
		await page.keyboard.press('ArrowDown');
		await waitForPlayback(page, 1);
		expect(
			await page.evaluate(
				() => document.querySelector<HTMLVideoElement>('.clip[data-index="0"] video')!.paused,
			),
		).toBe(true);
		await page.keyboard.press('ArrowUp');
		await waitForPlayback(page, 0, 0.1);

		// Tap to unmute.
		await page.locator('.clip[data-index="0"]').getByRole('button', { name: 'Unmute' }).click();
		await page.waitForFunction(
			() => !document.querySelector<HTMLVideoElement>('.clip[data-index="0"] video')!.muted,
		);
		expect(await activeVideoTime(page, 0)).toBeGreaterThan(0);

		// The provenance badge: what the signed manifest says.
		await first.getByRole('button', { name: /Content credentials/ }).click();
		const dialog = page.getByRole('dialog', { name: 'Content credentials' });
		await dialog.getByText('Signed by', { exact: true }).waitFor();
		const facts = await dialog.textContent();
		expect(facts).toContain('Reelforge local engine');
		expect(facts).toContain('Signature valid and trusted');
		expect(facts).toContain('No real person appears.');
		expect(facts).toContain('This video was generated with AI');
		await expectAccessible(page, 'provenance dialog');
		await page.keyboard.press('Escape');
		await first.getByRole('button', { name: 'About' }).click();
		const about = page.getByRole('dialog', { name: 'About this clip' });
		expect(await about.textContent()).toContain('Maya waves hello on a sunny beach');
		expect(await about.textContent()).toContain('cinematic');
		await page.keyboard.press('Escape');
		expect(problems).toEqual([]);
		await context.close();
	});

	test('with reduced motion nothing plays by itself; the play button starts it', async () => {
		const { context, page } = await open({ reducedMotion: 'reduce' });
		await page.goto(`${r.url}/feed/`);
		await page.locator('.clip[data-index="0"] video').waitFor();
		await page.waitForTimeout(1500);
		expect(await activeVideoTime(page, 0)).toBe(0);
		await page.locator('.clip[data-index="0"]').getByRole('button', { name: 'Play' }).click();
		await waitForPlayback(page, 0, 0.2);
		await context.close();
	});

	test('arrow keys wait while the feed reloads: pressed meanwhile they move nothing, then they move', async () => {
		// Desktop size: the previous/next buttons show there.
		const { context, page, problems } = await open({ size: DESKTOP });
		await page.goto(`${r.url}/feed/`);
		await waitForPlayback(page, 0);
		await page.locator('.feed[aria-busy="false"]').waitFor();
		// Opening a linked clip reloads the feed with that clip first; the list request is held until
		// the test lets it go.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let reached!: () => void;
		const reloading = new Promise<void>((resolve) => (reached = resolve));
		await page.route(
			(url) => url.pathname === '/v1/feed',
			async (route) => {
				reached();
				await held;
				await route.continue();
			},
		);
		await page.evaluate((id) => (location.hash = `#/clip/${id}`), city.itemId);
		await reloading;
		await page.locator('.feed[aria-busy="true"]').waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		const focusedClip = () =>
			page.evaluate(() => document.activeElement?.closest('.clip')?.getAttribute('data-index'));
		expect(await focusedClip()).toBeUndefined();
		expect(await page.locator('.feed').evaluate((feed) => feed.scrollTop)).toBe(0);
		expect(await page.getByRole('button', { name: /Next clip/ }).isDisabled()).toBe(true);

		release();
		await page.locator('.feed[aria-busy="false"]').waitFor();
		expect(await page.locator('.clip[data-index="0"]').getAttribute('data-item')).toBe(city.itemId);
		await waitForPlayback(page, 0);
		await page.keyboard.press('ArrowDown');
		await waitForPlayback(page, 1);
		expect(await focusedClip()).toBe('1');
		await page.unrouteAll();
		expect(problems).toEqual([]);
		await context.close();
	});

	test('sign in, like and report: the report hides the clip (threshold 1) and reaches the review queue', async () => {
		const { context, page, problems } = await open();
		await page.goto(`${r.url}/feed/#/clip/${city.itemId}`);
		await waitForPlayback(page, 0);
		// Liking without a key asks to sign in.
		await page.locator('.clip[data-index="0"]').getByRole('button', { name: /^Like/ }).click();
		const signIn = page.getByRole('dialog', { name: 'Sign in' });
		await signIn.getByLabel('API key').fill(viewerKey);
		await expectAccessible(page, 'sign-in dialog');
		await signIn.getByRole('button', { name: 'Sign in' }).click();
		await signIn.waitFor({ state: 'hidden' });
		const like = page.locator('.clip[data-index="0"]').getByRole('button', { name: /^Like/ });
		const stored = page.waitForResponse(
			(res) =>
				res.url().endsWith(`/v1/feed/${city.itemId}/like`) && res.request().method() === 'PUT',
		);
		await like.click();
		expect((await stored).status()).toBe(200);
		await page
			.locator('.clip[data-index="0"] [aria-pressed="true"]', { hasText: 'Liked' })
			.waitFor();
		expect(await page.locator('.clip[data-index="0"] .count').textContent()).toBe(' 1');
		const seen = await api({ url: r.url, apiKey: viewerKey }, 'GET', `/v1/feed/${city.itemId}`);
		expect(seen.json).toMatchObject({ likes: 1, likedByYou: true });

		await page.locator('.clip[data-index="0"]').getByRole('button', { name: 'Report' }).click();
		const report = page.getByRole('dialog', { name: 'Report this clip' });
		await report.getByLabel('Violence or gore').check();
		await report.getByLabel(/Anything the reviewer/).fill('looks like a fight');
		await expectAccessible(page, 'report dialog');
		await report.getByRole('button', { name: 'Send report' }).click();
		await report.getByText('Your report is in the review queue').waitFor();
		await report.getByRole('button', { name: 'Done' }).click();
		// Hidden at the threshold: gone from the viewer's feed.
		await page.waitForFunction(
			(id) => !document.querySelector(`.clip[data-item="${id}"]`),
			city.itemId,
		);
		const anonymous = await api({ url: r.url, apiKey: '' }, 'GET', '/v1/feed');
		expect(anonymous.json.data.map((i: { id: string }) => i.id)).not.toContain(city.itemId);
		expect(problems).toEqual([]);
		await context.close();
	});

	test('the admin view: queue and renders, the failed render with its error code, the review queue and a recorded decision', async () => {
		const { context, page, problems } = await open({ size: DESKTOP });
		await page.goto(`${r.url}/feed/#/admin`);
		await page.getByLabel('Admin key').fill(ADMIN_KEY);
		await page.getByLabel(/Your name/).fill('Riley Reviewer');
		await page.getByRole('button', { name: 'Open the admin view' }).click();
		const failures = page.getByRole('region', { name: 'Recent failures' });
		const row = failures.getByRole('row', { name: new RegExp(failedId) });
		await row.waitFor();
		expect(await row.textContent()).toContain('render_failed');
		expect(await row.textContent()).toContain('broken');
		const providers = await page.getByRole('region', { name: 'Providers' }).textContent();
		expect(providers).toContain('Reelforge local engine');
		const review = page.locator(`[data-review="${city.itemId}"]`);
		await review.waitFor();
		expect(await review.textContent()).toContain('Violence or gore × 1');
		expect(await review.textContent()).toContain('looks like a fight');
		await expectAccessible(page, 'admin view');
		await review.getByLabel(/Note for the record/).fill('a staged scene, not a fight');
		await review.getByRole('button', { name: /^Keep/ }).click();
		const decisions = page.getByRole('region', { name: 'Decisions' });
		await decisions.getByRole('row', { name: /Riley Reviewer/ }).waitFor();
		expect(await decisions.textContent()).toContain('Kept');
		const log = await api({ url: r.url, apiKey: ADMIN_KEY }, 'GET', '/v1/admin/decisions');
		expect(log.json.data[0]).toMatchObject({
			itemId: city.itemId,
			decision: 'keep',
			reviewer: 'Riley Reviewer',
			note: 'a staged scene, not a fight',
		});
		// Kept: back in the feed for everyone.
		const anonymous = await api({ url: r.url, apiKey: '' }, 'GET', '/v1/feed');
		expect(anonymous.json.data.map((i: { id: string }) => i.id)).toContain(city.itemId);
		expect(problems).toEqual([]);
		await context.close();
	});

	test('remix: the form submits, progress arrives over server-sent events, the published remix appears in the feed', async () => {
		const { context, page, problems } = await open({ key: viewerKey });
		await page.goto(`${r.url}/feed/#/remix/${beach.itemId}`);
		await page.getByRole('heading', { name: /Remix “Beach hello”/ }).waitFor();
		await page.getByLabel('Style').selectOption('anime');
		await page.getByLabel('New music').check();
		await page.getByLabel('Title').fill('Anime beach');
		await expectAccessible(page, 'remix form');
		// Record every progress value the page shows while the remix renders.
		await page.evaluate(() => {
			const seen: number[] = [];
			(window as unknown as { seen: number[] }).seen = seen;
			new MutationObserver(() => {
				const bar = document.querySelector('progress');
				if (bar && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
			}).observe(document.body, { subtree: true, childList: true, attributes: true });
		});
		await page.getByRole('button', { name: 'Remix', exact: true }).click();
		await page.waitForFunction(() => location.hash.startsWith('#/clip/'), null, {
			timeout: 150_000,
		});
		const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
		expect(seen.length).toBeGreaterThan(2);
		expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
		expect(seen[seen.length - 1]).toBe(100);
		const newItem = page.url().split('#/clip/')[1];
		await waitForPlayback(page, 0);
		const first = page.locator('.clip[data-index="0"]');
		expect(await first.locator('.clip-title').textContent()).toBe('Anime beach');
		expect(await first.locator('.remixed-from').textContent()).toContain('Beach hello');
		const item = await api({ url: r.url, apiKey: '' }, 'GET', `/v1/feed/${newItem}`);
		expect(item.json).toMatchObject({
			about: { style: 'anime' },
			remixedFrom: { itemId: beach.itemId },
		});
		expect(problems).toEqual([]);
		await context.close();
	});

	test('my cameos: recorded with the fake camera, registered, and its privacy takes effect for a second viewer', async () => {
		// The camera shows a drawn face; the microphone plays festival reading the script, which is
		// only known once the cameo is registered (Chromium reads the file when the camera opens).
		await drawFace(join(dir, 'face.png'));
		const y4m = join(dir, 'face.y4m');
		const wav = join(dir, 'script.wav');
		await ffmpeg([
			'-loop',
			'1',
			'-i',
			join(dir, 'face.png'),
			'-t',
			'2',
			'-r',
			'10',
			'-pix_fmt',
			'yuv420p',
			y4m,
		]);
		const owner = await launchChromium([
			`--use-file-for-fake-video-capture=${y4m}`,
			`--use-file-for-fake-audio-capture=${wav}`,
		]);
		let ownerContext: BrowserContext | undefined;
		try {
			ownerContext = await newContext(owner);
			await ownerContext.addInitScript(
				(key: string) => localStorage.setItem('reelforge.apiKey', key),
				r.apiKey,
			);
			const page = await ownerContext.newPage();
			const problems = watchPage(page);
			await page.goto(`${r.url}/feed/#/cameos`);
			await page.getByLabel('Your name').fill('Dana Tester');
			await page.getByRole('button', { name: 'Get my reading script' }).click();
			const script = page.getByLabel('Reading script');
			await script.waitFor();
			const words = (await script.textContent())!.trim();
			expect(words.split(/\s+/)).toHaveLength(6);
			await expectAccessible(page, 'cameos view');
			await speak(words, wav);

			await page.getByRole('button', { name: 'Record with camera and microphone' }).click();
			// Start is offered (enabled) once the preview shows the camera's frames; Stop once
			// MediaRecorder has really started, its time counted from then.
			await page.getByRole('button', { name: 'Start recording' }).click();
			await page.getByRole('status').filter({ hasText: 'Recording.' }).waitFor();
			// The fake microphone plays the script in a loop from when the camera opened: two lengths
			// of it hold one whole reading, wherever in the loop the recording began.
			const needed = Math.ceil(2 * Number((await ffprobe(wav)).format.duration));
			await page.waitForFunction(
				(seconds) => {
					const stop = Array.from(document.querySelectorAll('button')).find((b) =>
						b.textContent?.startsWith('Stop recording'),
					);
					return Number(/\((\d+) s\)/.exec(stop?.textContent ?? '')?.[1] ?? 0) >= seconds;
				},
				needed,
				{ timeout: 120_000 },
			);
			await page.getByRole('button', { name: /Stop recording/ }).click();
			await page
				.getByRole('status')
				.filter({ hasText: /^Recorded \d+ s\./ })
				.waitFor();
			await page.getByRole('button', { name: 'Send recording' }).click();
			const card = page.locator('article.cameo', { hasText: 'Dana Tester' });
			await card.locator('.status.active').waitFor({ timeout: 120_000 });
			expect(await card.textContent()).toMatch(/Found in \d+ of \d+ frames/);
			const cameoId = await card.getAttribute('data-cameo');

			// A second viewer cannot cast a private cameo...
			const viewer = await open({ key: viewerKey });
			await viewer.page.goto(`${r.url}/feed/#/remix/${beach.itemId}`);
			const cast = viewer.page.getByLabel('Cast a cameo');
			await cast.waitFor();
			expect(await cast.locator('option').allTextContents()).not.toContain('Dana Tester');

			// ...until the owner makes it public.
			await card.getByLabel('Who may use it').selectOption('public');
			await card.getByRole('button', { name: 'Save who may use it' }).click();
			await page.getByRole('status').filter({ hasText: 'is public' }).waitFor();
			await viewer.page.reload();
			await viewer.page.getByLabel('Cast a cameo').waitFor();
			expect(
				await viewer.page.getByLabel('Cast a cameo').locator('option').allTextContents(),
			).toContain('Dana Tester');
			await viewer.context.close();

			// The owner's audit log shows the steps.
			await card.getByRole('button', { name: 'Show the audit log' }).click();
			const log = await card.getByRole('table').textContent();
			expect(log).toContain('recording.accepted');
			expect(log).toContain('privacy.changed');
			const usable = await api({ url: r.url, apiKey: viewerKey }, 'GET', '/v1/cameos?scope=usable');
			expect(usable.json.data).toEqual([
				{ object: 'cameo', id: cameoId, name: 'Dana Tester', privacy: 'public', yours: false },
			]);
			expect(problems).toEqual([]);
		} finally {
			await ownerContext?.close();
			await owner.close();
		}
	});

	test('a recording that cannot start says why and offers Start again', async () => {
		const { key } = await r.services.keys.create('free', 'recorder');
		const { context, page, problems } = await open({ key });
		// The browser's encoder refuses, as it does when no encoder is free for the camera's format.
		await context.addInitScript(() => {
			MediaRecorder.prototype.start = () => {
				throw new DOMException('No encoder is available', 'NotSupportedError');
			};
		});
		await page.goto(`${r.url}/feed/#/cameos`);
		await page.getByLabel('Your name').fill('Sam Refused');
		await page.getByRole('button', { name: 'Get my reading script' }).click();
		await page.getByRole('button', { name: 'Record with camera and microphone' }).click();
		await page.getByRole('status').filter({ hasText: 'Camera ready' }).waitFor();
		await page.getByRole('button', { name: 'Start recording' }).click();
		const alert = page.getByRole('alert').filter({ hasText: 'could not start' });
		await alert.waitFor();
		expect(await alert.textContent()).toBe(
			'The recording could not start: No encoder is available',
		);
		// Nothing is left half-started: the camera is still open and Start is offered again.
		expect(await page.getByRole('button', { name: 'Start recording' }).isEnabled()).toBe(true);
		expect(await page.getByRole('button', { name: /Stop recording/ }).count()).toBe(0);
		expect(await page.getByRole('status').filter({ hasText: 'Camera ready' }).count()).toBe(1);
		expect(problems).toEqual([]);
		await context.close();
	});

	test('keyboard only: sign in, move through the feed, like, open and close a dialog, reach the remix form', async () => {
		const { context, page, problems } = await open({ size: DESKTOP });
		await page.goto(`${r.url}/feed/`);
		await waitForPlayback(page, 0);
		await tabTo(page, /^Sign in$/);
		await page.keyboard.press('Enter');
		// Focus starts in the dialog's first field once the dialog is open: a keyboard user sees it
		// open before typing, so the test waits for that too (typing earlier went nowhere).
		await page.getByRole('dialog', { name: 'Sign in' }).waitFor();
		await page.waitForFunction(() => document.activeElement?.closest('dialog[open]') != null);
		await page.keyboard.type(viewerKey);
		await page.keyboard.press('Enter');
		await page.getByRole('dialog', { name: 'Sign in' }).waitFor({ state: 'hidden' });
		// Signing in reloads the feed with the viewer's own clips; move once it has settled.
		await page.locator('.feed[aria-busy="false"]').waitFor();
		// Arrow keys move between clips.
		await page.keyboard.press('ArrowDown');
		await waitForPlayback(page, 1);
		const secondTitle = await page.locator('.clip[data-index="1"] .clip-title').textContent();
		await tabTo(page, /^Like/);
		const focusedClip = await page.evaluate(() =>
			(document.activeElement as HTMLElement).closest('.clip')?.getAttribute('data-index'),
		);
		expect(focusedClip).toBe('1');
		await page.keyboard.press('Space');
		await page
			.locator('.clip[data-index="1"] button[aria-pressed="true"]', { hasText: 'Liked' })
			.waitFor();
		await tabTo(page, /Content credentials/, { backwards: true });
		await page.keyboard.press('Enter');
		await page
			.getByRole('dialog', { name: 'Content credentials' })
			.getByText('Signed by', { exact: true })
			.waitFor();
		await page.keyboard.press('Escape');
		await page.getByRole('dialog', { name: 'Content credentials' }).waitFor({ state: 'hidden' });
		expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
			'Content credentials',
		);
		await tabTo(page, /^Remix$/);
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { name: `Remix “${secondTitle}”` }).waitFor();
		await tabTo(page, /Style/);
		await page.keyboard.press('ArrowDown');
		expect(await page.getByLabel('Style').inputValue()).not.toBe('');
		expect(problems).toEqual([]);
		await context.close();
	});
});

/** festival reads the words (with a pause either side) into a 48 kHz WAV the fake microphone plays. */
async function speak(words: string, wav: string): Promise<void> {
	const raw = `${wav}.raw.wav`;
	await new Promise<void>((resolve, reject) => {
		const child = spawn('text2wave', ['-o', raw]);
		child.on('error', reject);
		child.on('close', (code: number) =>
			code === 0 ? resolve() : reject(new Error(`text2wave ${code}`)),
		);
		child.stdin.end(words);
	});
	await ffmpeg(['-i', raw, '-af', 'adelay=500,apad=pad_dur=1', '-ar', '48000', '-ac', '1', wav]);
}
