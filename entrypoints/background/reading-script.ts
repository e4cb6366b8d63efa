import { browser } from '#imports';
import {
  planReadingScript,
  type ReadingScriptPlan,
  type SiteAccess,
} from '@/utils/site-access/access';
import {
  FRAME_SCRIPT_ID,
  READING_SCRIPT_FILE,
  READING_SCRIPT_ID,
} from '@/utils/site-access/reading-script';

/**
 * Keeps the registered reading script equal to what the learner chose and the browser granted.
 * Registered scripts persist across sessions, but the browser drops them when the extension is
 * updated and keeps them when a permission is taken back, so this runs
 * whenever the worker starts, on install and update, and whenever the choice or a permission
 * changes. Calls are queued: two quick changes never register twice.
 */
export interface ReadingScriptPorts {
  loadAccess(): Promise<SiteAccess>;
  grantedOrigins(): Promise<string[]>;
  /** The registered script's matches, or null when none is registered as this version would. */
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
      // Asked even when nothing seems registered: what an older version left (its frame
      // script) is not taken as registered, and must go too. Unregistering nothing is cheap.
      await ports.unregister();
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

/**
 * The one registered page script. The frame script is not registered: the background injects
 * it into a tab's frames only once the tab shows a resource (`entrypoints/background/frames.ts`),
 * so the frames of every other page (most of the web: ads, beacons, embeds) never run it.
 * Registered with `allFrames` beside the reading script, it cost page loads about 8 % more on
 * the corpus pages with many frames (docs/performance.md, Page load).
 */
function pageScripts(plan: ReadingScriptPlan) {
  return [
    {
      id: READING_SCRIPT_ID,
      js: [READING_SCRIPT_FILE],
      matches: plan.matches,
      excludeMatches: plan.excludeMatches,
      runAt: 'document_idle' as const,
      allFrames: false,
      persistAcrossSessions: true,
    },
  ];
}

/** Every id this version or an older one registered (older ones registered the frame script). */
const SCRIPT_IDS = [READING_SCRIPT_ID, FRAME_SCRIPT_ID];

/** The ports over `browser.scripting`. */
export const scriptingPorts = (
  loadAccess: () => Promise<SiteAccess>,
  grantedOrigins: () => Promise<string[]>,
): ReadingScriptPorts => ({
  loadAccess,
  grantedOrigins,
  async registered() {
    const scripts = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
    const [wanted] = pageScripts({ matches: [], excludeMatches: [] });
    const reading = scripts.find((script) => script.id === READING_SCRIPT_ID);
    // Registered as this version registers it, and nothing else: an older version's frame
    // script, or its reading script at another time, is replaced.
    const asWanted =
      reading?.runAt === wanted!.runAt &&
      Boolean(reading.allFrames) === wanted!.allFrames &&
      scripts.length === 1;
    return reading && asWanted
      ? { matches: reading.matches ?? [], excludeMatches: reading.excludeMatches ?? [] }
      : null;
  },
  async register(plan) {
    // Whatever is left of an older registration goes first: an id cannot be registered twice.
    const left = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
    if (left.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: left.map((script) => script.id) });
    await browser.scripting.registerContentScripts(pageScripts(plan));
  },
  async update(plan) {
    await browser.scripting.updateContentScripts(
      pageScripts(plan).map(({ id, js, matches, excludeMatches }) => ({
        id,
        js,
        matches,
        excludeMatches,
      })),
    );
  },
  async unregister() {
    const left = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
    if (left.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: left.map((script) => script.id) });
  },
});
