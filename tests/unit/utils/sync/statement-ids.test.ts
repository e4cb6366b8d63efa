import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementIdFor, uuidV5, voidingIdFor } from '@/utils/sync/statement-ids';

const V5_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

/** RFC 9562 section 5.5, computed independently with Node's own SHA-1 and Buffer. */
function nodeUuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(Buffer.from(name, 'utf8'))
    .digest()
    .subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

const record = (id: string, createdAt: number, updatedAt = createdAt) => ({
  id,
  createdAt,
  updatedAt,
});

describe('uuidV5', () => {
  it('matches the RFC 9562 test vector (DNS namespace, "www.example.com")', async () => {
    expect(await uuidV5('www.example.com', DNS_NAMESPACE)).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('agrees with an independent computation by Node for any name and namespace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.uuid(), async (name, namespace) => {
        expect(await uuidV5(name, namespace)).toBe(nodeUuidV5(name, namespace));
      }),
    );
  });

  it('gives a version 5, RFC variant UUID in lower case, even for an upper-case namespace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.uuid(), async (name, namespace) => {
        const id = await uuidV5(name, namespace.toUpperCase());
        expect(id).toMatch(V5_UUID);
        expect(id).toBe(await uuidV5(name, namespace));
      }),
    );
  });

  it('uses a fixed Learnlog namespace by default, not the DNS one', async () => {
    const id = await uuidV5('www.example.com');
    expect(id).toMatch(V5_UUID);
    expect(id).toBe(await uuidV5('www.example.com'));
    expect(id).not.toBe(await uuidV5('www.example.com', DNS_NAMESPACE));
  });

  it('gives different ids for different names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        fc.pre(a !== b);
        expect(await uuidV5(a)).not.toBe(await uuidV5(b));
      }),
    );
  });
});

describe('statementIdFor', () => {
  const id = '0d6c2a4e-8f1b-4c3d-9e5a-7b6c5d4e3f2a';
  const created = Date.UTC(2026, 0, 15, 9, 30);

  it('keeps the record’s own id for a record never edited, as the xAPI export does', async () => {
    expect(await statementIdFor(record(id, created))).toBe(id);
  });

  it('gives each later version its own valid version 5 UUID', async () => {
    const versions = [created + 1, created + 60_000, created + 86_400_000, created + 86_400_001];
    const ids = await Promise.all(versions.map((at) => statementIdFor(record(id, created, at))));
    for (const versionId of ids) expect(versionId).toMatch(V5_UUID);
    expect(new Set([id, ...ids]).size).toBe(versions.length + 1);
  });

  it('gives the same id for the same version every time (a retry reuses it)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uuid(),
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 0, max: 1e10 }),
        async (recordId, createdAt, later) => {
          const version = record(recordId, createdAt, createdAt + later);
          const first = await statementIdFor(version);
          expect(await statementIdFor({ ...version })).toBe(first);
        },
      ),
    );
  });

  it('gives different records different ids for the same edit time', async () => {
    const edited = created + 5_000;
    const a = await statementIdFor(record(id, created, edited));
    const b = await statementIdFor(record('1d6c2a4e-8f1b-4c3d-9e5a-7b6c5d4e3f2a', created, edited));
    expect(a).not.toBe(b);
  });

  it('depends on the version, not on when the record was created', async () => {
    const edited = created + 5_000;
    expect(await statementIdFor(record(id, created, edited))).toBe(
      await statementIdFor(record(id, created - 1_000, edited)),
    );
  });
});

describe('voidingIdFor', () => {
  it('is a version 5 UUID that differs from the statement it voids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid(), async (statementId) => {
        const voiding = await voidingIdFor(statementId);
        expect(voiding).toMatch(V5_UUID);
        expect(voiding).not.toBe(statementId);
      }),
    );
  });

  it('is the same on every call (a retry voids with the same statement)', async () => {
    const statementId = '0d6c2a4e-8f1b-4c3d-9e5a-7b6c5d4e3f2a';
    expect(await voidingIdFor(statementId)).toBe(await voidingIdFor(statementId));
  });

  it('differs between statements, and from the ids of later versions', async () => {
    const id = '0d6c2a4e-8f1b-4c3d-9e5a-7b6c5d4e3f2a';
    const next = await statementIdFor(record(id, 1000, 2000));
    const voids = [await voidingIdFor(id), await voidingIdFor(next)];
    expect(new Set([id, next, ...voids]).size).toBe(4);
  });
});
