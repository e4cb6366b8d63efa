import { describe, expect, it } from 'vitest';
import { browser } from '#imports';
import {
  createReadingScriptManager,
  scriptingPorts,
  type ReadingScriptPorts,
} from '@/entrypoints/background/reading-script';
import { FRAME_SCRIPT_ID, READING_SCRIPT_ID } from '@/utils/site-access/reading-script';
import {
  ALL_SITES_ORIGIN,
  DEFAULT_SITE_ACCESS,
  type ReadingScriptPlan,
  type SiteAccess,
} from '@/utils/site-access/access';
import { KNOWN_SITE_PATTERNS } from '@/utils/site-access/known-sites';

/** A browser's registered-script store, in memory, that records each call made to it. */
function fakeScripting(initial: { access: SiteAccess; granted: string[] }) {
  const state = { ...initial, registered: null as ReadingScriptPlan | null, calls: [] as string[] };
  const ports: ReadingScriptPorts = {
    loadAccess: async () => state.access,
    grantedOrigins: async () => state.granted,
    registered: async () => state.registered,
    register: async (plan) => {
      // A real browser refuses a second script with the same id.
      if (state.registered) throw new Error('Duplicate script ID');
      await new Promise((resolve) => setTimeout(resolve, 5));
      state.registered = plan;
      state.calls.push('register');
    },
    update: async (plan) => {
      state.registered = plan;
      state.calls.push('update');
    },
    unregister: async () => {
      state.registered = null;
      state.calls.push('unregister');
    },
  };
  return { state, ports };
}

describe('reading script registration', () => {
  it('registers the known sites, follows the learner, and unregisters on pause', async () => {
    const { state, ports } = fakeScripting({
      access: DEFAULT_SITE_ACCESS,
      granted: [...KNOWN_SITE_PATTERNS],
    });
    const manager = createReadingScriptManager(ports);
    await manager.reconcile();
    expect(state.registered?.matches).toEqual([...KNOWN_SITE_PATTERNS]);

    state.access = { ...DEFAULT_SITE_ACCESS, mode: 'all-sites', chosen: true };
    state.granted.push(ALL_SITES_ORIGIN);
    await manager.reconcile();
    expect(state.registered?.matches).toEqual([ALL_SITES_ORIGIN]);

    state.access = { ...state.access, neverWatch: ['example.org'] };
    await manager.reconcile();
    expect(state.registered?.excludeMatches).toContain('*://*.example.org/*');

    state.access = { ...state.access, paused: true };
    await manager.reconcile();
    expect(state.registered).toBeNull();
    expect(state.calls).toEqual(['register', 'update', 'update', 'unregister']);
  });

  it('changes nothing when nothing changed', async () => {
    const { state, ports } = fakeScripting({
      access: DEFAULT_SITE_ACCESS,
      granted: [...KNOWN_SITE_PATTERNS],
    });
    const manager = createReadingScriptManager(ports);
    await manager.reconcile();
    await manager.reconcile();
    expect(state.calls).toEqual(['register']);
  });

  it('never registers twice when changes arrive together, and survives a failed call', async () => {
    const { state, ports } = fakeScripting({
      access: DEFAULT_SITE_ACCESS,
      granted: [...KNOWN_SITE_PATTERNS],
    });
    const manager = createReadingScriptManager(ports);
    const failing = { ...ports, register: async () => Promise.reject(new Error('busy')) };
    await expect(createReadingScriptManager(failing).reconcile()).rejects.toThrow('busy');
    await Promise.all([manager.reconcile(), manager.reconcile(), manager.reconcile()]);
    expect(state.calls).toEqual(['register']);
  });

  it('drops a site whose permission the learner took back in the browser', async () => {
    const access = { ...DEFAULT_SITE_ACCESS, chosen: true, sites: ['learn.example.org'] };
    const { state, ports } = fakeScripting({ access, granted: ['*://learn.example.org/*'] });
    const manager = createReadingScriptManager(ports);
    await manager.reconcile();
    expect(state.registered?.matches).toEqual(['*://learn.example.org/*']);
    state.granted = [];
    await manager.reconcile();
    expect(state.registered).toBeNull();
  });
});

describe('the registered page script, as the browser holds it', () => {
  const plan = { matches: ['https://learning.example.org/*'], excludeMatches: [] };
  const reading = {
    id: READING_SCRIPT_ID,
    js: ['/reading.js'],
    runAt: 'document_idle',
    allFrames: false,
    ...plan,
  };
  /** An older version's frame script, registered in every frame beside the reading script. */
  const olderFrameScript = {
    id: FRAME_SCRIPT_ID,
    js: ['/frame.js'],
    runAt: 'document_idle',
    allFrames: true,
    ...plan,
  };
  const portsHolding = (scripts: unknown[]) => {
    (browser as unknown as { scripting: unknown }).scripting = {
      getRegisteredContentScripts: async () => scripts,
    };
    return scriptingPorts(
      async () => DEFAULT_SITE_ACCESS,
      async () => [],
    );
  };

  it('is taken as registered when it is as this version registers it', async () => {
    expect(await portsHolding([reading]).registered()).toEqual(plan);
  });

  it('is registered again when an older version also registered the frame script', async () => {
    // In every frame of every watched page it cost page loads about 8 % more.
    expect(await portsHolding([reading, olderFrameScript]).registered()).toBeNull();
  });

  it('is registered again when an older version ran it at another time', async () => {
    expect(await portsHolding([{ ...reading, runAt: 'document_end' }]).registered()).toBeNull();
  });
});

describe('registering over an older version', () => {
  it('takes its frame script away when nothing should be registered', async () => {
    // The older registration is not taken as this version's (registered() says none).
    const { state, ports } = fakeScripting({
      access: { ...DEFAULT_SITE_ACCESS, paused: true },
      granted: [],
    });
    await createReadingScriptManager(ports).reconcile();
    expect(state.calls).toEqual(['unregister']);
  });

  it('takes away its frame script and registers the reading script alone', async () => {
    const calls: unknown[] = [];
    (browser as unknown as { scripting: unknown }).scripting = {
      getRegisteredContentScripts: async () => [{ id: READING_SCRIPT_ID }, { id: FRAME_SCRIPT_ID }],
      unregisterContentScripts: async (filter: unknown) => void calls.push(['unregister', filter]),
      registerContentScripts: async (scripts: unknown) => void calls.push(['register', scripts]),
    };
    const ports = scriptingPorts(
      async () => DEFAULT_SITE_ACCESS,
      async () => [],
    );
    await ports.register({ matches: ['https://learning.example.org/*'], excludeMatches: [] });
    expect(calls).toEqual([
      ['unregister', { ids: [READING_SCRIPT_ID, FRAME_SCRIPT_ID] }],
      [
        'register',
        [
          expect.objectContaining({
            id: READING_SCRIPT_ID,
            js: ['/reading.js'],
            allFrames: false,
            matches: ['https://learning.example.org/*'],
          }),
        ],
      ],
    ]);
  });
});
