// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSyncConnection } from '@/utils/sync/connection-test';
import { startSyncServer, type SyncServer } from '@/tests/support/sync-server';
import { learnlogConfig, xapiConfig } from '@/tests/support/sync-harness';

/** "Test connection", also run before sync is turned on, against a real server. */
describe('testing the connection', () => {
  let server: SyncServer;
  const test = (config: Parameters<typeof testSyncConnection>[0]) =>
    testSyncConnection(config, (input, init) => fetch(input, init), 500);

  beforeEach(async () => {
    server = await startSyncServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('says "Connected" for a right LRS and a right Learnlog API, changing nothing there', async () => {
    expect(await test(xapiConfig(server))).toMatchObject({ ok: true, message: /^Connected/ });
    expect(await test(learnlogConfig(server))).toMatchObject({ ok: true, message: /^Connected/ });
    expect(server.statements.size + server.records.size).toBe(0);
  });

  it('refuses wrong sign-in details for good (not a passing trouble)', async () => {
    const xapi = await test({ ...xapiConfig(server), credentials: { key: 'k', secret: 'wrong' } });
    expect(xapi).toMatchObject({ ok: false, passing: false });
    expect(xapi.message).toContain('error 401');
    const api = await test({ ...learnlogConfig(server), credentials: { token: 'wrong' } });
    expect(api).toMatchObject({ ok: false, passing: false });
  });

  it('says when the address is not that kind of server', async () => {
    const wrongKind = await test({ ...xapiConfig(server), endpoint: server.apiBase });
    expect(wrongKind.ok).toBe(false);
    expect(wrongKind.passing).toBe(false);
    const nothingThere = await test({
      ...learnlogConfig(server),
      endpoint: `${server.origin}/no/`,
    });
    expect(nothingThere).toMatchObject({ ok: false, passing: false });
    expect(nothingThere.message).toMatch(/address/);
  });

  it('marks a server error or no connection as passing, so sync can still be turned on', async () => {
    server.injectFault({ kind: 'status', status: 503 });
    expect(await test(xapiConfig(server))).toMatchObject({ ok: false, passing: true });
    const origin = server.origin;
    await server.close();
    const offline = await test({ ...learnlogConfig(server), endpoint: `${origin}/api/` });
    expect(offline).toMatchObject({ ok: false, passing: true });
    expect(offline.message).toContain('could not reach');
    server = await startSyncServer();
  });
});
