import type { RenderRecord } from '../jobs/renderRecord';
import type { ProviderCapabilities } from '../providers/provider';
import type { CameoConsentRecord } from '../trust/cameo/cameoService';
import { RENDER_ASSERTION } from '../trust/provenance/manifest';
import type { ProvenanceSummary } from './provenanceSummarySchema';

export type { ProvenanceSummary };

/* The manifest is the JSON the C2PA reader returned when the render was signed. */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * What a viewer is shown when they open a clip's provenance badge: read from the C2PA manifest
 * signed into the file (signer, claim generator, actions, Reelforge's render assertion with the
 * provider and the cameos), with each cameo's consent looked up in the cameo registry.
 */
export function summariseProvenance(
	render: RenderRecord,
	providers: ProviderCapabilities[],
	consents: Map<string, CameoConsentRecord>,
): ProvenanceSummary {
	const manifest = render.provenance?.signed ? render.provenance.manifest : undefined;
	const assertions = Array.isArray(manifest?.assertions) ? (manifest.assertions as unknown[]) : [];
	const labelled = (prefix: string) =>
		assertions.find(
			(a): a is Json => isObject(a) && typeof a.label === 'string' && a.label.startsWith(prefix),
		);
	const renderData = isObject(labelled(RENDER_ASSERTION)?.data)
		? (labelled(RENDER_ASSERTION)!.data as Json)
		: {};
	const actionsData = labelled('c2pa.actions')?.data;
	const created =
		isObject(actionsData) && Array.isArray(actionsData.actions)
			? (actionsData.actions as unknown[]).find(
					(a): a is Json => isObject(a) && a.action === 'c2pa.created',
				)
			: undefined;
	const signature = isObject(manifest?.signature_info) ? manifest.signature_info : undefined;
	const generatorInfo = Array.isArray(manifest?.claim_generator_info)
		? (manifest.claim_generator_info as unknown[]).find(isObject)
		: undefined;

	const providerId = str(renderData.provider) ?? render.spec.provider;
	const provider = providers.find((p) => p.id === providerId);
	const fromManifest = Array.isArray(renderData.cameos)
		? (renderData.cameos as unknown[]).filter(isObject)
		: [];
	// Renders signed before the manifest named its cameos: the spec says which characters had one.
	const cameoRefs = fromManifest.length
		? fromManifest.map((c) => ({ cameoId: str(c.cameoId), character: str(c.character) }))
		: (render.spec.characters ?? [])
				.filter((c) => c.cameoId)
				.map((c) => ({ cameoId: c.cameoId ?? null, character: c.id }));

	return {
		signed: Boolean(manifest),
		validationState: str(manifest?.validation_state),
		title: str(manifest?.title),
		claimGenerator: generatorInfo
			? [str(generatorInfo.name), str(generatorInfo.version)].filter(Boolean).join(' ')
			: str(manifest?.claim_generator),
		signer: signature
			? {
					issuer: str(signature.issuer),
					commonName: str(signature.common_name),
					algorithm: str(signature.alg),
				}
			: null,
		signedAt: str(signature?.time),
		renderedAt: render.completedAt ?? null,
		digitalSourceType: str(created?.digitalSourceType),
		aiGenerated: renderData.aiGenerated !== false,
		provider: {
			id: providerId,
			name: provider?.displayName ?? providerId,
			offline: provider ? provider.offline : null,
		},
		cameos: cameoRefs
			.filter((c): c is { cameoId: string; character: string | null } => Boolean(c.cameoId))
			.map((c) => {
				const consent = consents.get(c.cameoId);
				return {
					cameoId: c.cameoId,
					character: c.character,
					name: consent?.name ?? null,
					consent: !consent ? 'unknown' : consent.status === 'revoked' ? 'revoked' : 'active',
					consentedAt: consent?.consentedAt ?? null,
				};
			}),
		ingredients: (Array.isArray(manifest?.ingredients) ? (manifest.ingredients as unknown[]) : [])
			.filter(isObject)
			.map((i) => ({
				title: str(i.title),
				renderId: str(i.instance_id)?.replace(/^reelforge:render:/, '') ?? null,
			})),
	};
}
