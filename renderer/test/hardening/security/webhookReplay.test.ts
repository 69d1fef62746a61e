/**
 * Webhook signature replay window, both ways, on a real `reelforge serve`:
 * - outbound: a real delivery the renderer signed verifies with the n8n Trigger node's own check
 *   now, and is refused when replayed after the tolerance (5 min), with its timestamp rewritten
 *   (the signature covers it) or with its body changed;
 * - inbound: the provider webhook (Gemini, Standard Webhooks) accepts a fresh signed event and
 *   refuses the same event correctly signed with a timestamp outside the window, in the past or
 *   the future.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
	sign,
	TOLERANCE_SECONDS,
	verify,
} from '../../../../nodes/ReelforgeTrigger/actions/signature';
import { call, testpatternSpec, waitFor } from '../support/processes';
import { startWorld, type World } from '../support/world';

const GEMINI_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

describe('webhook signature replay window', () => {
	let w: World;
	beforeAll(async () => {
		w = await startWorld({ GEMINI_WEBHOOK_SECRET: GEMINI_SECRET });
	});
	afterAll(() => w?.close());

	it('a captured delivery verifies now and is refused when replayed late, re-timed or altered', async () => {
		const sub = await call(w.url, w.a.key, 'POST', '/v1/webhooks', {
			url: `${w.receiver.url}/replay`,
			events: ['render.completed'],
		});
		expect(sub.status).toBe(201);
		const secret: string = sub.json.secret;
		expect(secret).toMatch(/^whsec_/);
		const render = await call(w.url, w.a.key, 'POST', '/v1/renders', testpatternSpec(1));
		await waitFor(w.url, w.a.key, render.json.id, ['completed']);
		const until = Date.now() + 15_000;
		let delivery = w.receiver.deliveries.find((d) => d.path === '/replay');
		while (!delivery && Date.now() < until) {
			await new Promise((r) => setTimeout(r, 100));
			delivery = w.receiver.deliveries.find((d) => d.path === '/replay');
		}
		expect(delivery).toBeDefined();
		const captured = {
			id: delivery!.headers['webhook-id'],
			timestamp: delivery!.headers['webhook-timestamp'],
			signature: delivery!.headers['webhook-signature'],
			body: delivery!.body,
		};
		const now = Math.floor(Date.now() / 1000);
		// Fresh: signed within seconds of sending, and it verifies.
		expect(Math.abs(now - Number(captured.timestamp))).toBeLessThan(30);
		expect(verify(secret, captured, now)).toEqual({ ok: true });
		// Replayed after the window (or before it, a clock skew attack): refused.
		expect(
			verify(secret, captured, Number(captured.timestamp) + TOLERANCE_SECONDS + 1),
		).toMatchObject({ ok: false });
		expect(
			verify(secret, captured, Number(captured.timestamp) - TOLERANCE_SECONDS - 1),
		).toMatchObject({ ok: false });
		// Re-timed to look fresh later: the signature covers the timestamp.
		const later = String(Number(captured.timestamp) + 3600);
		expect(verify(secret, { ...captured, timestamp: later }, Number(later))).toEqual({
			ok: false,
			reason: 'no signature matches',
		});
		// Altered body, or another subscription's secret: refused.
		expect(
			verify(secret, { ...captured, body: captured.body.replace('completed', 'failed') }, now),
		).toMatchObject({ ok: false });
		const other = await call(w.url, w.a.key, 'POST', '/v1/webhooks', {
			url: `${w.receiver.url}/other`,
		});
		expect(verify(other.json.secret, captured, now)).toMatchObject({ ok: false });
	});

	it('the inbound provider webhook refuses a correctly signed event outside the window', async () => {
		const body = JSON.stringify({
			type: 'batch.succeeded',
			data: { name: 'operations/nothing-waits-on-this' },
		});
		const send = (timestamp: number, signature?: string) => {
			const id = `msg_${randomBytes(8).toString('hex')}`;
			const ts = String(timestamp);
			return fetch(`${w.url}/v1/provider-webhooks/gemini`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': id,
					'webhook-timestamp': ts,
					'webhook-signature': signature ?? sign(GEMINI_SECRET, id, ts, body),
				},
				body,
			});
		};
		const now = Math.floor(Date.now() / 1000);
		expect((await send(now)).status).toBe(204);
		for (const skew of [-(TOLERANCE_SECONDS + 60), -86_400, TOLERANCE_SECONDS + 60]) {
			const res = await send(now + skew);
			expect({ skew, status: res.status }).toEqual({ skew, status: 401 });
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
				'invalid_signature',
			);
		}
		// A signature made with another key: refused.
		const forged = `v1,${createHmac('sha256', randomBytes(24)).update('x').digest('base64')}`;
		expect((await send(now, forged)).status).toBe(401);
	});
});
