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

describe('the registered page scripts, as the browser holds them', () => {
  const plan = { matches: ['https://learning.example.org/*'], excludeMatches: [] };
  /** The browser's answer to getRegisteredContentScripts, with the frame script run at `runAt`. */
  const holding = (runAt: string) => [
    {
      id: READING_SCRIPT_ID,
      js: ['/reading.js'],
      runAt: 'document_idle',
      allFrames: false,
      ...plan,
    },
    { id: FRAME_SCRIPT_ID, js: ['/frame.js'], runAt, allFrames: true, ...plan },
  ];
  const portsHolding = (scripts: unknown[]) => {
    (browser as unknown as { scripting: unknown }).scripting = {
      getRegisteredContentScripts: async () => scripts,
    };
    return scriptingPorts(
      async () => DEFAULT_SITE_ACCESS,
      async () => [],
    );
  };

  it('are taken as registered when both are as this version registers them', async () => {
    expect(await portsHolding(holding('document_idle')).registered()).toEqual(plan);
  });

  it('are registered again when an older version ran the frame script at another time', async () => {
    // At document_end the frame script cost each top frame about 8 ms more.
    expect(await portsHolding(holding('document_end')).registered()).toBeNull();
  });

  it('are registered again when only the reading script is there', async () => {
    expect(await portsHolding(holding('document_idle').slice(0, 1)).registered()).toBeNull();
  });
});
