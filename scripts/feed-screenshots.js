#!/usr/bin/env node
/**
 * Screenshots of every view of the feed app at phone and desktop size, written to
 * screenshots/feed/ (ignored by git), from a real renderer with real tiny renders:
 *
 *   npm run screenshots
 */
'use strict';
const fs = require('node:fs/promises');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startStage } = require('./feed-stage');

const OUT = path.resolve(__dirname, '..', 'screenshots', 'feed');
const SIZES = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1366, height: 900 },
};

async function main() {
	await fs.mkdir(OUT, { recursive: true });
	const stage = await startStage({ clips: 2, log: (m) => console.log(m) });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
	});
	const written = [];
	try {
		for (const [size, viewport] of Object.entries(SIZES)) {
			const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
			await context.addInitScript(
				([key]) => {
					localStorage.setItem('reelforge.apiKey', key);
				},
				[stage.ownerKey],
			);
			const page = await context.newPage();
			const shot = async (name) => {
				const file = path.join(OUT, `${name}-${size}.png`);
				await page.screenshot({ path: file });
				written.push(path.relative(process.cwd(), file));
			};
			const playing = () =>
				page.waitForFunction(() => {
					const v = document.querySelector('.clip[data-index="0"] video');
					return v && v.currentTime > 0.5;
				});

			await page.goto(stage.feedUrl);
			await playing();
			await shot('feed');
			await page
				.locator('.clip[data-index="0"]')
				.getByRole('button', { name: /Content credentials/ })
				.click();
			await page
				.getByRole('dialog', { name: 'Content credentials' })
				.getByText('Signed by', { exact: true })
				.waitFor();
			await shot('provenance');
			await page.keyboard.press('Escape');
			await page.locator('.clip[data-index="0"]').getByRole('button', { name: 'About' }).click();
			await page.getByRole('dialog', { name: 'About this clip' }).waitFor();
			await shot('about');
			await page.keyboard.press('Escape');
			await page.locator('.clip[data-index="0"]').getByRole('button', { name: 'Report' }).click();
			await page
				.getByRole('dialog', { name: 'Report this clip' })
				.getByLabel('Brand', { exact: false })
				.first()
				.check();
			await shot('report');
			await page.keyboard.press('Escape');
			await page.locator('.clip[data-index="0"]').getByRole('button', { name: 'Share' }).click();
			await page.getByRole('dialog', { name: 'Share this clip' }).waitFor();
			await shot('share');
			await page.keyboard.press('Escape');

			await page.goto(`${stage.feedUrl}#/remix/${stage.items[0]}`);
			await page.getByRole('heading', { name: /Remix/ }).waitFor();
			await page.getByLabel('Style').selectOption({ index: 2 });
			await page.getByLabel('New music').check();
			await page.getByRole('button', { name: 'Add a shot' }).click();
			await page.getByLabel('What happens in shot 1').fill('Maya jumps into the water');
			await page.waitForTimeout(300);
			await shot('remix');

			await page.goto(`${stage.feedUrl}#/cameos`);
			await page.getByLabel('Reading script').first().waitFor();
			await shot('cameos');

			await page.goto(`${stage.feedUrl}#/admin`);
			await page.getByLabel('Admin key').fill(stage.adminKey);
			await page.getByLabel(/Your name/).fill('Screenshot Reviewer');
			await page.getByRole('button', { name: 'Open the admin view' }).click();
			await page.getByRole('region', { name: 'Recent failures' }).getByRole('table').waitFor();
			await shot('admin');
			await page.screenshot({ path: path.join(OUT, `admin-full-${size}.png`), fullPage: true });
			written.push(path.relative(process.cwd(), path.join(OUT, `admin-full-${size}.png`)));

			await context.close();

			// A visitor without a key.
			const visitor = await browser.newContext({ viewport, deviceScaleFactor: 1 });
			const fresh = await visitor.newPage();
			await fresh.goto(stage.feedUrl);
			await fresh.getByRole('button', { name: 'Sign in' }).click();
			await fresh.getByRole('dialog', { name: 'Sign in' }).waitFor();
			const file = path.join(OUT, `sign-in-${size}.png`);
			await fresh.screenshot({ path: file });
			written.push(path.relative(process.cwd(), file));
			await visitor.close();
		}
	} finally {
		await browser.close();
		await stage.close();
	}
	console.log(`wrote ${written.length} screenshots:\n  ${written.join('\n  ')}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
