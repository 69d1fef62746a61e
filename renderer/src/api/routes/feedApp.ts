/**
 * Serves the feed app (built by `npm run build` into renderer/dist/feed) at /feed/: the page is
 * revalidated on every load, the content-hashed assets are cached for a year, and every answer
 * carries a Content-Security-Policy that allows this origin only (no inline script or style, no
 * other origin), so the app works with no CDN and no network beyond this service.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../spec/errors';

/** renderer/dist/feed, from src/api/routes (tests) and dist/api/routes (the build) alike. */
export const FEED_APP_DIR = path.resolve(__dirname, '../../..', 'dist', 'feed');

export const FEED_CSP = [
	"default-src 'none'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' blob:",
	"media-src 'self' blob:",
	"connect-src 'self'",
	"manifest-src 'self'",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.webmanifest': 'application/manifest+json',
	'.map': 'application/json',
};
const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|css|svg|webmanifest|map)$/;

const feedApp: FastifyPluginAsync<{ dir?: string }> = async (app, options) => {
	const dir = options.dir ?? FEED_APP_DIR;

	function secure(reply: FastifyReply) {
		reply
			.header('Content-Security-Policy', FEED_CSP)
			.header('X-Content-Type-Options', 'nosniff')
			.header('Referrer-Policy', 'no-referrer')
			.header('Cross-Origin-Opener-Policy', 'same-origin')
			.header('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=()');
	}

	/** Sends a built file, pre-compressed (brotli, gzip) when the client takes it and the build made it. */
	async function send(request: FastifyRequest, reply: FastifyReply, file: string, cache: string) {
		const type = TYPES[path.extname(file)];
		const plain = await stat(file).catch(() => undefined);
		if (!type || !plain?.isFile())
			throw file.endsWith('index.html')
				? new ApiError(
						503,
						'feed_not_built',
						'The feed app is not built: run `npm run build` (it writes renderer/dist/feed).',
					)
				: ApiError.notFound('Feed asset');
		const accepts = String(request.headers['accept-encoding'] ?? '');
		let body = file;
		let size = plain.size;
		for (const [encoding, suffix] of [
			['br', '.br'],
			['gzip', '.gz'],
		] as const) {
			if (!new RegExp(`\\b${encoding}\\b`).test(accepts)) continue;
			const packed = await stat(file + suffix).catch(() => undefined);
			if (packed?.isFile()) {
				body = file + suffix;
				size = packed.size;
				reply.header('Content-Encoding', encoding);
				break;
			}
		}
		secure(reply);
		reply
			.header('Content-Type', type)
			.header('Content-Length', String(size))
			.header('Cache-Control', cache)
			.header('Vary', 'Accept-Encoding');
		if (request.method === 'HEAD') return reply.send();
		return reply.send(createReadStream(body));
	}

	const hidden = { config: { public: true }, schema: { hide: true } };

	app.get('/feed', hidden, async (request, reply) => {
		const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
		// Relative, so the app also works behind a proxy that mounts the service under a path.
		return reply.redirect(`feed/${query}`, 301);
	});

	app.get('/feed/', hidden, (request, reply) =>
		send(request, reply, path.join(dir, 'index.html'), 'no-cache'),
	);

	app.get('/feed/assets/:name', hidden, async (request, reply) => {
		const { name } = request.params as { name: string };
		if (!ASSET_NAME.test(name)) throw ApiError.notFound('Feed asset');
		return send(
			request,
			reply,
			path.join(dir, 'assets', name),
			'public, max-age=31536000, immutable',
		);
	});
};

export default feedApp;
