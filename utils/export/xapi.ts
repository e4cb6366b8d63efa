import { toIsoDuration } from '@/utils/export/iso-duration';
import { KIND_LABELS } from '@/utils/kind-labels';
import { siteOf, type LearningRecord, type RecordKind } from '@/utils/records';
import type { IdentitySettings } from '@/utils/settings';

/**
 * Learning records as xAPI 1.0.3 statements (exported, and sent as they are by sync).
 * https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Data.md
 */

export const LANGUAGE = 'en-GB';
/** Extension IRIs under Learnlog's own domain, as the spec asks of extensions. */
export const EXTENSION = {
  creditedDuration: 'https://learnlog.app/xapi/extensions/credited-duration',
  statedDuration: 'https://learnlog.app/xapi/extensions/stated-duration',
  statedDurationSource: 'https://learnlog.app/xapi/extensions/stated-duration-source',
  recordedEarly: 'https://learnlog.app/xapi/extensions/recorded-before-stated-duration',
  participatory: 'https://learnlog.app/xapi/extensions/participatory',
  planned: 'https://learnlog.app/xapi/extensions/planned',
  standards: 'https://learnlog.app/xapi/extensions/standards',
  tags: 'https://learnlog.app/xapi/extensions/tags',
} as const;

export const VERBS = {
  completed: {
    id: 'http://adlnet.gov/expapi/verbs/completed',
    display: { [LANGUAGE]: 'completed' },
  },
  experienced: {
    id: 'http://adlnet.gov/expapi/verbs/experienced',
    display: { [LANGUAGE]: 'experienced' },
  },
} as const;

const ACTIVITY_TYPES: Record<RecordKind, string> = {
  article: 'http://adlnet.gov/expapi/activities/media',
  blog: 'http://adlnet.gov/expapi/activities/media',
  video: 'http://adlnet.gov/expapi/activities/media',
  audio: 'http://adlnet.gov/expapi/activities/media',
  document: 'http://adlnet.gov/expapi/activities/media',
  other: 'http://adlnet.gov/expapi/activities/media',
  course: 'http://adlnet.gov/expapi/activities/course',
  conference: 'http://adlnet.gov/expapi/activities/meeting',
  workshop: 'http://adlnet.gov/expapi/activities/meeting',
  supervision: 'http://adlnet.gov/expapi/activities/meeting',
  discussion: 'http://adlnet.gov/expapi/activities/meeting',
  shadowing: 'http://adlnet.gov/expapi/activities/meeting',
};

export type XapiAgent =
  | { objectType: 'Agent'; name?: string; mbox: string }
  | { objectType: 'Agent'; name?: string; account: { homePage: string; name: string } };

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: {
    objectType: 'Activity';
    id: string;
    definition: {
      name: Record<string, string>;
      description: Record<string, string>;
      type: string;
      moreInfo?: string;
    };
  };
  result: { duration: string; completion: boolean; response?: string };
  context: { platform: string; language: string; extensions: Record<string, unknown> };
  timestamp: string;
}

/** The learner as an xAPI Agent: their organisation account if given, else their email. */
export function actorFrom(identity: IdentitySettings): XapiAgent | undefined {
  const name = identity.name ? { name: identity.name } : {};
  if (identity.account) return { objectType: 'Agent', ...name, account: { ...identity.account } };
  if (identity.email) return { objectType: 'Agent', ...name, mbox: `mailto:${identity.email}` };
  return undefined;
}

/**
 * "completed" when the required time was met (a page record not recorded early) or the learner
 * entered finished learning by hand; "experienced" for a record made before the stated duration.
 */
export function isCompleted(record: LearningRecord): boolean {
  return !record.recordedEarly;
}

function reflectionText(record: LearningRecord): string | undefined {
  const parts = [
    record.whatLearned && `What did you learn? ${record.whatLearned}`,
    record.howWillUse && `How will it change your practice? ${record.howWillUse}`,
    record.notes && `Notes: ${record.notes}`,
  ].filter(Boolean);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** When the learning happened: the moment it was recorded if that was the same (UTC) day. */
function timestampOf(record: LearningRecord): string {
  const recorded = new Date(record.createdAt).toISOString();
  return recorded.slice(0, 10) === record.date ? recorded : `${record.date}T12:00:00.000Z`;
}

export function recordToStatement(record: LearningRecord, actor: XapiAgent): XapiStatement {
  const completed = isCompleted(record);
  const site = siteOf(record);
  const response = reflectionText(record);
  const extensions: Record<string, unknown> = {
    [EXTENSION.creditedDuration]: toIsoDuration(record.creditedSeconds),
    [EXTENSION.recordedEarly]: record.recordedEarly,
    [EXTENSION.participatory]: record.participatory,
    [EXTENSION.planned]: record.planned,
    [EXTENSION.standards]: record.standards,
    [EXTENSION.tags]: record.tags,
  };
  if (record.statedSeconds !== undefined)
    extensions[EXTENSION.statedDuration] = toIsoDuration(record.statedSeconds);
  if (record.statedSource) extensions[EXTENSION.statedDurationSource] = record.statedSource;
  return {
    id: record.id,
    actor,
    verb: completed ? VERBS.completed : VERBS.experienced,
    object: {
      objectType: 'Activity',
      id: record.url ?? `urn:uuid:${record.id}`,
      definition: {
        name: { [LANGUAGE]: record.title },
        description: {
          [LANGUAGE]: `${record.typeLabel ?? KIND_LABELS[record.kind]}${site ? ` on ${site}` : ''}`,
        },
        type: ACTIVITY_TYPES[record.kind],
        ...(record.url ? { moreInfo: record.url } : {}),
      },
    },
    result: {
      duration: toIsoDuration(record.spentSeconds ?? record.creditedSeconds),
      completion: completed,
      ...(response ? { response } : {}),
    },
    context: { platform: 'Learnlog', language: LANGUAGE, extensions },
    timestamp: timestampOf(record),
  };
}
