#!/usr/bin/env node
'use strict';
/**
 * End to end in a REAL n8n: installs n8n 2.41.1 on Node 24 into a reusable cache, installs the
 * built node pack the way users do, imports the credential and every workflow in workflows/,
 * runs them against a real renderer (`reelforge serve`) and checks the MP4s with ffprobe.
 *
 *   REELFORGE_E2E_CACHE   cache folder (default ~/.cache/reelforge-e2e); first run ≈ 3 GB, ~5 min
 *   REELFORGE_E2E_KEEP=1  keep the temporary work folder (logs, databases) after the run
 *
 * Renders are made small here (360p, 12 fps, draft, a few seconds) so the run stays short on
 * 2 cores; the workflows themselves keep their production settings.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureToolchain } = require('./e2e/install');
const { run, waitFor } = require('./e2e/processes');
const { startRenderer } = require('./e2e/renderer');
const { installPackage, createN8n, parseExecuteOutput } = require('./e2e/n8n');
const { download, checkMp4 } = require('./e2e/media');
const { ChatCompletionsEmulator } = require('../renderer/test/story/emulators/chatCompletions');

const repoRoot = path.resolve(__dirname, '..');
const cacheDir =
	process.env.REELFORGE_E2E_CACHE || path.join(os.homedir(), '.cache', 'reelforge-e2e');
const CREDENTIAL = {
	id: 'rfApiCredential1',
	name: 'Reelforge local renderer',
	type: 'reelforgeApi',
};
const OPENAI_CREDENTIAL = { id: 'rfOpenAiCredential1', name: 'OpenAI account', type: 'openAiApi' };
const RENDER_TIMEOUT_MS = 8 * 60_000;

const log = (message) => process.stdout.write(`[e2e] ${message}\n`);
const results = [];
function pass(name, detail) {
	results.push({ name, ok: true });
	log(`PASS ${name}${detail ? ` — ${detail}` : ''}`);
}

async function ensureBuilt() {
	const needed = [
		'dist/nodes/ReelforgeGenerate/ReelforgeGenerate.node.js',
		'dist/credentials/ReelforgeApi.credentials.js',
		'renderer/dist/cli/index.js',
	];
	if (needed.every((file) => fs.existsSync(path.join(repoRoot, file)))) return;
	log('building (npm run build)');
	await run('npm', ['run', 'build'], { cwd: repoRoot, timeoutMs: 600_000 });
}

/** Small renders for the test run; everything else in the workflow stays as committed. */
function forTestRun(workflow) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-reelforge.reelforgePrompt') {
			if (typeof node.parameters.durationSeconds === 'number') node.parameters.durationSeconds = 4;
			node.parameters.shortEdge = 360;
			// A fixed seed keeps the frames, and so the renderer's moderation verdict, the same on every run.
			node.parameters.additionalFields = {
				...(node.parameters.additionalFields ?? {}),
				fps: 12,
				quality: 'draft',
				seed: 7,
			};
		}
	}
	return copy;
}

async function importEverything(n8n, renderer, chatModel, workDir) {
	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{ ...CREDENTIAL, data: { baseUrl: renderer.url, apiKey: renderer.apiKey } },
			// n8n's own OpenAI credential, its Base URL pointed at the chat-completions emulator.
			{ ...OPENAI_CREDENTIAL, data: { apiKey: chatModel.apiKey, url: chatModel.url } },
		]),
	);
	await n8n.cli(['import:credentials', `--input=${credentialsFile}`]);
	const workflows = {};
	for (const file of fs
		.readdirSync(path.join(repoRoot, 'workflows'))
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const workflow = forTestRun(
			JSON.parse(fs.readFileSync(path.join(repoRoot, 'workflows', file), 'utf8')),
		);
		const target = path.join(workDir, file);
		fs.writeFileSync(target, JSON.stringify(workflow));
		await n8n.cli(['import:workflow', `--input=${target}`]);
		workflows[file] = workflow;
		log(`imported ${file} (${workflow.id})`);
	}
	return workflows;
}

async function findRender(renderer, what, predicate) {
	return await waitFor(
		what,
		async () => {
			const page = await renderer.request('GET', '/v1/renders?limit=100');
			return page.data.find(predicate);
		},
		{ timeoutMs: RENDER_TIMEOUT_MS, intervalMs: 2000, service: renderer.service },
	);
}

async function checkVideo(renderer, render, workDir, label) {
	const file = await download(
		`${renderer.url}/v1/renders/${render.id}/content`,
		renderer.apiKey,
		path.join(workDir, `${label}.mp4`),
	);
	const probe = await checkMp4(file, { minSeconds: 1 });
	return `${render.id}: ${probe.width}×${probe.height}, ${probe.duration.toFixed(2)} s, h264+aac`;
}

async function main() {
	const toolchain = ensureToolchain(cacheDir);
	await ensureBuilt();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelforge-e2e-'));
	log(`work folder ${workDir}`);
	let renderer;
	let n8n;
	const chatEmulator = new ChatCompletionsEmulator();
	try {
		renderer = await startRenderer({ repoRoot, workDir });
		log(`renderer at ${renderer.url}`);
		const chatModel = { url: await chatEmulator.start(), apiKey: chatEmulator.apiKey };
		log(`chat-completions emulator at ${chatModel.url}`);
		n8n = await createN8n({ toolchain, workDir });
		await installPackage({ repoRoot, userFolder: n8n.userFolder, workDir });
		const workflows = await importEverything(n8n, renderer, chatModel, workDir);
		const byName = (file) =>
			workflows[file] ??
			(() => {
				throw new Error(`workflows/${file} is missing`);
			})();
		const webhookRender = byName('webhook-render.json');
		const remixLoop = byName('remix-loop.json');
		const dailyShort = byName('scheduled-daily-short.json');
		const chatModelStory = byName('chat-model-storyboard.json');
		for (const workflow of [webhookRender, remixLoop])
			await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
		await n8n.start();
		log(`n8n at ${n8n.baseUrl}`);

		// (2) Webhook → Prompt → Generate (poll) → Respond to Webhook with the URL.
		const path2 = webhookRender.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters
			.path;
		// Webhooks register a moment after /healthz: retry only while the path is still unknown (404) or
		// n8n's database gate refuses (503), never after the workflow ran, so a failure cannot start a
		// second render.
		const response = await waitFor(
			'the webhook-render workflow to answer',
			async () => {
				const r = await fetch(`${n8n.baseUrl}/webhook/${path2}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						prompt: 'A paper boat sails down a rainy street at dusk',
						durationSeconds: 3,
						style: 'cinematic',
					}),
				});
				const text = await r.text();
				if (r.status === 404) return undefined;
				// n8n's readiness gate answers 503 before any workflow runs when its database ping is slow.
				if (r.status === 503 && text.includes('Database is not ready')) return undefined;
				return { status: r.status, text };
			},
			{ timeoutMs: 60_000, intervalMs: 1000 },
		).then(({ status, text }) => {
			if (status !== 200)
				throw new Error(`the webhook-render workflow answered ${status}: ${text}`);
			return JSON.parse(text);
		});
		if (
			response.status !== 'completed' ||
			!/\/v1\/renders\/rnd_[0-9a-z]+\/content$/.test(String(response.url))
		)
			throw new Error(`unexpected webhook answer ${JSON.stringify(response)}`);
		pass(
			'webhook render answers its caller with the video URL',
			await checkVideo(renderer, { id: response.id }, workDir, 'webhook-render'),
		);

		// The Reelforge Trigger registered its subscription on activation and refuses unsigned calls.
		const trigger = remixLoop.nodes.find((n) => n.type === 'n8n-nodes-reelforge.reelforgeTrigger');
		const unsigned = await fetch(`${n8n.baseUrl}/webhook/${trigger.webhookId}/${'reelforge'}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_forged',
				'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
				'webhook-signature': 'v1,Zm9yZ2Vk',
			},
			body: JSON.stringify({
				type: 'render.published',
				data: { render: { id: 'rnd_forged', kind: 'render' } },
			}),
		});
		if (unsigned.status !== 401)
			throw new Error(`a forged trigger call got ${unsigned.status}, expected 401`);
		const subscriptions = await renderer.request('GET', '/v1/webhooks');
		const registered = subscriptions.data.find(
			(s) => s.url === `${n8n.baseUrl}/webhook/${trigger.webhookId}/reelforge`,
		);
		if (!registered || !registered.events.includes('render.published'))
			throw new Error(
				`the trigger did not register its webhook: ${JSON.stringify(subscriptions.data)}`,
			);
		pass(
			'Reelforge Trigger registered its webhook with the renderer on activation and answers 401 to a bad signature',
			registered.id,
		);

		// (1) Scheduled daily short: Generate waits for the renderer's webhook, then Moderate → Publish.
		const executed = await n8n.cli(['execute', `--id=${dailyShort.id}`, '--rawOutput'], 600_000);
		const runData = parseExecuteOutput(executed.stdout);
		log(`daily short execution: ${runData.status ?? runData.finished ?? 'see output'}`);
		const published = await findRender(
			renderer,
			'the daily short to be published',
			(r) =>
				r.kind !== 'remix' &&
				String(r.spec?.metadata?.title ?? '').startsWith('Daily short') &&
				(r.publications ?? []).length > 0,
		);
		pass(
			'scheduled daily short rendered (wait for webhook), moderated and published to the feed',
			await checkVideo(renderer, published, workDir, 'daily-short'),
		);

		// (4) n8n's own OpenAI Chat Model node (pointed at the emulator) writes the Prompt node's storyboard.
		const storyRun = await n8n.cli(
			['execute', `--id=${chatModelStory.id}`, '--rawOutput'],
			600_000,
		);
		log(
			`chat-model storyboard execution: ${parseExecuteOutput(storyRun.stdout).status ?? 'see output'}`,
		);
		const asked = chatEmulator.requests[0];
		if (!asked) throw new Error('the OpenAI Chat Model node never called the chat-completions API');
		const userMessage = asked.messages.find((m) => m.role === 'user');
		if (!String(userMessage?.content).includes('sandcastle'))
			throw new Error(`the chat model was not given the prompt: ${JSON.stringify(asked.messages)}`);
		const storyRender = await findRender(
			renderer,
			'the chat-model storyboard render to complete',
			(r) =>
				r.spec?.metadata?.title === 'Storyboard by a chat model' &&
				['completed', 'failed'].includes(r.status),
		);
		if (storyRender.status !== 'completed')
			throw new Error(`the chat-model storyboard render ${storyRender.status}`);
		// The emulator writes one shot per sentence: the render must carry the model's three shots.
		const shotPrompts = (storyRender.spec.shots ?? []).map((s) => s.prompt);
		if (shotPrompts.length !== 3 || !shotPrompts[2].includes('sunset'))
			throw new Error(
				`the render did not use the model's storyboard: ${JSON.stringify(shotPrompts)}`,
			);
		pass(
			"n8n's OpenAI Chat Model wrote the Prompt node's storyboard (structured output) and it rendered",
			`${asked.response_format?.type ?? 'plain JSON'}; ${await checkVideo(renderer, storyRender, workDir, 'chat-model-storyboard')}`,
		);

		// (3) Remix loop: render.published → Remix (anime + new music) → Publish.
		const remix = await findRender(
			renderer,
			'the anime remix to be published',
			(r) =>
				r.kind === 'remix' &&
				r.source?.renderId === published.id &&
				(r.publications ?? []).length > 0,
		);
		if (remix.spec?.style !== 'anime') throw new Error(`the remix has style ${remix.spec?.style}`);
		pass(
			'remix loop restyled the published short as anime with new music and published it',
			await checkVideo(renderer, remix, workDir, 'remix'),
		);

		// n8n's own record: every execution of the three workflows succeeded.
		const key = await n8n.apiKey();
		for (const workflow of [webhookRender, dailyShort, remixLoop, chatModelStory]) {
			const list = await waitFor(
				`finished executions of ${workflow.name}`,
				async () => {
					const r = await fetch(
						`${n8n.baseUrl}/api/v1/executions?workflowId=${workflow.id}&limit=20`,
						{ headers: { 'X-N8N-API-KEY': key } },
					);
					const body = await r.json();
					const done = (body.data ?? []).filter(
						(e) => !['running', 'waiting', 'new'].includes(e.status),
					);
					return done.length ? body.data : undefined;
				},
				{ timeoutMs: 60_000, intervalMs: 1000 },
			);
			const failed = list.filter(
				(e) => e.status !== 'success' && !['running', 'waiting', 'new'].includes(e.status),
			);
			if (failed.length)
				throw new Error(
					`${workflow.name}: executions ${failed.map((e) => `${e.id}=${e.status}`).join(', ')}`,
				);
			pass(
				`n8n recorded ${workflow.name} as successful`,
				list.map((e) => `#${e.id} ${e.status}`).join(', '),
			);
		}
	} catch (error) {
		log(`FAIL ${error.stack ?? error}`);
		for (const logFile of ['n8n.log', 'renderer.log']) {
			const file = path.join(workDir, logFile);
			if (fs.existsSync(file))
				log(
					`--- last lines of ${logFile} ---\n${fs.readFileSync(file, 'utf8').split('\n').slice(-60).join('\n')}`,
				);
		}
		process.exitCode = 1;
	} finally {
		await n8n?.stop();
		await renderer?.service.stop();
		await chatEmulator.stop();
		if (!process.env.REELFORGE_E2E_KEEP && !process.exitCode)
			fs.rmSync(workDir, { recursive: true, force: true });
		else log(`kept ${workDir}`);
		log(`${results.length} checks passed${process.exitCode ? ', then a failure' : ''}`);
	}
}

main();
