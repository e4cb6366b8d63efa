import type { SyncConfig } from '@/utils/sync/config';
import type { FetchPort } from '@/utils/sync/http';
import { createLearnlogClient } from '@/utils/sync/learnlog-client';
import type { ConnectionTest } from '@/utils/sync/client';
import { createXapiClient } from '@/utils/sync/xapi-client';

/**
 * "Test connection": reaches the server and checks the sign-in details without
 * changing anything there. Also run before sync is turned on, so wrong details are refused at
 * once rather than found when the first record is sent.
 */
export function testSyncConnection(
  config: SyncConfig,
  fetch: FetchPort,
  timeoutMs: number,
): Promise<ConnectionTest> {
  const http = { fetch, timeoutMs };
  if (config.target === 'learnlog')
    return createLearnlogClient({
      ...http,
      endpoint: config.endpoint,
      token: config.credentials.token,
    }).testConnection();
  return createXapiClient({
    ...http,
    endpoint: config.endpoint,
    ...config.credentials,
    // Testing sends no statement, so no identity is needed yet.
    actor: { objectType: 'Agent', mbox: 'mailto:test@learnlog.invalid' },
    batchSize: 1,
  }).testConnection();
}
