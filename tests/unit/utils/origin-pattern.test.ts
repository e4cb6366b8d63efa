import { describe, expect, it } from 'vitest';
import { originPatternOf } from '@/utils/origin-pattern';

describe('originPatternOf', () => {
  it.each([
    ['https://lrs.example.com/xapi/', 'https://lrs.example.com/*'],
    ['https://lrs.example.com:443/tenant/xapi/', 'https://lrs.example.com/*'],
    // Match patterns carry no port (Firefox refuses one): the host on any port.
    ['https://lrs.example.com:8443/xapi/', 'https://lrs.example.com/*'],
    ['http://localhost:8080/xapi/', 'http://localhost/*'],
    ['http://127.0.0.1/', 'http://127.0.0.1/*'],
  ])('covers the host of %j only: %j', (endpoint, pattern) => {
    expect(originPatternOf(endpoint)).toBe(pattern);
  });

  it('reads a URL object as its address', () => {
    expect(originPatternOf(new URL('https://www.example.org:8443/course?x=1#part'))).toBe(
      'https://www.example.org/*',
    );
  });
});
