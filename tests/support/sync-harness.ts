import { LearnlogDatabase } from '@/utils/db/database';
import type { XapiAgent } from '@/utils/export/xapi';
import type { SyncConfig } from '@/utils/sync/config';
import { createSyncEngine, type SyncEngineDependencies } from '@/utils/sync/engine';
import { OFF_STATUS, type SyncStatus } from '@/utils/sync/status';
import { DEFAULT_CREDENTIALS, type SyncServer } from '@/tests/support/sync-server';

/**
 * The sync engine wired to a real reference server over real HTTP, with the browser's parts
 * (storage, alarms, permissions, clock) as plain values a test can read and change.
 */

export const ACTOR: XapiAgent = {
  objectType: 'Agent',
  name: 'Sam Carer',
  mbox: 'mailto:sam@example.org',
};

export function xapiConfig(server: SyncServer): Extract<SyncConfig, { target: 'xapi' }> {
  return {
    enabled: true,
    target: 'xapi',
    endpoint: server.xapiBase,
    credentials: { ...DEFAULT_CREDENTIALS.xapi },
  };
}

export function learnlogConfig(server: SyncServer): Extract<SyncConfig, { target: 'learnlog' }> {
  return {
    enabled: true,
    target: 'learnlog',
    endpoint: server.apiBase,
    credentials: { token: DEFAULT_CREDENTIALS.token },
  };
}

export function syncHarness(
  config: SyncConfig,
  options: Partial<Pick<SyncEngineDependencies, 'batchSize' | 'timeoutMs' | 'backoff'>> = {},
) {
  const world = {
    db: new LearnlogDatabase(`sync-${crypto.randomUUID()}`),
    config: config as SyncConfig | undefined,
    actor: ACTOR as XapiAgent | undefined,
    status: OFF_STATUS as SyncStatus,
    permitted: true,
    clock: Date.now(),
    retries: [] as number[],
    periodic: false,
  };
  const engine = createSyncEngine({
    db: world.db,
    fetch: (input, init) => fetch(input, init),
    now: () => world.clock,
    random: () => 0.5,
    loadConfig: async () => world.config,
    loadActor: async () => world.actor,
    loadStatus: async () => world.status,
    saveStatus: async (status) => {
      world.status = status;
    },
    hasHostPermission: async () => world.permitted,
    scheduleRetry: (at) => world.retries.push(at),
    setPeriodicWakeUp: (on) => {
      world.periodic = on;
    },
    timeoutMs: options.timeoutMs ?? 500,
    batchSize: options.batchSize ?? 1,
    backoff: options.backoff ?? { baseMs: 1_000, maxMs: 60_000 },
  });

  /** Drains, moving the clock to each retry time, until nothing waits (or `rounds` run out). */
  async function syncUntilSettled(rounds = 1_000): Promise<number> {
    for (let round = 1; round <= rounds; round += 1) {
      world.clock = Math.max(world.clock, world.status.nextAttemptAt ?? 0);
      await engine.drain();
      if (world.status.state === 'idle' || world.status.state === 'stopped') return round;
    }
    throw new Error(`Sync did not settle in ${rounds} rounds: ${JSON.stringify(world.status)}`);
  }

  return { world, engine, syncUntilSettled };
}
