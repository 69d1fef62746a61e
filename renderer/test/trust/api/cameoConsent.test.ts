/** The consent route over HTTP: validation with pointers, owner only, recorded and audited. */
import { api, startRenderer, type RunningRenderer } from '../../support/renderer';

describe('POST /v1/cameos/:id/consent', () => {
	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer({ overrides: { moderator: null, signer: null } });
	});
	afterAll(() => r.close());

	it('records consent given at registration and changed later, in the view and the audit log', async () => {
		const created = await api(r, 'POST', '/v1/cameos', {
			name: 'Dee Example',
			consents: { voiceCloning: true },
		});
		expect(created.status).toBe(201);
		expect(created.json.consents.voiceCloning).toMatchObject({ granted: true, keyId: r.keyId });
		const id = created.json.id;

		const withdrawn = await api(r, 'POST', `/v1/cameos/${id}/consent`, { voiceCloning: false });
		expect(withdrawn.status).toBe(200);
		expect(withdrawn.json.consents.voiceCloning.granted).toBe(false);
		expect(withdrawn.json.voiceClone).toBeUndefined(); // nothing was cloned: no recording yet

		const audit = await api(r, 'GET', `/v1/cameos/${id}/audit`);
		expect(audit.json.data.map((e: { event: string }) => e.event)).toEqual([
			'consent.withdrawn',
			'consent.granted',
			'registered',
		]);
	});

	it("answers bad bodies with the field's pointer and strangers with 404", async () => {
		const { json } = await api(r, 'POST', '/v1/cameos', { name: 'Eve Example' });
		const empty = await api(r, 'POST', `/v1/cameos/${json.id}/consent`, {});
		expect(empty.status).toBe(400);
		const wrong = await api(r, 'POST', `/v1/cameos/${json.id}/consent`, { voiceCloning: 'yes' });
		expect(wrong.status).toBe(400);
		expect(wrong.json.error.details[0].path).toBe('/voiceCloning');
		const extra = await api(r, 'POST', '/v1/cameos', { name: 'X', consents: { faceSwap: true } });
		expect(extra.status).toBe(400);
		const other = await r.services.keys.create('pro', 'stranger');
		const stranger = await api(
			{ url: r.url, apiKey: other.key },
			'POST',
			`/v1/cameos/${json.id}/consent`,
			{ voiceCloning: true },
		);
		expect(stranger.status).toBe(404);
	});
});
