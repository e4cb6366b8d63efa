import { browser } from '#imports';
import {
  planReadingScript,
  type ReadingScriptPlan,
  type SiteAccess,
} from '@/utils/site-access/access';
import { READING_SCRIPT_FILE, READING_SCRIPT_ID } from '@/utils/site-access/reading-script';

/**
 * Keeps the one registered reading script equal to what the learner chose and the browser
 * granted. Registered scripts persist across sessions, but the browser drops them
 * when the extension is updated and keeps them when a permission is taken back, so this runs
 * whenever the worker starts, on install and update, and whenever the choice or a permission
 * changes. Calls are queued: two quick changes never register twice.
 */
export interface ReadingScriptPorts {
  loadAccess(): Promise<SiteAccess>;
  grantedOrigins(): Promise<string[]>;
  /** The registered script's matches, or null when none is registered. */
  registered(): Promise<ReadingScriptPlan | null>;
  register(plan: ReadingScriptPlan): Promise<void>;
  update(plan: ReadingScriptPlan): Promise<void>;
  unregister(): Promise<void>;
}

const samePlan = (a: ReadingScriptPlan, b: ReadingScriptPlan) =>
  JSON.stringify([[...a.matches].sort(), [...a.excludeMatches].sort()]) ===
  JSON.stringify([[...b.matches].sort(), [...b.excludeMatches].sort()]);

export function createReadingScriptManager(ports: ReadingScriptPorts) {
  let queue: Promise<unknown> = Promise.resolve();

  async function reconcile(): Promise<ReadingScriptPlan | null> {
    const [access, granted, current] = await Promise.all([
      ports.loadAccess(),
      ports.grantedOrigins(),
      ports.registered(),
    ]);
    const plan = planReadingScript(access, granted);
    if (!plan) {
      if (current) await ports.unregister();
    } else if (!current) {
      await ports.register(plan);
    } else if (!samePlan(plan, current)) {
      await ports.update(plan);
    }
    return plan;
  }

  return {
    /** Brings the registration in line; resolves with the plan now in force. */
    reconcile(): Promise<ReadingScriptPlan | null> {
      const run = queue.then(reconcile, reconcile);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** The ports over `browser.scripting`. */
export const scriptingPorts = (
  loadAccess: () => Promise<SiteAccess>,
  grantedOrigins: () => Promise<string[]>,
): ReadingScriptPorts => ({
  loadAccess,
  grantedOrigins,
  async registered() {
    const [script] = await browser.scripting.getRegisteredContentScripts({
      ids: [READING_SCRIPT_ID],
    });
    return script
      ? { matches: script.matches ?? [], excludeMatches: script.excludeMatches ?? [] }
      : null;
  },
  async register(plan) {
    await browser.scripting.registerContentScripts([
      {
        id: READING_SCRIPT_ID,
        js: [READING_SCRIPT_FILE],
        matches: plan.matches,
        excludeMatches: plan.excludeMatches,
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  },
  async update(plan) {
    await browser.scripting.updateContentScripts([
      {
        id: READING_SCRIPT_ID,
        js: [READING_SCRIPT_FILE],
        matches: plan.matches,
        excludeMatches: plan.excludeMatches,
      },
    ]);
  },
  async unregister() {
    await browser.scripting.unregisterContentScripts({ ids: [READING_SCRIPT_ID] });
  },
});
