/**
 * The deployment files say only what the renderer really does: each Dockerfile is multi-stage and
 * non-root, its entrypoint is the built CLI, its CMD and every compose command is a real CLI
 * command (the commands the hardening fault suites run as processes: serve, api, worker), every
 * environment variable they set exists in config.ts, their Debian packages match
 * .ci/apt-packages.txt, and Redis persists with AOF `appendfsync everysec`. Docker is not run here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describeConfig, loadConfig } from '../../src/config';
import { startRenderer, type RunningRenderer } from '../support/renderer';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

/** The commands the CLI dispatches (its switch in cli/index.ts), without the help spellings. */
const CLI_COMMANDS = [...read('renderer/src/cli/index.ts').matchAll(/case '([a-z]+)':/g)]
	.map((m) => m[1])
	.filter((c) => c !== 'help');
const CONFIG_NAMES = new Set(describeConfig().map((v) => v.name));
/** Variables for the platform, not the renderer: Node, the NVIDIA toolkit, the npm install. */
const PLATFORM = new Set([
	'NODE_ENV',
	'NVIDIA_VISIBLE_DEVICES',
	'NVIDIA_DRIVER_CAPABILITIES',
	'ONNXRUNTIME_NODE_INSTALL',
	'SKIP_RUST_BUILD',
	'DEBIAN_FRONTEND',
]);

interface Stage {
	from: string;
	instructions: Array<[string, string]>;
}

/** Instructions per stage, continuation lines joined, comments dropped. */
function dockerfile(file: string): Stage[] {
	const lines = read(file)
		.replace(/\\\n/g, ' ')
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#'));
	const stages: Stage[] = [];
	for (const line of lines) {
		const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line)!;
		if (op === 'FROM') stages.push({ from: rest, instructions: [] });
		else stages[stages.length - 1].instructions.push([op, rest]);
	}
	return stages;
}

const all = (stage: Stage, op: string) =>
	stage.instructions.filter(([o]) => o === op).map(([, rest]) => rest);

function envNames(stage: Stage): string[] {
	return all(stage, 'ENV').flatMap((rest) =>
		[...rest.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]),
	);
}

function aptPackages(stage: Stage): string[] {
	return all(stage, 'RUN').flatMap((run) => {
		const m = /apt-get install\s+(.*?)(?:&&|$)/.exec(run);
		return m ? m[1].split(/\s+/).filter((p) => p && !p.startsWith('-')) : [];
	});
}

const ciPackages = read('.ci/apt-packages.txt')
	.split('\n')
	.map((l) => l.trim())
	.filter((l) => l && !l.startsWith('#'));
/** Needed by CI to build and test, not by a running renderer. */
const TEST_ONLY = new Set([
	'redis-server',
	'build-essential',
	'python3',
	'python3-onnx',
	'chromium',
	'iproute2',
]);

describe.each(['deploy/Dockerfile', 'deploy/Dockerfile.cuda'])('%s', (file) => {
	const stages = dockerfile(file);
	const runtime = stages[stages.length - 1];

	it('is multi-stage and runs the renderer as a non-root user', () => {
		expect(stages.length).toBeGreaterThanOrEqual(2);
		const user = all(runtime, 'USER').pop();
		expect(user).toBeDefined();
		expect(['root', '0']).not.toContain(user);
	});

	it('enters through the built CLI and runs one of its real commands', () => {
		const entrypoint = JSON.parse(all(runtime, 'ENTRYPOINT').pop()!) as string[];
		const cli = entrypoint[entrypoint.length - 1];
		expect(cli).toBe('/app/renderer/dist/cli/index.js');
		// The built file comes from this source, compiled by the renderer's tsconfig (outDir dist).
		expect(fs.existsSync(path.join(ROOT, 'renderer/src/cli/index.ts'))).toBe(true);
		expect(JSON.parse(read('renderer/tsconfig.json')).compilerOptions.outDir).toMatch(/dist/);
		const cmd = JSON.parse(all(runtime, 'CMD').pop()!) as string[];
		expect(CLI_COMMANDS).toContain(cmd[0]);
		expect(['serve', 'worker']).toContain(cmd[0]);
	});

	it('sets only variables config.ts reads (or the platform’s), with values it accepts', () => {
		const names = stages.flatMap(envNames);
		expect(names.filter((n) => !CONFIG_NAMES.has(n) && !PLATFORM.has(n))).toEqual([]);
		const env = Object.fromEntries(
			all(runtime, 'ENV').flatMap((rest) =>
				[...rest.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1], m[2]]),
			),
		);
		expect(() => loadConfig({ ...env, REELFORGE_QUEUE: 'memory' })).not.toThrow();
	});

	it('installs the Debian packages the renderer needs, as CI does', () => {
		const installed = aptPackages(runtime);
		const needed = ciPackages.filter((p) => !TEST_ONLY.has(p));
		expect(needed.filter((p) => !installed.includes(p))).toEqual([]);
		expect(
			installed.filter((p) => !ciPackages.includes(p) && !['ca-certificates', 'tini'].includes(p)),
		).toEqual([]);
	});

	it('copies only paths that exist in the repository', () => {
		for (const stage of stages)
			for (const copy of all(stage, 'COPY').filter((c) => !c.startsWith('--from'))) {
				const sources = copy.split(/\s+/).slice(0, -1);
				for (const source of sources) expect(fs.existsSync(path.join(ROOT, source))).toBe(true);
			}
	});
});

/** The parts of compose.yaml these tests read. */
interface ComposeService {
	image?: string;
	command?: string[];
	environment?: Record<string, string>;
	build?: { dockerfile: string };
	deploy?: { replicas?: number };
	healthcheck?: { test?: string[]; disable?: boolean };
}
const compose = parse(read('compose.yaml'), { merge: true }) as {
	services: Record<string, ComposeService>;
};

describe('compose.yaml', () => {
	const renderers = Object.entries(compose.services).filter(([, s]) =>
		s.image?.startsWith('reelforge-renderer'),
	);

	it('runs n8n, the renderer API, several workers and Redis', () => {
		expect(Object.keys(compose.services)).toEqual(
			expect.arrayContaining(['n8n', 'api', 'worker', 'redis']),
		);
		expect(compose.services.worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
		expect(renderers.length).toBeGreaterThanOrEqual(3);
	});

	it('runs real CLI commands, with only variables config.ts reads', () => {
		for (const [name, service] of renderers) {
			expect({ name, command: CLI_COMMANDS.includes(service.command![0]) }).toEqual({
				name,
				command: true,
			});
			const unknown = Object.keys(service.environment ?? {}).filter(
				(v) => !CONFIG_NAMES.has(v) && !PLATFORM.has(v),
			);
			expect({ name, unknown }).toEqual({ name, unknown: [] });
			// Scaled out: every process shares work through Redis with the bull queue.
			expect(service.environment).toMatchObject({
				REELFORGE_QUEUE: 'bull',
				REDIS_URL: 'redis://redis:6379',
			});
			if (service.build)
				expect(fs.existsSync(path.join(ROOT, service.build.dockerfile))).toBe(true);
		}
		expect(compose.services.api.command).toEqual(['api']);
		expect(compose.services.worker.command).toEqual(['worker']);
	});

	it('persists Redis with AOF, fsync every second', () => {
		const cmd = compose.services.redis.command!.join(' ');
		expect(cmd).toContain('--appendonly yes');
		expect(cmd).toContain('--appendfsync everysec');
	});
});

/** The paths a health check asks: quoted '/…' strings and the path of any loopback URL. */
function healthPaths(check: string): string[] {
	const quoted = [...check.matchAll(/['"](\/[A-Za-z0-9/_-]*)['"]/g)].map((m) => m[1]);
	const urls = [...check.matchAll(/127\.0\.0\.1:\d+(\/[A-Za-z0-9/_-]*)/g)].map((m) => m[1]);
	return [...new Set([...quoted, ...urls])];
}

describe('health checks', () => {
	/** The image each renderer service runs, and whether that image has a HEALTHCHECK of its own. */
	const imageFiles = new Map<string, string>();
	for (const service of Object.values(compose.services))
		if (service.image && service.build) imageFiles.set(service.image, service.build.dockerfile);
	const imageCheck = (image: string) => {
		const file = imageFiles.get(image);
		return file ? all(dockerfile(file).pop()!, 'HEALTHCHECK').pop() : undefined;
	};
	const checks: Array<{ where: string; check: string }> = [];
	for (const file of ['deploy/Dockerfile', 'deploy/Dockerfile.cuda']) {
		const check = all(dockerfile(file).pop()!, 'HEALTHCHECK').pop();
		if (check) checks.push({ where: file, check });
	}
	for (const [name, service] of Object.entries(compose.services))
		if (service.image?.startsWith('reelforge-renderer') && service.healthcheck?.test)
			checks.push({ where: `compose ${name}`, check: service.healthcheck.test.join(' ') });

	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer({ worker: false, createKey: false });
	});
	afterAll(async () => {
		await r?.close();
	});

	it('ask routes the renderer answers with 200, without a key', async () => {
		expect(checks.length).toBeGreaterThanOrEqual(2);
		for (const { where, check } of checks) {
			const paths = healthPaths(check);
			expect({ where, paths: paths.length }).toEqual({ where, paths: 1 });
			const res = await fetch(`${r.url}${paths[0]}`);
			expect({ where, path: paths[0], status: res.status }).toEqual({
				where,
				path: paths[0],
				status: 200,
			});
		}
	});

	it('ask the port the service listens on', () => {
		for (const [name, service] of Object.entries(compose.services)) {
			const check = service.healthcheck?.test?.join(' ');
			if (!service.image?.startsWith('reelforge-renderer') || !check) continue;
			const port = /127\.0\.0\.1:(\d+)/.exec(check)?.[1];
			expect({ name, port }).toEqual({ name, port: service.environment?.PORT ?? '8080' });
		}
	});

	it('are off for workers, which serve no HTTP', () => {
		for (const [name, service] of Object.entries(compose.services)) {
			if (!service.image?.startsWith('reelforge-renderer') || service.command?.[0] !== 'worker')
				continue;
			const inherited = imageCheck(service.image) !== undefined && !service.healthcheck;
			expect({ name, inherited, own: service.healthcheck?.test }).toEqual({
				name,
				inherited: false,
				own: undefined,
			});
		}
	});
});
