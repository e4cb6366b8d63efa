import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReadingSession, type SessionPorts } from '@/entrypoints/reading/reading-session';
import { startScriptContext } from '@/utils/page/script-context';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { AttentionState } from '@/utils/tracking/accountant';

const detection: ResourceDetection = {
  title: 'Supporting people through change',
  url: 'https://learning.example.org/blog/change',
  kind: 'blog',
  stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
  durationSeconds: 300,
};
const snapshot = { url: detection.url, spentMs: 0, requiredMs: 300_000, idleMs: 60_000 };

/** A page and an extension as the session sees them, under the test's control. */
function harness() {
  let clock = 0;
  let attention: AttentionState = {
    visible: true,
    focused: true,
    mediaPlaying: false,
    mediaLengthMs: 0,
  };
  let heard = true;
  const sent: { type: string; data: unknown }[] = [];
  const heardFor: string[] = [];
  const hints: number[] = [];
  let pageHide: () => void = () => undefined;
  let attentionChanged: () => void = () => undefined;
  const context = startScriptContext({
    runtimeId: () => 'learnlog',
    scriptGlobal: {},
    location: () => detection.url,
  });
  const ports: SessionPorts = {
    context,
    send: (async (type: string, data: unknown) => {
      sent.push({ type, data });
      if (!heard) return null;
      return type === 'content:resource-detected'
        ? snapshot
        : { ...snapshot, spentMs: (data as { countedMs: number }).countedMs };
    }) as SessionPorts['send'],
    connect: () => ({
      postMessage: (message) => hints.push(message.data.countingForMs),
      disconnect: () => undefined,
      onDisconnect: { addListener: () => undefined },
    }),
    now: () => clock,
    readAttention: () => attention,
    watchAttention: (_signal, onChange) => {
      attentionChanged = onChange;
    },
    onPageHide: (_signal, handler) => {
      pageHide = handler;
    },
    onHeard: (url) => heardFor.push(url),
  };
  return {
    ports,
    sent,
    heardFor,
    hints,
    of: (type: string) => sent.filter((message) => message.type === type),
    async advance(ms: number) {
      for (let left = ms; left > 0; left -= 100) {
        clock += Math.min(100, left);
        await vi.advanceTimersByTimeAsync(Math.min(100, left));
      }
    },
    setAttention(change: Partial<AttentionState>) {
      attention = { ...attention, ...change };
    },
    refuse() {
      heard = false;
    },
    hide: () => pageHide(),
    attentionChanged: () => attentionChanged(),
  };
}

const counted = (messages: { data: unknown }[]) =>
  messages.reduce((sum, message) => sum + (message.data as { countedMs: number }).countedMs, 0);

describe('a reading session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports the time counted while the reader is there, at least every five seconds', async () => {
    const page = harness();
    startReadingSession(page.ports, detection, 0);
    await page.advance(12_000);
    expect(page.of('content:time-counted').length).toBeGreaterThanOrEqual(2);
    expect(counted(page.of('content:time-counted'))).toBeGreaterThanOrEqual(10_000);
  });

  it('once ended, does not announce its resource again when its last report is refused', async () => {
    const page = harness();
    const session = startReadingSession(page.ports, detection, 0);
    await page.advance(3_000);
    // The page moves on (single-page navigation); the background refuses the last report,
    // say because the learner paused meanwhile.
    page.refuse();
    session.stop();
    await page.advance(10_000);
    // Announcing now would put the old resource back on the tab, which shows another page.
    expect(page.of('content:resource-detected')).toHaveLength(1);
  });

  it('a page going away does not announce its resource again when its last report is refused', async () => {
    const page = harness();
    startReadingSession(page.ports, detection, 0);
    await page.advance(3_000);
    // The tab navigates: the background forgot its resource as the load began, so the report
    // sent on pagehide is refused. Announcing would put the old resource back on the tab.
    page.refuse();
    page.hide();
    await page.advance(10_000);
    expect(page.of('content:resource-detected')).toHaveLength(1);
  });

  it('a live session that is refused announces again, so it counts again once heard', async () => {
    const page = harness();
    startReadingSession(page.ports, detection, 0);
    await page.advance(2_000);
    page.refuse();
    await page.advance(6_000);
    expect(page.of('content:resource-detected').length).toBeGreaterThan(1);
  });

  it('says when the background has heard its resource, and not before or when refused', async () => {
    const page = harness();
    page.refuse();
    startReadingSession(page.ports, detection, 0);
    expect(page.heardFor).toEqual([]);
    await page.advance(1_000);
    expect(page.heardFor).toEqual([]);
    const heard = harness();
    startReadingSession(heard.ports, detection, 0);
    await heard.advance(100);
    expect(heard.heardFor).toEqual([detection.url]);
  });

  it('media that stops being audible without an event stops standing in for the reader', async () => {
    const page = harness();
    // A long video plays with sound; the reader's last input was at the start.
    page.setAttention({ mediaPlaying: true, mediaLengthMs: 3_600_000 });
    startReadingSession(page.ports, detection, 0);
    await page.advance(120_000);
    const whilePlaying = counted(page.of('content:time-counted'));
    expect(whilePlaying).toBeGreaterThanOrEqual(115_000);
    // The page removes its player while it plays: no pause reaches the document's listeners.
    // The next report reads the page afresh, and counting stops from there.
    page.setAttention({ mediaPlaying: false, mediaLengthMs: 0 });
    await page.advance(60_000);
    const after = counted(page.of('content:time-counted')) - whilePlaying;
    expect(after).toBeLessThanOrEqual(5_100);
  });

  it('a stream of media events that changes nothing sends nothing; one that stops counting reports', async () => {
    const page = harness();
    startReadingSession(page.ports, detection, 0);
    await page.advance(2_000);
    const before = page.sent.length;
    // A player fires volume and rate events many times a second while the reader reads.
    for (let index = 0; index < 50; index++) {
      page.attentionChanged();
      await page.advance(20);
    }
    expect(page.sent.length).toBe(before);
    // The tab is hidden: counting stops, and the stretch is reported at once.
    page.setAttention({ visible: false });
    page.attentionChanged();
    await page.advance(0);
    expect(page.sent.length).toBe(before + 1);
    expect(counted(page.of('content:time-counted'))).toBeGreaterThanOrEqual(2_900);
  });

  it("a page's last report leaves its promise standing, in case the report is lost", async () => {
    const page = harness();
    startReadingSession(page.ports, detection, 0);
    await page.advance(7_000);
    expect(page.hints.at(-1)).toBeGreaterThan(0);
    const promised = page.hints.length;
    page.hide();
    // The counted time is sent, but no "stopped" hint that would cancel the promise.
    expect(page.hints).toHaveLength(promised);
    // Hidden first (not counting), the page's promise is already withdrawn.
    const other = harness();
    startReadingSession(other.ports, detection, 0);
    await other.advance(7_000);
    other.setAttention({ visible: false });
    other.attentionChanged();
    expect(other.hints.at(-1)).toBe(0);
  });

  it('input after the focus came back without an event (into a frame) counts again', async () => {
    const page = harness();
    const session = startReadingSession(page.ports, detection, 0);
    await page.advance(2_000);
    // The tab is left and comes back; the focus returns into the player frame, so the page
    // hears its visibility change while it is not yet focused, and no focus event after.
    page.setAttention({ visible: false, focused: false });
    page.attentionChanged();
    page.setAttention({ visible: true, focused: false });
    page.attentionChanged();
    await page.advance(5_000);
    const before = counted(page.of('content:time-counted'));
    page.setAttention({ focused: true });
    // The learner works in the player: its input reaches the session.
    for (let index = 0; index < 5; index++) {
      session.input();
      await page.advance(2_000);
    }
    await page.advance(1_000);
    expect(counted(page.of('content:time-counted')) - before).toBeGreaterThanOrEqual(9_000);
  });

  it('sends what it counted when the page goes', async () => {
    const page = harness();
    startReadingSession(page.ports, detection, 0);
    await page.advance(2_500);
    page.hide();
    await page.advance(0);
    expect(counted(page.of('content:time-counted'))).toBe(2_500);
  });
});
