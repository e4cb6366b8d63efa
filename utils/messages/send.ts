import { browser } from '#imports';
import type {
  Envelope,
  MessageRequest,
  MessageResponse,
  MessageType,
} from '@/utils/messages/protocol';

/**
 * Sends a typed message to the background. Type-only imports keep zod out of the content
 * script's bundle; the background validates what arrives.
 */
export async function sendMessage<T extends MessageType>(
  type: T,
  data: MessageRequest<T>,
): Promise<MessageResponse<T>> {
  const envelope: Envelope<T> = { type, data };
  return (await browser.runtime.sendMessage(envelope)) as MessageResponse<T>;
}
