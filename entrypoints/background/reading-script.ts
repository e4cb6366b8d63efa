import { browser } from '#imports';
import {
  planReadingScript,
  type ReadingScriptPlan,
  type SiteAccess,
} from '@/utils/site-access/access';
import {
  FRAME_SCRIPT_FILE,
  FRAME_SCRIPT_ID,
  READING_SCRIPT_FILE,
  READING_SCRIPT_ID,
} from '@/utils/site-access/reading-script';

/**
 * Keeps the registered page scripts (the reading script and the frame script) equal to what the
 * learner chose and the browser granted. Registered scripts persist across sessions, but the browser drops them
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

/** The two page scripts, registered together with the same matches. */
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
    {
      // In every frame of a watched site, and in the `about:blank`, `srcdoc` and `blob:` frames
      // a watched page makes (they have its origin). Chrome 119 and Firefox 128 take
      // `matchOriginAsFallback` here (https://bugzilla.mozilla.org/show_bug.cgi?id=1853411).
      // At `document_idle`, injected with the reading script: at `document_end` its injection
      // cost a top frame about 8 ms more (docs/performance.md, Page load), and a frame is not
      // watched before the top page has found its resource anyway.
      id: FRAME_SCRIPT_ID,
      js: [FRAME_SCRIPT_FILE],
      matches: plan.matches,
      excludeMatches: plan.excludeMatches,
      runAt: 'document_idle' as const,
      allFrames: true,
      matchOriginAsFallback: true,
      persistAcrossSessions: true,
    },
  ];
}

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
    const plans = SCRIPT_IDS.map((id) => scripts.find((script) => script.id === id)).map(
      (script) =>
        script && { matches: script.matches ?? [], excludeMatches: script.excludeMatches ?? [] },
    );
    const [reading, frame] = plans;
    // Both, with the same matches (an older version registered the reading script alone), and
    // as this version registers them (an older one ran the frame script at another time).
    const wanted = pageScripts({ matches: [], excludeMatches: [] });
    const asWanted = wanted.every((want) => {
      const script = scripts.find((found) => found.id === want.id);
      return script?.runAt === want.runAt && Boolean(script.allFrames) === want.allFrames;
    });
    return reading && frame && samePlan(reading, frame) && asWanted ? reading : null;
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
