import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoDuration } from '@/utils/export/iso-duration';
import { actorFrom, EXTENSION, recordToStatement, VERBS } from '@/utils/export/xapi';
import { makeRecords } from '@/tests/support/make-records';
import { recordArbitrary } from '@/tests/support/record-arbitrary';
import { secondsOfDuration, StatementRule } from '@/tests/support/xapi-rules';

const email = actorFrom({ name: 'Sam Nurse', email: 'sam@example.org' })!;
const account = actorFrom({
  account: { homePage: 'https://lms.example.org', name: 'sam.nurse' },
})!;

describe('xAPI statements', () => {
  it('writes ISO 8601 durations', () => {
    expect(toIsoDuration(0)).toBe('PT0S');
    expect(toIsoDuration(45)).toBe('PT45S');
    expect(toIsoDuration(312)).toBe('PT5M12S');
    expect(toIsoDuration(3600)).toBe('PT1H');
    expect(toIsoDuration(5400)).toBe('PT1H30M');
  });

  it('builds the actor from an account, else an email, else nothing', () => {
    expect(email).toEqual({
      objectType: 'Agent',
      name: 'Sam Nurse',
      mbox: 'mailto:sam@example.org',
    });
    expect(account).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://lms.example.org', name: 'sam.nurse' },
    });
    expect(actorFrom({ name: 'No identifier' })).toBeUndefined();
  });

  it('maps a page record met in time to "completed", with the record’s facts', () => {
    const [record] = makeRecords(20).filter((r) => r.origin === 'page');
    const page = { ...record!, recordedEarly: false, spentSeconds: 330, creditedSeconds: 300 };
    const statement = recordToStatement(page, email);
    expect(statement).toMatchObject({
      id: page.id,
      verb: VERBS.completed,
      object: {
        id: page.url,
        definition: {
          name: { 'en-GB': page.title },
          type: 'http://adlnet.gov/expapi/activities/media',
          moreInfo: page.url,
        },
      },
      result: { duration: 'PT5M30S', completion: true },
      context: { platform: 'Learnlog', language: 'en-GB' },
    });
    expect(statement.context.extensions[EXTENSION.creditedDuration]).toBe('PT5M');
    expect(statement.result.response).toContain(page.whatLearned);
  });

  it('uses "experienced" for a record made before the stated duration, and a URN for manual entries without an address', () => {
    const [record] = makeRecords(1);
    expect(recordToStatement({ ...record!, recordedEarly: true }, email).verb).toEqual(
      VERBS.experienced,
    );
    const { url: _url, ...manual } = {
      ...record!,
      origin: 'manual' as const,
      kind: 'course' as const,
    };
    const statement = recordToStatement(manual, account);
    expect(statement.object.id).toBe(`urn:uuid:${record!.id}`);
    expect(statement.object.definition.type).toBe('http://adlnet.gov/expapi/activities/course');
    expect('moreInfo' in statement.object.definition).toBe(false);
  });

  it('property: every statement keeps the xAPI 1.0.3 rules and says the time spent', () => {
    fc.assert(
      fc.property(recordArbitrary, fc.constantFrom(email, account), (record, actor) => {
        const statement = recordToStatement(record, actor);
        const checked = StatementRule.safeParse(statement);
        expect(checked.error?.issues ?? []).toEqual([]);
        expect(secondsOfDuration(statement.result.duration)).toBe(
          record.spentSeconds ?? record.creditedSeconds,
        );
        expect(statement.timestamp.slice(0, 10)).toBe(record.date);
      }),
      { numRuns: 300 },
    );
  });

  it('the rules refuse what an LRS would', () => {
    const [record] = makeRecords(1);
    const good = recordToStatement(record!, email);
    expect(StatementRule.safeParse(good).success).toBe(true);
    expect(StatementRule.safeParse({ ...good, actor: { objectType: 'Agent' } }).success).toBe(
      false,
    );
    expect(StatementRule.safeParse({ ...good, result: { duration: '5 minutes' } }).success).toBe(
      false,
    );
    expect(StatementRule.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(
      StatementRule.safeParse({ ...good, verb: { id: 'completed', display: { 'en-GB': 'x' } } })
        .success,
    ).toBe(false);
  });
});
