import { describe, expect, it } from 'vitest';
import type { ResourceProgress } from '@/utils/db/tables';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { snapshotFor } from '@/utils/tracking/snapshot';

const progress: ResourceProgress = {
  url: 'https://learning.example.org/blog/change',
  title: 'Supporting people through change',
  kind: 'blog',
  stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
  durationSeconds: 300,
  spentMs: 42_000,
  countedUntil: 1_795_000_000_000,
  firstSeenAt: 1_794_990_000_000,
  lastSeenAt: 1_795_000_000_000,
};

describe('snapshotFor: what a reading script is told', () => {
  it('gives the time spent, the time required after the learner’s percentage, and the idle time', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      tracking: { ...DEFAULT_SETTINGS.tracking, idleSeconds: 15, requiredPercent: 50 },
      identity: { name: 'A Learner', email: 'learner@example.org' },
    };
    expect(snapshotFor(progress, settings)).toEqual({
      url: progress.url,
      spentMs: 42_000,
      requiredMs: 150_000,
      idleMs: 15_000,
    });
  });

  it('holds nothing else: no title, identity, settings or wall-clock marks reach the page', () => {
    expect(Object.keys(snapshotFor(progress, DEFAULT_SETTINGS)).sort()).toEqual([
      'idleMs',
      'requiredMs',
      'spentMs',
      'url',
    ]);
  });
});
