import type { ScriptContext } from '@/utils/page/script-context';
import type { ResourceDetection } from '@/utils/detection/schema';
import type {
  CountingHint,
  MessageRequest,
  MessageResponse,
  MessageType,
  ProgressSnapshot,
} from '@/utils/messages/protocol';
import { MAX_HINT_MS } from '@/utils/messages/reading-port';
import { createTimeAccountant, type AttentionState } from '@/utils/tracking/accountant';
import { readinessOf } from '@/utils/tracking/readiness';

/**
 * While counting, report at least this often: what the page counted is never more than a few
 * seconds from being kept (a crash or a closed tab loses at most this much).
 */
const REPORT_EVERY_MS = 5_000;
/** A step longer than this between looks at the clock is a frozen tab or system sleep. */
const MAX_STEP_MS = REPORT_EVERY_MS * 2;
/** At most one wake-up a second while visible. */
const MIN_DELAY_MS = 1_000;
const DEFAULT_IDLE_MS = 60_000;

/** The open end of the reading port (see utils/messages/reading-port.ts). */
export interface ReadingPortEnd {
  postMessage(message: CountingHint): void;
  disconnect(): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/** What a session needs from its page and the extension, injected so each rule can be tested. */
export interface SessionPorts {
  context: Pick<ScriptContext, 'signal' | 'setTimeout' | 'clearTimeout'>;
  send: <T extends MessageType>(type: T, data: MessageRequest<T>) => Promise<MessageResponse<T>>;
  connect: () => ReadingPortEnd;
  /** Monotonic milliseconds. */
  now: () => number;
  readAttention: () => AttentionState;
  /** Calls `onChange` after each trusted event that may change attention (read it afresh). */
  watchAttention: (signal: AbortSignal, onChange: () => void) => void;
  /** Listens for the page going away (reload, navigation, tab closed); trusted events only. */
  onPageHide: (signal: AbortSignal, handler: () => void) => void;
  /** The background heard the resource announced: it now shows it for the tab. */
  onHeard: (url: string) => void;
}

export interface ReadingSession {
  readonly url: string;
  readonly detection: ResourceDetection;
  /** Newer information about the same resource (e.g. its video's length became known). */
  update(detection: ResourceDetection): void;
  /** A trusted input event: the reader is present (or was at `at`, heard in a frame). */
  input(at?: number): void;
  /** Something the page's attention depends on changed (a frame's media): read it afresh. */
  attentionChanged(): void;
  stop(): void;
}

/**
 * One visit to one resource: feeds browser attention events to the time accountant and reports
 * counted time to the background, which keeps it. Timers run only while time is counting, so a
 * hidden tab costs nothing. The page's state is read afresh before every report, so media that
 * stopped being audible without an event the page's document hears (a player removed from the
 * page) stops standing in for the reader at the next report at the latest.
 */
export function startReadingSession(
  ports: SessionPorts,
  initial: ResourceDetection,
  /** The page's last trusted input, kept across single-page navigations (monotonic ms). */
  lastInputAt: number,
): ReadingSession {
  let detection = initial;
  const accountant = createTimeAccountant({
    now: ports.now,
    maxStepMs: MAX_STEP_MS,
    // Until the background says otherwise (the learner's setting).
    idleMs: DEFAULT_IDLE_MS,
    initial: ports.readAttention(),
    lastInputAt,
  });
  let snapshot: ProgressSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function schedule(): void {
    ports.context.clearTimeout(timer);
    timer = undefined;
    if (stopped || !accountant.isCounting()) return;
    // Report on time, exactly when the required time is reached (so the badge turns promptly),
    // and when the reader becomes idle (so the stretch just counted is reported as it ends).
    const readiness = snapshot
      ? readinessOf({
          spentMs: snapshot.spentMs + accountant.peek(),
          requiredMs: snapshot.requiredMs,
        })
      : undefined;
    const delay = Math.min(
      REPORT_EVERY_MS,
      readiness && !readiness.ready ? readiness.remainingMs + 50 : Infinity,
      accountant.msUntilIdle() + 50,
    );
    timer = ports.context.setTimeout(() => report(), Math.max(MIN_DELAY_MS, delay));
  }

  /** The reading port, opened again if the worker restarted. */
  let port: ReadingPortEnd | undefined;
  function hint(countingForMs: number): void {
    try {
      port ??= openPort();
      port.postMessage({
        type: 'content:counting-hint',
        data: { url: detection.url, countingForMs },
      });
    } catch {
      port = undefined;
    }
  }
  function openPort(): ReadingPortEnd {
    const opened = ports.connect();
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
    });
    return opened;
  }

  function report(final = false): void {
    // The page as it is now: media may have stopped (or been removed) without an event.
    if (!stopped) accountant.update(ports.readAttention());
    // Until the background has acknowledged the resource, time stays with the accountant (the
    // background bounds the first report by the wall time since it heard the page). Not heard
    // yet (paused when the page opened): ask again, so counting starts once the learner resumes.
    if (!snapshot) {
      if (!final) {
        announce();
        schedule();
      }
      return;
    }
    const countedMs = accountant.take();
    schedule();
    // Promise the background how long this page goes on counting if it hears nothing more.
    const countingFor =
      !final && accountant.isCounting() ? Math.min(MAX_HINT_MS, accountant.msUntilIdle()) : 0;
    if (countedMs === 0 && countingFor === 0 && !final) return;
    if (countedMs > 0) void sendCounted(countedMs);
    // The last report of a page that is going leaves its promise standing: a closing tab's
    // messages may be lost (Firefox), and the background then counts what the promise covers,
    // less anything a report that did arrive already counted.
    if (!final) hint(Math.floor(countingFor));
  }

  async function sendCounted(countedMs: number): Promise<void> {
    try {
      const reply = await ports.send('content:time-counted', { url: detection.url, countedMs });
      if (reply) snapshot = reply;
      // Not heard: the learner paused Learnlog or stopped this site, and the time is not theirs
      // to keep. Announce again, so counting resumes when they turn it back on — unless this
      // visit has ended (the page moved on): its resource is no longer this tab's.
      else announce();
    } catch {
      // The extension was reloaded or the worker is starting: the time is lost only for this
      // report; the script's context ends the session if the extension is gone.
    }
    schedule();
  }

  // Listeners end with the session, or with the script's copy.
  const ended = new AbortController();
  const signal = AbortSignal.any([ended.signal, ports.context.signal]);
  /** The page is going (or went into the back-forward cache): nothing is announced meanwhile. */
  let leaving = false;
  function attentionChanged(): void {
    if (stopped) return;
    const wasCounting = accountant.isCounting();
    accountant.update(ports.readAttention());
    // Report when counting starts or stops; a volume or rate change that changes neither waits
    // for the next report, so a player's stream of media events does not become messages.
    if (accountant.isCounting() !== wasCounting) report();
    else schedule();
  }
  ports.watchAttention(signal, () => {
    // Any attention change after a pagehide is the page back (from the back-forward cache).
    leaving = false;
    attentionChanged();
  });
  // The last chance to report before the page goes (reload, navigation, tab closed).
  ports.onPageHide(signal, () => {
    report(true);
    leaving = true;
  });

  let announcing = false;
  function announce(): void {
    if (announcing || stopped || leaving) return;
    announcing = true;
    void ports
      .send('content:resource-detected', { detection })
      .finally(() => {
        announcing = false;
      })
      .then((reply) => {
        // Not heard (paused, site stopped): keep what we had and ask again at the next report.
        if (!reply || stopped) return;
        snapshot = reply;
        accountant.setIdleMs(reply.idleMs);
        schedule();
        ports.onHeard(detection.url);
      })
      .catch(() => undefined);
  }
  announce();

  return {
    url: initial.url,
    get detection() {
      return detection;
    },
    update(next) {
      if (JSON.stringify(next) === JSON.stringify(detection)) return;
      detection = next;
      report();
      announce();
    },
    attentionChanged,
    input(at) {
      const wasCounting = accountant.isCounting();
      // Not counting: the page's focus may have come back without an event the page hears
      // (into a frame, such as a player the learner clicked into before leaving the tab), so
      // it is read afresh. While counting, input only renews presence (no DOM reads per move).
      if (!wasCounting && !stopped) accountant.update(ports.readAttention());
      accountant.input(at);
      // Back from idle: counting (and its report timer) resumes. Otherwise nothing to do.
      if (!wasCounting && accountant.isCounting()) schedule();
    },
    stop() {
      if (stopped) return;
      report(true);
      port?.disconnect();
      stopped = true;
      ended.abort();
      ports.context.clearTimeout(timer);
    },
  };
}
