#!/usr/bin/env node
/**
 * The feed app's first clip on loopback: how long from navigation start until the first clip's
 * video is playing (its currentTime advances), in Debian's Chromium (headless) against a real
 * renderer with real tiny clips. Cold runs use a new browser context each (empty cache); warm runs
 * reload the page in one context (hashed assets cached).
 *
 *   npm run build -w @reelforge/renderer && node bench/feed.js [--runs=15] [--json=bench/out/feed.json]
 */
'use strict';
const fs = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startStage } = require('../scripts/feed-stage');

const option = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const RUNS = Number(option('runs', 15));
const JSON_OUT = option('json', '');

/**
 * Recorded in the page, before the app's own scripts: when the first video frame was presented
 * after playback started, and the first moment a video's currentTime had advanced.
 */
function recordFirstFrame() {
	window.__firstAdvance = null;
	window.__firstFrame = null;
	document.addEventListener(
		'playing',
		(event) => {
			const video = event.target;
			if (window.__firstFrame !== null || !video.requestVideoFrameCallback) return;
			video.requestVideoFrameCallback((now) => {
				if (window.__firstFrame === null) window.__firstFrame = now;
			});
		},
		true,
	);
	document.addEventListener(
		'timeupdate',
		(event) => {
			const video = event.target;
			if (window.__firstAdvance === null && video.currentTime > 0)
				window.__firstAdvance = performance.now();
		},
		true,
	);
}

async function measure(page, url, reload) {
	if (reload) await page.reload();
	else await page.goto(url);
	await page.waitForFunction(() => window.__firstAdvance !== null, null, { timeout: 30_000 });
	return page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		const feed = performance.getEntriesByType('resource').find((r) => /\/v1\/feed\?/.test(r.name));
		const video = performance.getEntriesByType('resource').find((r) => /\/content$/.test(r.name));
		const playing = performance.getEntriesByName('reelforge:first-clip-playing')[0];
		return {
			html: nav.responseEnd,
			domContentLoaded: nav.domContentLoadedEventEnd,
			feedApi: feed ? feed.responseEnd : null,
			videoRequest: video ? video.startTime : null,
			playing: playing ? playing.startTime : null,
			firstFrame: window.__firstFrame,
			firstAdvance: window.__firstAdvance,
		};
	});
}

function summary(values) {
	const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
	const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
	return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
}

async function main() {
	const stage = await startStage({ clips: 3, extras: false, log: (m) => console.error(m) });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox'],
	});
	const results = { cold: [], warm: [] };
	try {
		// One unmeasured visit so the service's own first-request work (route compilation) is done.
		const warmup = await browser.newContext({ viewport: { width: 390, height: 844 } });
		await warmup.addInitScript(recordFirstFrame);
		await measure(await warmup.newPage(), stage.feedUrl, false);
		await warmup.close();

		for (let i = 0; i < RUNS; i++) {
			const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
			await context.addInitScript(recordFirstFrame);
			const page = await context.newPage();
			results.cold.push(await measure(page, stage.feedUrl, false));
			results.warm.push(await measure(page, stage.feedUrl, true));
			await context.close();
		}
	} finally {
		await browser.close();
		await stage.close();
	}
	const report = {
		when: new Date().toISOString(),
		machine: `${os.cpus().length} × ${os.cpus()[0].model}, load ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`,
		runs: RUNS,
		ms: Object.fromEntries(
			Object.entries(results).map(([kind, rows]) => [
				kind,
				Object.fromEntries(
					[
						'html',
						'domContentLoaded',
						'feedApi',
						'videoRequest',
						'playing',
						'firstFrame',
						'firstAdvance',
					].map((k) => [k, summary(rows.map((r) => r[k]))]),
				),
			]),
		),
	};
	console.log(
		`first clip playing on loopback (ms from navigation start; ${RUNS} runs; ${report.machine})`,
	);
	for (const kind of ['cold', 'warm']) {
		console.log(`  ${kind}`);
		for (const [metric, s] of Object.entries(report.ms[kind]))
			console.log(
				`    ${metric.padEnd(17)} median ${s.median?.toFixed(0)}  p90 ${s.p90?.toFixed(0)}  max ${s.max?.toFixed(0)}`,
			);
	}
	if (JSON_OUT) {
		await fs.mkdir(path.dirname(JSON_OUT), { recursive: true });
		await fs.writeFile(JSON_OUT, JSON.stringify({ ...report, results }, null, 2));
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
