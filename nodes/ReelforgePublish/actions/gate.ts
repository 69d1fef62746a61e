import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Render } from '../../shared/helpers/interfaces';

/**
 * Publishing is refused for a render that is not completed, was never moderated, or was
 * flagged — unless the user set an explicit override with a reason, which the renderer records.
 * The renderer enforces the same gate; checking here gives a clear error before any upload.
 */
export function checkPublishable(
	ctx: IExecuteFunctions,
	render: Render,
	itemIndex: number,
	override: boolean,
): void {
	const refuse = (code: string, message: string, description: string) => {
		const error = new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
		error.context.code = code;
		error.context.renderId = render.id;
		throw error;
	};
	if (render.status !== 'completed')
		refuse(
			'render_not_completed',
			`Render ${render.id} is ${render.status}`,
			'Only a completed render can be published.',
		);
	if (override) return;
	const moderation = render.moderation;
	if (!moderation || Object.keys(moderation).length === 0) {
		refuse(
			'moderation_required',
			`Render ${render.id} has not been moderated`,
			'Run Reelforge Moderate on it first, or set "Override Moderation" with a reason.',
		);
	}
	if (moderation?.flagged === true) {
		refuse(
			'moderation_flagged',
			`Render ${render.id} was flagged by moderation`,
			'A flagged render is not published unless "Override Moderation" is set with a reason.',
		);
	}
}
