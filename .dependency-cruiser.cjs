/**
 * The renderer's layering, checked by `npm run lint` (dependency-cruiser):
 *
 *   cli → api → jobs (renders, queue, store) → providers → engine / media / net / spec
 *
 * with the render contract (pipeline/render.ts) at the floor beside spec/: every source of video
 * and the engine import it; it imports nothing above it.
 *
 * A layer imports only the layers below it. `publish` and `webhooks` are services the jobs and
 * the API both use, never the HTTP layer. Type-only imports count too: a type from a layer above
 * is still a dependency on it. No cycles anywhere.
 */
const SRC = '^renderer/src/';
const above = (...dirs) => `${SRC}(${dirs.join('|')})(/|\\.ts$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'A cycle makes two modules one: split the shared part out.',
			from: { path: SRC },
			to: { circular: true },
		},
		{
			name: 'render-contract-is-the-floor',
			severity: 'error',
			comment:
				'The render contract (pipeline/render.ts) is what every source of video and the engine speak: it imports only the spec and the stills type, so the engine can import it without importing anything above itself.',
			from: { path: `${SRC}pipeline/render\\.ts$` },
			to: { path: SRC, pathNot: `${SRC}(spec/|media/stills\\.ts$)` },
		},
		{
			name: 'engine-is-the-floor',
			severity: 'error',
			comment:
				'The local engine draws and encodes; it knows nothing of providers, jobs, trust or HTTP. Of pipeline/ it imports the render contract only.',
			from: { path: `${SRC}engine/` },
			to: {
				path: above(
					'pipeline/contracts',
					'api',
					'cli',
					'jobs',
					'queue',
					'store',
					'services',
					'providers',
					'publish',
					'webhooks',
					'social',
					'admin',
					'auth',
				),
			},
		},
		{
			name: 'media-and-net-are-doors',
			severity: 'error',
			comment: 'The ffmpeg and outbound doors sit below everything that uses them.',
			from: { path: `${SRC}(media|net)/` },
			to: {
				path: above(
					'api',
					'cli',
					'jobs',
					'queue',
					'services',
					'providers',
					'publish',
					'webhooks',
					'engine',
					'trust',
					'social',
				),
			},
		},
		{
			name: 'providers-below-jobs',
			severity: 'error',
			comment: 'A provider makes video; it does not know the render lifecycle or the API.',
			from: { path: `${SRC}providers/` },
			to: { path: above('api', 'cli', 'jobs', 'services', 'publish', 'webhooks', 'social') },
		},
		{
			name: 'jobs-below-api',
			severity: 'error',
			comment: 'The render lifecycle is used by the API and the CLI, never the other way round.',
			from: { path: `${SRC}(jobs|queue|store|publish|webhooks|social|trust|auth)/` },
			to: { path: above('api', 'cli', 'services') },
		},
		{
			name: 'api-not-from-cli',
			severity: 'error',
			comment: 'The API is composed by services.ts and started by the CLI.',
			from: { path: `${SRC}api/` },
			to: { path: above('cli') },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		includeOnly: '^renderer/src/',
		tsPreCompilationDeps: true,
	},
};
