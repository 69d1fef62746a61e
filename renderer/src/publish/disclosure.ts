import type { RenderRecord } from '../jobs/renderRecord';
import {
	aiDisclosure as trustDisclosure,
	type AiDisclosure,
} from '../trust/provenance/aiDisclosure';

export type PublishedDisclosure = AiDisclosure & {
	/** True when the published file carries a signed C2PA manifest. */
	c2pa: boolean;
};

/**
 * The EU AI Act Art. 50 marking every published item carries. Trust & safety owns the wording;
 * publishing adds whether this particular file was actually signed.
 */
export function disclosureFor(render: RenderRecord, baseUrl: string): PublishedDisclosure {
	const c2pa = render.provenance?.signed ?? false;
	const base = trustDisclosure(render, { baseUrl });
	return { ...base, provenance: { ...base.provenance, c2pa }, c2pa };
}

/** The same marking as `x-amz-meta-*` object metadata (ASCII header values). */
export function disclosureMetadata(
	disclosure: PublishedDisclosure,
	renderId: string,
): Record<string, string> {
	return {
		'ai-generated': 'true',
		'ai-label': disclosure.label.replace(/[^\x20-\x7e]/g, ''),
		'ai-disclosure-standard': disclosure.standard,
		'digital-source-type': disclosure.digitalSourceType,
		generator: disclosure.generator,
		c2pa: String(disclosure.c2pa),
		'render-id': renderId,
	};
}
