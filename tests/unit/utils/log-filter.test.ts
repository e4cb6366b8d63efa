import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  facetsOf,
  filterRecords,
  indexRecords,
  MANUAL_SITE,
  normaliseForSearch,
  SORTS,
  sortRecords,
  type LogFilter,
} from '@/utils/log-filter';
import { makeRecords } from '@/tests/support/make-records';

const records = makeRecords(600);
const indexed = indexRecords(records);
const newest = sortRecords(indexed, 'newest');
const find = (change: Partial<LogFilter>) => filterRecords(newest, { ...EMPTY_FILTER, ...change });

describe('learning log search and filters', () => {
  it('with no filter, returns every record in the sorted order', () => {
    expect(find({}).map((r) => r.id)).toEqual(newest.map((item) => item.record.id));
  });

  it('searches title, tags, notes and reflections; every word must match, in any case or accent', () => {
    const hits = find({ text: 'SBAR handover' });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const text = normaliseForSearch(
        [hit.title, hit.tags.join(' '), hit.notes, hit.whatLearned, hit.howWillUse].join(' '),
      );
      expect(text).toContain('sbar');
      expect(text).toContain('handover');
    }
    expect(find({ text: 'supérvision manager' }).length).toBe(
      records.filter((r) => r.notes.includes('supervision')).length,
    );
    expect(find({ text: 'no-such-word-anywhere' })).toEqual([]);
  });

  it('finds right-to-left and emoji titles', () => {
    expect(find({ text: 'الخرف' }).every((r) => r.title.includes('الخرف'))).toBe(true);
    expect(find({ text: '🌱' }).length).toBeGreaterThan(0);
  });

  it('filters by date range (inclusive), type, tag (any case), site and standard', () => {
    const inRange = find({ from: '2026-01-01', to: '2026-06-30' });
    expect(inRange.length).toBe(
      records.filter((r) => r.date >= '2026-01-01' && r.date <= '2026-06-30').length,
    );
    expect(find({ kind: 'workshop' }).every((r) => r.kind === 'workshop')).toBe(true);
    expect(find({ tag: 'Dementia' }).length).toBe(
      records.filter((r) => r.tags.includes('dementia')).length,
    );
    expect(find({ site: 'scie.org.uk' }).every((r) => r.url?.includes('scie.org.uk'))).toBe(true);
    expect(find({ site: MANUAL_SITE }).every((r) => r.origin === 'manual' && !r.url)).toBe(true);
    expect(find({ standard: 'nmc:preserve-safety' }).length).toBe(
      records.filter((r) => r.standards.includes('nmc:preserve-safety')).length,
    );
  });

  it('sorts newest, oldest, longest and by title', () => {
    const dates = sortRecords(indexed, 'oldest').map((i) => i.record.date);
    expect(dates).toEqual([...dates].sort());
    const lengths = sortRecords(indexed, 'longest').map((i) => i.record.creditedSeconds);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    const titles = sortRecords(indexed, 'title').map((i) => i.record.title);
    // Numeric collation: "(2)" before "(10)".
    const handovers = titles.filter((t) => t.startsWith('Handover using SBAR ('));
    const numbers = handovers.map((t) => Number(/\((\d+)\)/.exec(t)![1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('offers the tags, sites and standards in use, most used first', () => {
    const facets = facetsOf(indexed);
    expect(facets.tags).toEqual(expect.arrayContaining(['safeguarding', 'dementia']));
    expect(facets.sites).toContain(MANUAL_SITE);
    expect(facets.standards).toContain('nmc:prioritise-people');
  });

  it('property: results are exactly the records that pass every filter, in sorted order', () => {
    fc.assert(
      fc.property(
        fc.record({
          text: fc.constantFrom('', 'team', 'dementia care', 'x'),
          from: fc.constantFrom('', '2025-01-01'),
          to: fc.constantFrom('', '2026-06-01'),
          kind: fc.constantFrom('', 'blog', 'conference'),
          tag: fc.constantFrom('', 'wellbeing'),
          site: fc.constantFrom('', 'blog.example.org', MANUAL_SITE),
          standard: fc.constantFrom('', 'nmc:practise-effectively'),
        }) as fc.Arbitrary<LogFilter>,
        fc.constantFrom(...SORTS),
        (filter, sort) => {
          const sorted = sortRecords(indexed, sort);
          const results = filterRecords(sorted, filter);
          const order = sorted.map((i) => i.record.id);
          const positions = results.map((r) => order.indexOf(r.id));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          // An independent statement of each rule, record by record.
          for (const { record: r } of sorted) {
            const text = normaliseForSearch(
              [r.title, r.tags.join(' '), r.notes, r.whatLearned, r.howWillUse].join(' '),
            );
            const passes =
              (!filter.from || r.date >= filter.from) &&
              (!filter.to || r.date <= filter.to) &&
              (!filter.kind || r.kind === filter.kind) &&
              (!filter.tag || r.tags.includes(filter.tag)) &&
              (!filter.site ||
                (filter.site === MANUAL_SITE
                  ? !r.url
                  : new URL(r.url ?? 'x:').hostname.replace(/^www\./, '') === filter.site)) &&
              (!filter.standard || r.standards.includes(filter.standard)) &&
              filter.text.split(' ').every((word) => text.includes(word));
            expect(results.includes(r)).toBe(passes);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
