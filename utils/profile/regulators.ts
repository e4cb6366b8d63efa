/**
 * What each regulator asks of a learner's CPD record: the reflection prompts, the
 * standards or code themes a record can relate to, and the goal for a cycle. Plain data, so the
 * popup, the log and the report all say the same thing.
 *
 * Sources (as published when this was written; see docs/records.md, "Profiles, goals and regulators"):
 * - NMC: Revalidation — 35 hours of CPD over three years, 20 of them participatory; reflective
 *   accounts relate learning to the four themes of The Code (2015, updated 2018).
 * - HCPC: Standards of continuing professional development; CPD related to the Standards of
 *   conduct, performance and ethics (2016); registration renews every two years. No set hours.
 * - SSSC: Codes of Practice for Social Service Workers (2016); continuous professional learning
 *   recorded each year. The hours are the learner's (or their employer's) to set.
 * - GMC: Good medical practice (2024) domains; appraisal every year, no set hours (medical royal
 *   colleges commonly suggest 50 credits a year).
 * - GPhC: Revalidation — four CPD records a year, at least two of them planned learning;
 *   Standards for pharmacy professionals (2017).
 */

export const REGULATOR_IDS = ['none', 'nmc', 'hcpc', 'sssc', 'gmc', 'gphc'] as const;
export type RegulatorId = (typeof REGULATOR_IDS)[number];

export interface Standard {
  /** Stable id stored on records, namespaced by regulator (e.g. `nmc:prioritise-people`). */
  id: string;
  label: string;
}

/** How a cycle's goal is counted. */
export type GoalRule =
  | {
      kind: 'hours';
      /** Fixed by the regulator; undefined when the learner sets it. */
      hours?: number;
      participatoryHours?: number;
      cycleMonths: number;
      /** Whether the learner may change the cycle length (only when the regulator sets none). */
      learnerSetsCycle: boolean;
    }
  | { kind: 'records'; records: number; plannedRecords: number; cycleMonths: number };

export interface Regulator {
  id: RegulatorId;
  /** The name a learner recognises, e.g. "Nursing and Midwifery Council (NMC)". */
  name: string;
  /** The profession(s), for the settings list. */
  who: string;
  /** What the learner's cycle ends on, in their words ("revalidation date"). */
  cycleDateLabel: string;
  prompts: { learned: string; practice: string; standards: string };
  standardsName: string;
  standards: readonly Standard[];
  goal: GoalRule;
  /** A record can be marked as planned learning (GPhC counts them). */
  asksPlanned: boolean;
}

export const REGULATORS: Readonly<Record<RegulatorId, Regulator>> = {
  none: {
    id: 'none',
    name: 'Other or none',
    who: 'Any profession, or no regulator',
    cycleDateLabel: 'Date your current period ends',
    prompts: {
      learned: 'What did you learn?',
      practice: 'How will it change your practice?',
      standards: 'Which of your standards does it relate to?',
    },
    standardsName: 'Standards',
    standards: [],
    goal: { kind: 'hours', cycleMonths: 12, learnerSetsCycle: true },
    asksPlanned: false,
  },
  nmc: {
    id: 'nmc',
    name: 'Nursing and Midwifery Council (NMC)',
    who: 'Nurses, midwives and nursing associates',
    cycleDateLabel: 'Your revalidation date',
    prompts: {
      learned: 'What did you learn from it?',
      practice: 'How did you change or improve your practice as a result?',
      standards: 'Which themes of the Code does it relate to?',
    },
    standardsName: 'The Code',
    standards: [
      { id: 'nmc:prioritise-people', label: 'Prioritise people' },
      { id: 'nmc:practise-effectively', label: 'Practise effectively' },
      { id: 'nmc:preserve-safety', label: 'Preserve safety' },
      { id: 'nmc:promote-professionalism', label: 'Promote professionalism and trust' },
    ],
    goal: {
      kind: 'hours',
      hours: 35,
      participatoryHours: 20,
      cycleMonths: 36,
      learnerSetsCycle: false,
    },
    asksPlanned: false,
  },
  hcpc: {
    id: 'hcpc',
    name: 'Health and Care Professions Council (HCPC)',
    who: 'Allied health professionals, practitioner psychologists and others',
    cycleDateLabel: 'Your registration renewal date',
    prompts: {
      learned: 'What did you learn?',
      practice: 'How has it improved your practice, and how does it benefit service users?',
      standards: 'Which standards of conduct, performance and ethics does it relate to?',
    },
    standardsName: 'Standards of conduct, performance and ethics',
    standards: [
      { id: 'hcpc:1', label: '1 Promote and protect the interests of service users and carers' },
      { id: 'hcpc:2', label: '2 Communicate appropriately and effectively' },
      { id: 'hcpc:3', label: '3 Work within the limits of your knowledge and skills' },
      { id: 'hcpc:4', label: '4 Delegate appropriately' },
      { id: 'hcpc:5', label: '5 Respect confidentiality' },
      { id: 'hcpc:6', label: '6 Manage risk' },
      { id: 'hcpc:7', label: '7 Report concerns about safety' },
      { id: 'hcpc:8', label: '8 Be open when things go wrong' },
      { id: 'hcpc:9', label: '9 Be honest and trustworthy' },
      { id: 'hcpc:10', label: '10 Keep records of your work' },
    ],
    goal: { kind: 'hours', cycleMonths: 24, learnerSetsCycle: false },
    asksPlanned: false,
  },
  sssc: {
    id: 'sssc',
    name: 'Scottish Social Services Council (SSSC)',
    who: 'Social workers, social care workers and early years workers in Scotland',
    cycleDateLabel: 'Your registration anniversary',
    prompts: {
      learned: 'What did you learn?',
      practice: 'How will it change your practice and the support people receive?',
      standards: 'Which parts of the SSSC Codes of Practice does it relate to?',
    },
    standardsName: 'SSSC Codes of Practice',
    standards: [
      { id: 'sssc:1', label: '1 Protect and promote the rights and interests of people' },
      { id: 'sssc:2', label: '2 Establish and keep the trust and confidence of people' },
      { id: 'sssc:3', label: '3 Promote independence while protecting people from harm' },
      { id: 'sssc:4', label: '4 Respect rights while seeking to prevent harm' },
      { id: 'sssc:5', label: '5 Uphold public trust and confidence in social services' },
      {
        id: 'sssc:6',
        label: '6 Be accountable for the quality of my work and my learning',
      },
    ],
    goal: { kind: 'hours', cycleMonths: 12, learnerSetsCycle: false },
    asksPlanned: false,
  },
  gmc: {
    id: 'gmc',
    name: 'General Medical Council (GMC)',
    who: 'Doctors and physician and anaesthesia associates',
    cycleDateLabel: 'Your appraisal date',
    prompts: {
      learned: 'What did you learn?',
      practice: 'How will it change your practice? (for your appraisal)',
      standards: 'Which domains of Good medical practice does it relate to?',
    },
    standardsName: 'Good medical practice',
    standards: [
      { id: 'gmc:1', label: '1 Knowledge, skills and development' },
      { id: 'gmc:2', label: '2 Patients, partnership and communication' },
      { id: 'gmc:3', label: '3 Colleagues, culture and safety' },
      { id: 'gmc:4', label: '4 Trust and professionalism' },
    ],
    goal: { kind: 'hours', cycleMonths: 12, learnerSetsCycle: false },
    asksPlanned: false,
  },
  gphc: {
    id: 'gphc',
    name: 'General Pharmaceutical Council (GPhC)',
    who: 'Pharmacists and pharmacy technicians',
    cycleDateLabel: 'Your registration renewal date',
    prompts: {
      learned: 'What did you learn?',
      practice: 'How has it benefited, or how will it benefit, the people using your services?',
      standards: 'Which standards for pharmacy professionals does it relate to?',
    },
    standardsName: 'Standards for pharmacy professionals',
    standards: [
      { id: 'gphc:1', label: '1 Provide person-centred care' },
      { id: 'gphc:2', label: '2 Work in partnership with others' },
      { id: 'gphc:3', label: '3 Communicate effectively' },
      { id: 'gphc:4', label: '4 Maintain, develop and use professional knowledge and skills' },
      { id: 'gphc:5', label: '5 Use professional judgement' },
      { id: 'gphc:6', label: '6 Behave in a professional manner' },
      { id: 'gphc:7', label: '7 Respect and maintain confidentiality and privacy' },
      { id: 'gphc:8', label: '8 Speak up when things go wrong' },
      { id: 'gphc:9', label: '9 Demonstrate leadership' },
    ],
    goal: { kind: 'records', records: 4, plannedRecords: 2, cycleMonths: 12 },
    asksPlanned: true,
  },
};

const ALL_STANDARDS = new Map(
  Object.values(REGULATORS).flatMap((regulator) =>
    regulator.standards.map((standard) => [standard.id, { regulator, standard }] as const),
  ),
);

/** "Preserve safety (The Code)"; an unknown id (from a newer version) is shown as it is. */
export function standardLabel(id: string): string {
  const found = ALL_STANDARDS.get(id);
  return found ? `${found.standard.label} (${found.regulator.standardsName})` : id;
}
