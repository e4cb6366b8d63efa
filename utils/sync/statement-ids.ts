import type { LearningRecord } from '@/utils/records';

/**
 * Statement ids for sync. An LRS keeps a statement for ever under its id and refuses
 * a different statement with the same id (409), so each version of a record needs its own id,
 * and a retry of the same version must reuse it: ids are name-based UUIDs (RFC 9562 version 5)
 * of the record id and version. The first version keeps the record's own id, as in the xAPI
 * export, so an exported-then-synced statement is the same statement.
 */

/** Learnlog's namespace for name-based statement ids (a fixed random UUID). */
const NAMESPACE = 'b7f3a0c4-5d2e-4f61-9a8b-3c1d2e4f5a6b';

function bytesOfUuid(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function uuidOfBytes(bytes: Uint8Array): string {
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 9562 section 5.5: SHA-1 of namespace and name, with the version and variant bits set. */
export async function uuidV5(name: string, namespace = NAMESPACE): Promise<string> {
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(bytesOfUuid(namespace));
  input.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input));
  const bytes = hash.slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return uuidOfBytes(bytes);
}

/** The id of the statement for this version of the record. */
export async function statementIdFor(
  record: Pick<LearningRecord, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<string> {
  if (record.updatedAt === record.createdAt) return record.id;
  return uuidV5(`statement ${record.id} ${record.updatedAt}`);
}

/** The id of the statement that voids `statementId`: the same on every retry. */
export function voidingIdFor(statementId: string): Promise<string> {
  return uuidV5(`voids ${statementId}`);
}
