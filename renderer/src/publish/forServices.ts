import type { Services } from '../services';
import { createPublishService, type PublishService } from './service';

const instances = new WeakMap<Services, PublishService>();

/**
 * The one publish service of a running service set, made on first use by the publish and feed
 * routes (both must share it: the feed lists what publish wrote).
 */
export function publishServiceOf(services: Services): PublishService {
  let service = instances.get(services);
  if (!service) {
    service = createPublishService({ store: services.store, storage: services.storage, renders: services.renders, events: services.events, webhooks: services.webhooks, config: services.config });
    instances.set(services, service);
  }
  return service;
}
