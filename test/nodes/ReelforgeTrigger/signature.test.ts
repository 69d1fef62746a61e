import { Webhook } from 'standardwebhooks';
import { randomBytes } from 'node:crypto';
import { sign, verify } from '../../../nodes/ReelforgeTrigger/actions/signature';

/** The renderer signs with the `standardwebhooks` library; the trigger verifies with its own code. */
describe('Reelforge Trigger signature check (Standard Webhooks)', () => {
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	const body = JSON.stringify({
		type: 'render.published',
		timestamp: new Date().toISOString(),
		data: { render: { id: 'rnd_1' } },
	});
	const now = Math.floor(Date.now() / 1000);
	const signedByLibrary = (id: string, at: number, payload: string) =>
		new Webhook(secret).sign(id, new Date(at * 1000), payload);

	it('accepts what the standardwebhooks library signed', () => {
		const signature = signedByLibrary('msg_1', now, body);
		expect(verify(secret, { id: 'msg_1', timestamp: String(now), signature, body }, now)).toEqual({
			ok: true,
		});
		expect(sign(secret, 'msg_1', String(now), body)).toBe(signature);
	});

	it('accepts a list of signatures when one matches (key rotation)', () => {
		const signature = `v1,${randomBytes(32).toString('base64')} ${signedByLibrary('msg_2', now, body)}`;
		expect(verify(secret, { id: 'msg_2', timestamp: String(now), signature, body }, now).ok).toBe(
			true,
		);
	});

	it('refuses a changed body, another id, another secret, a stale timestamp and missing headers', () => {
		const signature = signedByLibrary('msg_3', now, body);
		expect(
			verify(
				secret,
				{ id: 'msg_3', timestamp: String(now), signature, body: body.replace('rnd_1', 'rnd_2') },
				now,
			),
		).toEqual({ ok: false, reason: 'no signature matches' });
		expect(verify(secret, { id: 'msg_4', timestamp: String(now), signature, body }, now).ok).toBe(
			false,
		);
		expect(
			verify(
				`whsec_${randomBytes(24).toString('base64')}`,
				{ id: 'msg_3', timestamp: String(now), signature, body },
				now,
			).ok,
		).toBe(false);
		const old = now - 3600;
		expect(
			verify(
				secret,
				{
					id: 'msg_3',
					timestamp: String(old),
					signature: signedByLibrary('msg_3', old, body),
					body,
				},
				now,
			),
		).toEqual({ ok: false, reason: 'timestamp outside the tolerance' });
		expect(verify(secret, { id: undefined, timestamp: String(now), signature, body }, now).ok).toBe(
			false,
		);
	});
});
