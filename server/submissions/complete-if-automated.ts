import type { SubmissionItem } from '../../src/contract/index';
import type { Content } from '../content/content';
import type { Storage } from '../storage/storage';
import { STANDARD_MESSAGES } from './standard-messages';

/**
 * Services whose passport says processing is automated (no official reviews them) complete on their own once the
 * application is stored (or, with a fee, once it is paid): the agency's system answers at once, so the person is
 * told at once.
 */
export async function completeIfAutomated(item: Pick<SubmissionItem, 'id' | 'serviceId'>, content: Content, storage: Storage): Promise<void> {
  const service = content.catalogue.services.find((s) => s.id === item.serviceId);
  if (!service?.automated) return;
  await storage.moveStatus({ application: item.id, to: 'completed', message: STANDARD_MESSAGES.automated, actor: 'automated' });
}
