import type { KeyService } from '../auth/keys';
import type { PublishService } from '../publish/service';
import type { JobQueue } from '../queue/queue';
import type { CameoService } from '../trust/cameo/cameoService';
import { isTerminal } from './renderRecord';
import type { RenderService } from './renderService';

/**
 * What a cameo's revocation does to the renders that used it: one still running fails with
 * `cameo_revoked` (its worker is aborted), and every live publication of one that finished is
 * unpublished — feed, S3 and webhook targets alike. Renders that had not reached the cameo yet fail
 * when they ask for it (the registry answers 410).
 */
export function withdrawOnCameoRevoke(deps: {
	cameos: CameoService;
	renders: RenderService;
	queue: JobQueue;
	publisher: PublishService;
	keys: KeyService;
	log: (message: string, fields?: Record<string, unknown>) => void;
}): () => void {
	return deps.cameos.onRevoke(async (cameo) => {
		for (const use of await deps.cameos.usesOf(cameo.id)) {
			const render = await deps.renders.records.get(use.renderId);
			if (!render) continue;
			if (!isTerminal(render.status)) {
				await deps.renders.records.fail(render.id, {
					code: 'cameo_revoked',
					message: `Cameo ${cameo.id} was revoked by its owner.`,
				});
				await deps.queue.cancel(render.id);
				deps.log('render failed: its cameo was revoked', {
					renderId: render.id,
					cameoId: cameo.id,
				});
			}
			const key = await deps.keys.get(use.keyId);
			if (!key) continue;
			for (const publication of render.publications) {
				if (!publication.unpublishedAt)
					await deps.publisher.unpublish(render.id, publication.id, key);
			}
		}
	});
}
