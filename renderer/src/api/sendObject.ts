import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../spec/errors';
import type { ObjectStorage } from '../storage/storage';
import { parseRange } from './httpRange';

/** Streams a stored object with HTTP Range support (206 / 416), never buffering it. */
export async function sendObject(
	request: FastifyRequest,
	reply: FastifyReply,
	storage: ObjectStorage,
	key: string,
	filename: string,
) {
	const stat = await storage.stat(key);
	if (!stat) throw ApiError.notFound('Content');
	const range = parseRange(request.headers.range, stat.size);
	reply.header('Accept-Ranges', 'bytes');
	if (range === 'unsatisfiable') {
		throw new ApiError(
			416,
			'range_not_satisfiable',
			`The file has ${stat.size} bytes.`,
			[{ path: '/headers/range', message: 'outside the file' }],
			{ 'Content-Range': `bytes */${stat.size}` },
		);
	}
	reply
		.header('Content-Type', stat.contentType)
		.header('Content-Disposition', `inline; filename="${filename}"`);
	if (range) {
		reply
			.code(206)
			.header('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`)
			.header('Content-Length', String(range.end - range.start + 1));
		if (request.method === 'HEAD') return reply.send();
		return reply.send(await storage.read(key, range));
	}
	reply.header('Content-Length', String(stat.size));
	if (request.method === 'HEAD') return reply.send();
	return reply.send(await storage.read(key));
}
