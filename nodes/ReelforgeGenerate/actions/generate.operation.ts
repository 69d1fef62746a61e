import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RenderRequest } from '../../shared/render/deliver';
import { renderOptions, waitProperties } from '../../shared/render/properties';
import { refuseUndrawnSubjects } from './coverageCheck';
import { readSpec, specSourceProperties } from './specSource';

export const description: INodeProperties[] = [
	...specSourceProperties,
	{
		displayName: 'Provider Name or ID',
		name: 'provider',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getProvidersOrSpec' },
		default: '',
		description:
			'Which video provider renders it; "As in the Spec" keeps the spec\'s own. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...waitProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...renderOptions,
			{
				displayName: 'Fail When a Subject Cannot Be Drawn',
				name: 'failOnUndrawnSubject',
				type: 'boolean',
				default: false,
				description:
					"Whether to fail the item (and cancel its render) when the renderer's coverage report says a subject the prompt names will not be in the video",
			},
		],
	},
];

/** `POST /v1/renders` with the item's spec (and the chosen provider). */
export async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<RenderRequest> {
	const spec = readSpec(ctx, itemIndex);
	const provider = ctx.getNodeParameter('provider', itemIndex, '') as string;
	if (provider) spec.provider = provider;
	const failOnUndrawnSubject = ctx.getNodeParameter(
		'options.failOnUndrawnSubject',
		itemIndex,
		false,
	) as boolean;
	return {
		endpoint: '/v1/renders',
		body: spec,
		...(failOnUndrawnSubject ? { refuse: refuseUndrawnSubjects } : {}),
	};
}
