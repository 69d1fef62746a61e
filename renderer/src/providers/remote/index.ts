/**
 * The remote generators this renderer offers, built from its configuration (instances.ts), each
 * wrapped as a `VideoProvider` for the registry.
 */
import { createComfyUIGenerator, COMFYUI_WAKE_FAMILY } from '../comfyui';
import { createOmniGenerator } from '../omni';
import { createOpenAIVideosGenerator } from '../openaiVideos';
import type { Outbound } from '../../net/outbound';
import type { VideoProvider } from '../provider';
import { createVeoGenerator } from '../veo';
import type { ClipGenerator } from './clipGenerator';
import { createClipVideoProvider } from './clipProvider';
import type { ProviderInstance } from './instances';
import type { PollingPolicy } from './runner';
import type { WakeBus } from './wake';

export const GEMINI_WAKE_FAMILY = 'gemini';

export interface RemoteProviderOptions {
	wake?: WakeBus;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	polling?: Partial<PollingPolicy>;
	/** The service's outbound door: every generator's requests and sockets go through it. */
	outbound?: Outbound;
}

export function createClipGenerator(
	instance: ProviderInstance,
	options: RemoteProviderOptions = {},
): ClipGenerator {
	switch (instance.type) {
		case 'veo':
			return createVeoGenerator({ ...instance, outbound: options.outbound });
		case 'omni':
			return createOmniGenerator({ ...instance, outbound: options.outbound });
		case 'openai-videos':
			return createOpenAIVideosGenerator({ ...instance, outbound: options.outbound });
		case 'comfyui':
			return createComfyUIGenerator({
				...instance,
				wake: options.wake,
				log: options.log,
				outbound: options.outbound,
			});
	}
}

export function wakeFamilyOf(kind: ClipGenerator['kind']): string | undefined {
	if (kind === 'veo' || kind === 'omni') return GEMINI_WAKE_FAMILY;
	if (kind === 'comfyui') return COMFYUI_WAKE_FAMILY;
	return undefined;
}

export function createRemoteProviders(
	instances: ProviderInstance[],
	options: RemoteProviderOptions = {},
): VideoProvider[] {
	return instances.map((instance) => {
		const generator = createClipGenerator(instance, options);
		return createClipVideoProvider(generator, {
			wake: options.wake,
			wakeFamily: wakeFamilyOf(generator.kind),
			polling: options.polling,
		});
	});
}
