import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs (pino, which Fastify uses too, so API and worker logs look the same). */
export function createLogger(level: string): Logger {
	return pino({ level, base: { service: 'reelforge' } });
}
