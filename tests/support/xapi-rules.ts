import { z } from 'zod';

/**
 * The statement rules of xAPI 1.0.3 (xAPI-Data.md, section 2.4) that a Learning Record Store
 * checks, written as a zod schema independent of Learnlog's own statement builder: used to check
 * exported statements and by the reference LRS the sync tests run.
 * Unknown properties are refused, as an LRS must (2.2 "Formatting Requirements").
 */

/** An IRI with a scheme (RFC 3987), loosely: what LRSs accept. */
const iri = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'must be an IRI with a scheme');
/** An IRL: an IRI that can be resolved (http or https). */
const irl = z.string().regex(/^https?:\/\/\S+$/i, 'must be an http(s) IRL');
/** RFC 5646 language tag (the common shapes). */
const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be an RFC 5646 tag');
const languageMap = z
  .record(languageTag, z.string())
  .refine((map) => Object.keys(map).length > 0, 'a language map needs at least one entry');
const uuid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
    'must be a UUID',
  );
/** ISO 8601 duration, the subset xAPI 4.6 allows (no years-months-days mix issue here). */
const isoDuration = z
  .string()
  .regex(
    /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/,
    'must be an ISO 8601 duration',
  );
/** ISO 8601 timestamp with a time zone (2.4.7). */
const timestamp = z.iso.datetime({ offset: true });

const account = z.strictObject({ homePage: irl, name: z.string().min(1) });
/** An Agent has exactly one inverse functional identifier (2.4.2.1). */
export const AgentRule = z
  .strictObject({
    objectType: z.literal('Agent').optional(),
    name: z.string().optional(),
    mbox: z
      .string()
      .regex(/^mailto:[^@\s]+@[^@\s]+$/, 'mbox must be a mailto: IRI')
      .optional(),
    mbox_sha1sum: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .optional(),
    openid: z.string().url().optional(),
    account: account.optional(),
  })
  .refine(
    (agent) =>
      [agent.mbox, agent.mbox_sha1sum, agent.openid, agent.account].filter(
        (identifier) => identifier !== undefined,
      ).length === 1,
    'an Agent needs exactly one identifier (mbox, mbox_sha1sum, openid or account)',
  );

const extensions = z.record(iri, z.unknown());

export const StatementRule = z.strictObject({
  id: uuid.optional(),
  actor: AgentRule,
  verb: z.strictObject({ id: iri, display: languageMap.optional() }),
  object: z.strictObject({
    objectType: z.literal('Activity').optional(),
    id: iri,
    definition: z
      .strictObject({
        name: languageMap.optional(),
        description: languageMap.optional(),
        type: iri.optional(),
        moreInfo: irl.optional(),
        extensions: extensions.optional(),
      })
      .optional(),
  }),
  result: z
    .strictObject({
      score: z.unknown().optional(),
      success: z.boolean().optional(),
      completion: z.boolean().optional(),
      response: z.string().optional(),
      duration: isoDuration.optional(),
      extensions: extensions.optional(),
    })
    .optional(),
  context: z
    .strictObject({
      registration: uuid.optional(),
      instructor: AgentRule.optional(),
      platform: z.string().optional(),
      language: languageTag.optional(),
      extensions: extensions.optional(),
    })
    .optional(),
  timestamp: timestamp.optional(),
  version: z
    .string()
    .regex(/^1\.0(\.\d+)?$/)
    .optional(),
});

/** Parses an ISO 8601 duration of the PT…H…M…S form back to seconds. */
export function secondsOfDuration(duration: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (!match) throw new Error(`not a PT duration: ${duration}`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
