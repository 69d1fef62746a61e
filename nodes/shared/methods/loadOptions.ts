import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import type { Capabilities } from '../helpers/interfaces';
import { reelforgeApiRequest } from '../transport';

/** A capability entry may be a bare id or an object with an id and a display name. */
function toOption(entry: unknown): INodePropertyOptions | undefined {
	if (typeof entry === 'string') return { name: entry, value: entry };
	if (entry && typeof entry === 'object') {
		const { id, displayName, name, description } = entry as Record<string, unknown>;
		if (typeof id !== 'string') return undefined;
		const label =
			typeof displayName === 'string' ? displayName : typeof name === 'string' ? name : id;
		return {
			name: label,
			value: id,
			description: typeof description === 'string' ? description : undefined,
		};
	}
	return undefined;
}

function toOptions(entries: unknown[] | undefined): INodePropertyOptions[] {
	const seen = new Set<string>();
	const options: INodePropertyOptions[] = [];
	for (const entry of entries ?? []) {
		const option = toOption(entry);
		if (option && !seen.has(String(option.value))) {
			seen.add(String(option.value));
			options.push(option);
		}
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

async function capabilities(ctx: ILoadOptionsFunctions): Promise<Capabilities> {
	return await reelforgeApiRequest<Capabilities>(ctx, 'GET', '/v1/capabilities');
}

export async function getProviders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { providers = [] } = await capabilities(this);
	return providers
		.filter((p) => p.available !== false)
		.map((p) => ({
			name: p.displayName ?? p.id,
			value: p.id,
			description: p.remote
				? `Remote (${p.remote.model ?? p.remote.kind ?? p.id})${p.remote.reachable === false ? `: not reachable now${p.remote.reason ? ` (${p.remote.reason})` : ''}` : ''}`
				: undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getStyles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions((await capabilities(this)).styles);
}

export async function getVoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions((await capabilities(this)).voices);
}
