import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { ApiError } from '../spec/errors';

/** The token of `Authorization: Bearer <token>`, or the password of HTTP Basic auth. */
export function credentialOf(header: string | undefined): string | undefined {
	if (!header) return undefined;
	if (header.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
	if (header.startsWith('Basic ')) {
		const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		return (colon >= 0 ? decoded.slice(colon + 1) : decoded) || undefined;
	}
	return undefined;
}

/** Constant-time comparison of a given secret with the expected one. */
export function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The admin API's check: only `REELFORGE_ADMIN_KEY` opens it (tenants' API keys, pro ones included,
 * never do: the admin API shows every tenant's renders and reports). Without the variable the
 * admin API is off.
 */
export function requireAdminKey(config: Pick<Config, 'adminKey'>, request: FastifyRequest): void {
	const token = credentialOf(request.headers.authorization);
	if (!config.adminKey)
		throw new ApiError(
			403,
			'admin_disabled',
			'The admin API is off: set REELFORGE_ADMIN_KEY on the renderer to use it.',
			[{ path: '/headers/authorization', message: 'no admin key is configured' }],
		);
	if (!token)
		throw unauthorized(
			'Send the admin key as "Authorization: Bearer <REELFORGE_ADMIN_KEY>".',
			'missing',
			'Bearer',
		);
	if (!sameSecret(token, config.adminKey))
		throw unauthorized(
			'That is not the admin key.',
			'not the admin key',
			'Bearer error="invalid_token"',
		);
}

/** A 401 naming the Authorization header, with the Bearer challenge the client should answer. */
function unauthorized(message: string, why: string, challenge: string): ApiError {
	return new ApiError(
		401,
		'unauthorized',
		message,
		[{ path: '/headers/authorization', message: why }],
		{ 'WWW-Authenticate': challenge },
	);
}
