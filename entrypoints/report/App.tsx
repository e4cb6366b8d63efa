import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { getDatabase } from '@/utils/db/database';
import { liveRecords } from '@/utils/db/records-store';
import { formatUkDate, localIsoDate } from '@/utils/iso-date';
import { createLiveQuery } from '@/utils/live-query';
import { REGULATORS, standardLabel } from '@/utils/profile/regulators';
import {
  describeCycleProgress,
  recordFacts,
  REPORT_PERIOD_LABELS,
  REPORT_PERIODS,
  reportFor,
  reportTime,
  type ReportPeriod,
} from '@/utils/report';
import { loadSettings } from '@/utils/settings-store';

/**
 * The printable CPD report: print it, or save it as a PDF from the print dialogue. What it says
 * is worked out in utils/report.ts; this page lays it out.
 */
export default function App() {
  const db = getDatabase();
  const today = localIsoDate(new Date());
  const [settings] = createResource(loadSettings);
  const records = createLiveQuery(
    () => db,
    (database) => liveRecords(database),
    undefined,
  );
  const [period, setPeriod] = createSignal<ReportPeriod>('cycle');
  const [from, setFrom] = createSignal(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = createSignal(today);

  const report = createMemo(() => {
    const current = settings();
    const all = records();
    if (!current || !all) return undefined;
    return reportFor(all, current.profile, period(), { from: from(), to: to() }, today);
  });

  return (
    <main class="report">
      <div class="report__controls no-print">
        <div>
          <label for="report-period">Period</label>
          <select
            id="report-period"
            value={period()}
            onChange={(e) => setPeriod(e.currentTarget.value as ReportPeriod)}
          >
            <For each={REPORT_PERIODS}>
              {(option) => <option value={option}>{REPORT_PERIOD_LABELS[option]}</option>}
            </For>
          </select>
        </div>
        <Show when={period() === 'custom'}>
          <div>
            <label for="report-from">From</label>
            <input
              id="report-from"
              type="date"
              value={from()}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for="report-to">To</label>
            <input
              id="report-to"
              type="date"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </div>
        </Show>
        <button type="button" onClick={() => window.print()} data-testid="print-report">
          Print or save as PDF
        </button>
      </div>
      <Show when={report() && settings()} fallback={<p class="muted">Preparing your report…</p>}>
        {(_) => {
          const current = () => report()!;
          const profile = () => settings()!.profile;
          const regulator = () => REGULATORS[profile().regulator];
          return (
            <article data-testid="report">
              <h1>Continuing professional development record</h1>
              <dl class="report__facts">
                <dt>Name</dt>
                <dd dir="auto">{settings()!.identity.name ?? '—'}</dd>
                <dt>Regulator</dt>
                <dd>{regulator().name}</dd>
                <dt>Period</dt>
                <dd data-testid="report-period">{current().rangeLabel}</dd>
                <dt>Produced</dt>
                <dd>{formatUkDate(today)}, by Learnlog from the learner’s own records</dd>
              </dl>
              <h2>Summary</h2>
              <table data-testid="report-summary">
                <tbody>
                  <tr>
                    <th scope="row">Records</th>
                    <td>{current().recordCount}</td>
                  </tr>
                  <tr>
                    <th scope="row">CPD time</th>
                    <td>{reportTime(current().seconds)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Participatory time</th>
                    <td>{reportTime(current().participatorySeconds)}</td>
                  </tr>
                  <Show when={regulator().asksPlanned}>
                    <tr>
                      <th scope="row">Planned learning</th>
                      <td>{current().plannedRecords} records</td>
                    </tr>
                  </Show>
                </tbody>
              </table>
              <p data-testid="report-goal">
                <strong>Goal: </strong>
                {describeCycleProgress(current(), profile())}
              </p>
              <Show when={current().standards.length > 0}>
                <h2>{regulator().standardsName}</h2>
                <ul>
                  <For each={current().standards}>
                    {(standard) => (
                      <li>
                        {standardLabel(standard.id)}: {standard.records}{' '}
                        {standard.records === 1 ? 'record' : 'records'}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <h2>Records</h2>
              <Show
                when={current().recordCount > 0}
                fallback={<p>No learning recorded in this period.</p>}
              >
                <For each={current().months}>
                  {(month) => (
                    <section>
                      <h3 class="report__month">
                        {month.label} · {reportTime(month.seconds)}
                      </h3>
                      <For each={month.records}>
                        {(record) => (
                          <div class="report__record" data-testid="report-record">
                            <h4 dir="auto">{record.title}</h4>
                            <div class="muted">{recordFacts(record, profile())}</div>
                            <dl>
                              <Show when={record.whatLearned}>
                                <dt>What I learned</dt>
                                <dd dir="auto">{record.whatLearned}</dd>
                              </Show>
                              <Show when={record.howWillUse}>
                                <dt>How it changes my practice</dt>
                                <dd dir="auto">{record.howWillUse}</dd>
                              </Show>
                              <Show when={record.standards.length > 0}>
                                <dt>Relates to</dt>
                                <dd>{record.standards.map(standardLabel).join('; ')}</dd>
                              </Show>
                              <Show when={record.notes}>
                                <dt>Notes</dt>
                                <dd dir="auto">{record.notes}</dd>
                              </Show>
                              <Show when={record.url}>
                                <dt>Source</dt>
                                <dd>{record.url}</dd>
                              </Show>
                            </dl>
                          </div>
                        )}
                      </For>
                    </section>
                  )}
                </For>
              </Show>
            </article>
          );
        }}
      </Show>
    </main>
  );
}
