import { describe, expect, it } from 'vitest';
import {
  endpointProblem,
  normaliseEndpoint,
  readSyncConfig,
  SyncConfigSchema,
  targetKeyOf,
} from '@/utils/sync/config';

const xapiConfig = {
  enabled: true,
  target: 'xapi',
  endpoint: 'https://lrs.example.com/xapi',
  credentials: { key: 'learner-key', secret: 's3cret pass' },
} as const;

const learnlogConfig = {
  enabled: false,
  target: 'learnlog',
  endpoint: 'https://api.learnlog.example/v1',
  credentials: { token: 'tok_abc123' },
} as const;

/** The messages of the issues a config raises, keyed by the dotted path of the field. */
function problemsOf(config: unknown): Record<string, string> {
  const result = SyncConfigSchema.safeParse(config);
  if (result.success) return {};
  return Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
  );
}

describe('endpointProblem', () => {
  it.each([
    'https://lrs.example.com/xapi/',
    'https://lrs.example.com',
    'https://lrs.example.com:8443/deep/path/xapi',
    'HTTPS://LRS.EXAMPLE.COM/xapi',
    '  https://lrs.example.com/xapi  ',
    'http://localhost/xapi',
    'http://localhost:8080/xapi/',
    'http://127.0.0.1:3000/',
  ])('accepts %j', (address) => {
    expect(endpointProblem(address)).toBeUndefined();
  });

  it.each([
    'http://lrs.example.com/xapi',
    'http://192.168.1.2',
    'http://192.168.1.2:8080/xapi',
    'http://localhost.evil.com/xapi',
    'http://evil-localhost/xapi',
    'http://127.0.0.1.evil.com/',
  ])('refuses plain http to %j, which is not this computer', (address) => {
    const problem = endpointProblem(address);
    expect(problem).toContain('https://');
    expect(problem).toContain('localhost');
  });

  it.each([
    'https://user:pass@lrs.example.com/xapi',
    'https://user@lrs.example.com/xapi',
    'https://:pass@lrs.example.com/xapi',
    // Looks local at a glance, but the host is evil.com and "localhost" is a user name.
    'http://localhost@evil.com/xapi',
  ])('refuses sign-in details inside the address %j', (address) => {
    expect(endpointProblem(address)).toMatch(/user name and password in their own boxes/);
  });

  it.each([
    'https://lrs.example.com/xapi?tenant=1',
    'https://lrs.example.com/xapi#top',
    'https://lrs.example.com/?a=b#c',
  ])('refuses a query or fragment in %j', (address) => {
    const problem = endpointProblem(address);
    expect(problem).toContain('“?”');
    expect(problem).toContain('“#”');
  });

  // URL drops a bare "?" or "#" from search and hash: the check must look at the text.
  it.each(['https://lrs.example.com/xapi?', 'https://lrs.example.com/xapi#'])(
    'refuses an address with a bare trailing “?” or “#” (%j)',
    (address) => {
      expect(endpointProblem(address)).toBeDefined();
    },
  );

  it.each(['lrs.example.com/xapi', 'not a web address', '', '   ', '//lrs.example.com/xapi'])(
    'asks for the full web address when %j is not one',
    (address) => {
      expect(endpointProblem(address)).toBe(
        'Enter the full web address of the server, starting with https://.',
      );
    },
  );

  it.each([
    'ftp://files.example.com/xapi',
    'ws://lrs.example.com/xapi',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('refuses %j, which is not https', (address) => {
    expect(endpointProblem(address)).toBe('The address must start with https://.');
  });

  it('explains every refusal in a plain English sentence, without technical jargon', () => {
    const refused = [
      'http://lrs.example.com',
      'https://u:p@lrs.example.com',
      'https://lrs.example.com/?q',
      'nonsense',
      'ftp://lrs.example.com',
    ];
    const messages = refused.map(endpointProblem);
    expect(new Set(messages).size).toBe(refused.length);
    for (const message of messages) {
      expect(message).toMatch(/^[A-Z].*[.)]$/);
      expect(message).not.toMatch(/\b(URL|URI|protocol|scheme|invalid|hostname|TypeError)\b/i);
    }
  });
});

describe('normaliseEndpoint', () => {
  it.each([
    ['https://lrs.example.com/xapi', 'https://lrs.example.com/xapi/'],
    ['https://lrs.example.com/xapi/', 'https://lrs.example.com/xapi/'],
    ['https://lrs.example.com', 'https://lrs.example.com/'],
    ['https://lrs.example.com/a/b/xapi', 'https://lrs.example.com/a/b/xapi/'],
    ['  https://LRS.Example.com:8443/xapi ', 'https://lrs.example.com:8443/xapi/'],
    ['http://localhost:8080/xapi', 'http://localhost:8080/xapi/'],
  ])('turns %j into the base address %j', (address, base) => {
    expect(normaliseEndpoint(address)).toBe(base);
  });

  it('gives a base under which relative paths stay inside the endpoint’s path', () => {
    const base = normaliseEndpoint('https://lrs.example.com/tenant/xapi');
    expect(new URL('statements', base).href).toBe('https://lrs.example.com/tenant/xapi/statements');
  });
});

describe('SyncConfigSchema', () => {
  it('accepts an xAPI config and normalises its endpoint', () => {
    expect(SyncConfigSchema.parse(xapiConfig)).toEqual({
      ...xapiConfig,
      endpoint: 'https://lrs.example.com/xapi/',
    });
  });

  it('accepts a Learnlog API config and normalises its endpoint', () => {
    expect(SyncConfigSchema.parse(learnlogConfig)).toEqual({
      ...learnlogConfig,
      endpoint: 'https://api.learnlog.example/v1/',
    });
  });

  it('trims spaces around the endpoint before checking it', () => {
    expect(
      SyncConfigSchema.parse({ ...xapiConfig, endpoint: '  http://localhost:8080/xapi  ' })
        .endpoint,
    ).toBe('http://localhost:8080/xapi/');
  });

  it('refuses an xAPI key with a colon, which Basic authentication cannot carry', () => {
    expect(problemsOf({ ...xapiConfig, credentials: { key: 'team:sam', secret: 'x' } })).toEqual({
      'credentials.key': 'The key cannot contain a colon (:).',
    });
  });

  it('allows a colon in the xAPI secret (only the first colon separates user and password)', () => {
    expect(
      SyncConfigSchema.safeParse({ ...xapiConfig, credentials: { key: 'sam', secret: 'a:b:c' } })
        .success,
    ).toBe(true);
  });

  it.each([
    ['key', { key: 'sam\n', secret: 'x' }, 'credentials.key'],
    ['key', { key: 'sa\tm', secret: 'x' }, 'credentials.key'],
    ['secret', { key: 'sam', secret: 'pass\r\nX-Evil: 1' }, 'credentials.secret'],
    ['secret', { key: 'sam', secret: 'pass\u0000' }, 'credentials.secret'],
    ['secret', { key: 'sam', secret: 'pass\u007F' }, 'credentials.secret'],
  ])('refuses an xAPI %s with a new line or control character', (_what, credentials, path) => {
    const problems = problemsOf({ ...xapiConfig, credentials });
    expect(Object.keys(problems)).toEqual([path]);
    expect(problems[path]).toMatch(/cannot contain new lines/);
  });

  it('refuses an access token with a new line', () => {
    expect(
      problemsOf({ ...learnlogConfig, credentials: { token: 'abc\ndef' } })['credentials.token'],
    ).toContain('no spaces or new lines');
  });

  // The token is sent as it is in an HTTP header: fetch throws on anything above U+00FF.
  it.each(['tok_abc\u200B', 'tok\u2013abc'])(
    'refuses an access token that cannot be sent in an HTTP header (%j)',
    (token) => {
      expect(
        SyncConfigSchema.safeParse({ ...learnlogConfig, credentials: { token } }).success,
      ).toBe(false);
    },
  );

  it.each([
    [{ ...xapiConfig, credentials: { key: '', secret: 'x' } }, 'credentials.key'],
    [{ ...xapiConfig, credentials: { key: 'sam', secret: '' } }, 'credentials.secret'],
    [{ ...learnlogConfig, credentials: { token: '' } }, 'credentials.token'],
    [{ ...xapiConfig, endpoint: '' }, 'endpoint'],
    [{ ...xapiConfig, endpoint: '   ' }, 'endpoint'],
  ])('refuses an empty field (%#)', (config, path) => {
    const problems = problemsOf(config);
    expect(Object.keys(problems)).toEqual([path]);
    expect(problems[path]).toMatch(/^Enter the /);
  });

  it('refuses an endpoint that is not safe, with the same plain words as endpointProblem', () => {
    const problems = problemsOf({ ...xapiConfig, endpoint: 'http://192.168.1.2/xapi' });
    expect(Object.keys(problems)).toEqual(['endpoint']);
    expect(problems.endpoint).toContain('https://');
    expect(problems.endpoint).toBe(endpointProblem('http://192.168.1.2/xapi'));
  });

  it('refuses an unknown target, and credentials of the other target', () => {
    expect(SyncConfigSchema.safeParse({ ...xapiConfig, target: 'ftp' }).success).toBe(false);
    expect(
      SyncConfigSchema.safeParse({ ...xapiConfig, credentials: learnlogConfig.credentials })
        .success,
    ).toBe(false);
    expect(
      SyncConfigSchema.safeParse({ ...learnlogConfig, credentials: xapiConfig.credentials })
        .success,
    ).toBe(false);
  });

  it('refuses an overlong endpoint or secret', () => {
    const longPath = 'a'.repeat(2000);
    expect(
      Object.keys(problemsOf({ ...xapiConfig, endpoint: `https://x.example/${longPath}` })),
    ).toEqual(['endpoint']);
    expect(
      Object.keys(problemsOf({ ...learnlogConfig, credentials: { token: 'x'.repeat(1001) } })),
    ).toEqual(['credentials.token']);
  });
});

describe('readSyncConfig', () => {
  it('reads a stored config, normalising its endpoint', () => {
    expect(readSyncConfig(learnlogConfig)?.endpoint).toBe('https://api.learnlog.example/v1/');
    expect(readSyncConfig(xapiConfig)?.credentials).toEqual(xapiConfig.credentials);
  });

  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'garbage'],
    ['an array', [xapiConfig]],
    ['no credentials', { ...xapiConfig, credentials: undefined }],
    ['no enabled flag', { ...xapiConfig, enabled: undefined }],
    ['enabled as text', { ...xapiConfig, enabled: 'yes' }],
    ['an unsafe endpoint', { ...xapiConfig, endpoint: 'http://lrs.example.com' }],
    ['a damaged key', { ...xapiConfig, credentials: { key: 'a:b', secret: 'x' } }],
    ['an unknown target', { ...xapiConfig, target: 'cmi5' }],
  ])('treats %s as no config (sync off)', (_what, stored) => {
    expect(readSyncConfig(stored)).toBeUndefined();
  });
});

describe('targetKeyOf', () => {
  const xapi = SyncConfigSchema.parse(xapiConfig);

  it('is the same for new credentials on the same server', () => {
    const renewed = SyncConfigSchema.parse({
      ...xapiConfig,
      enabled: false,
      credentials: { key: 'other-key', secret: 'other-secret' },
    });
    expect(targetKeyOf(renewed)).toBe(targetKeyOf(xapi));
  });

  it('is the same for two spellings of the same endpoint once parsed', () => {
    const spelt = SyncConfigSchema.parse({
      ...xapiConfig,
      endpoint: ' https://LRS.example.com/xapi/ ',
    });
    expect(targetKeyOf(spelt)).toBe(targetKeyOf(xapi));
  });

  it('differs by target on the same endpoint', () => {
    expect(targetKeyOf({ target: 'learnlog', endpoint: xapi.endpoint })).not.toBe(
      targetKeyOf(xapi),
    );
  });

  it('differs by endpoint for the same target', () => {
    for (const endpoint of [
      'https://lrs.example.com/other/',
      'https://lrs2.example.com/xapi/',
      'https://lrs.example.com:8443/xapi/',
      'http://localhost/xapi/',
    ])
      expect(targetKeyOf({ target: 'xapi', endpoint })).not.toBe(targetKeyOf(xapi));
  });
});

describe('the xAPI batch size', () => {
  it.each([
    [0, 'Send at least 1 statement at a time.'],
    [101, 'Send 100 statements at a time at most.'],
    [2.5, 'Use a whole number of statements.'],
  ])('refuses %j with a plain message', (batchSize, message) => {
    const parsed = SyncConfigSchema.safeParse({ ...xapiConfig, batchSize });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });

  it('accepts 1 to 100, and may be left out', () => {
    for (const batchSize of [1, 50, 100])
      expect(SyncConfigSchema.safeParse({ ...xapiConfig, batchSize }).success).toBe(true);
    expect(SyncConfigSchema.safeParse(xapiConfig).success).toBe(true);
  });
});
