import { describe, expect, it } from 'vitest';
import { REGULATOR_IDS, REGULATORS, standardLabel } from '@/utils/profile/regulators';

describe('regulator profiles', () => {
  it('has every regulator, with unique standard ids namespaced by regulator', () => {
    const ids = REGULATOR_IDS.flatMap((id) => REGULATORS[id].standards.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of REGULATOR_IDS) {
      expect(REGULATORS[id].id).toBe(id);
      for (const standard of REGULATORS[id].standards)
        expect(standard.id.startsWith(`${id}:`)).toBe(true);
    }
  });

  it('states the goals the regulators set', () => {
    expect(REGULATORS.nmc.goal).toMatchObject({
      hours: 35,
      participatoryHours: 20,
      cycleMonths: 36,
    });
    expect(REGULATORS.gphc.goal).toMatchObject({ records: 4, plannedRecords: 2, cycleMonths: 12 });
    expect(REGULATORS.sssc.goal.cycleMonths).toBe(12);
    expect(REGULATORS.nmc.standards).toHaveLength(4);
  });

  it('labels standards with their source, and shows unknown ids as they are', () => {
    expect(standardLabel('nmc:preserve-safety')).toBe('Preserve safety (The Code)');
    expect(standardLabel('xyz:1')).toBe('xyz:1');
  });
});
