import { createTestPatternProvider } from '../../src/providers/testpattern';
import { createGateProvider } from '../support/fixtureProviders';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { registerCameo } from '../support/cameos';

/** Revoking a cameo stops a render that is using it, with the real cameo registry and runner. */
describe('cameo revocation and running renders', () => {
	let r: RunningRenderer;
	const gate = createGateProvider();

	beforeAll(async () => {
		r = await startRenderer({
			overrides: { providers: [createTestPatternProvider(), gate.provider], signer: null },
		});
	});
	afterAll(async () => {
		gate.release();
		await r.close();
	});

	it('fails a render in progress with cameo_revoked and stops its worker', async () => {
		const cameoId = await registerCameo(r);

		const render = await api(r, 'POST', '/v1/renders', {
			provider: 'gate',
			characters: [{ id: 'bea', cameoId }],
			shots: [{ prompt: 'a beach', duration: 1, characters: ['bea'] }],
			output: { width: 160, height: 96, fps: 10, quality: 'draft' },
			provenance: { c2pa: false },
		});
		expect(render.status).toBe(201);
		await waitForStatus(r, render.json.id, ['rendering']);
		// The runner resolves the cameo (a logged use) after the render is marked rendering and
		// before its provider starts: the use is in the audit once the gate provider has started.
		while (gate.started === 0) await new Promise((resolve) => setTimeout(resolve, 50));
		const audit = await api(r, 'GET', `/v1/cameos/${cameoId}/audit`);
		expect(JSON.stringify(audit.json)).toContain(render.json.id);

		expect((await api(r, 'DELETE', `/v1/cameos/${cameoId}`)).json.status).toBe('revoked');
		const failed = await waitForStatus(r, render.json.id, ['failed', 'completed', 'canceled']);
		expect(failed.status).toBe('failed');
		expect(failed.error.code).toBe('cameo_revoked');
		// Releasing the provider now must not resurrect the render.
		gate.release();
		await new Promise((res) => setTimeout(res, 300));
		expect((await api(r, 'GET', `/v1/renders/${render.json.id}`)).json.status).toBe('failed');
	});
});
