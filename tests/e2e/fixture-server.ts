import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Serves the project's own fixture pages on 127.0.0.1 (tests and `npm run demo`). */

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Every path asked for, in order: what a page (or Learnlog) fetched. */
  requested: string[];
  close(): Promise<void>;
}

/** A quiet 440 Hz tone as an 8 kHz, 8-bit mono WAV: real media for the presence tests. */
export function toneWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = Math.round(seconds * rate);
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples, 40);
  for (let index = 0; index < samples; index++) {
    wav[44 + index] = 128 + Math.round(8 * Math.sin((2 * Math.PI * 440 * index) / rate));
  }
  return wav;
}

export async function startFixtureServer(port = 0, root = FIXTURES_DIR): Promise<FixtureServer> {
  const tone = toneWav(180);
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requested.push(pathname);
    // `/media/tone.wav` lasts three minutes; `/media/tone-20.wav` 20 seconds.
    const media = /^\/media\/tone(?:-(\d{1,3}))?\.wav$/.exec(pathname);
    if (media) {
      const body = media[1] ? toneWav(Number(media[1])) : tone;
      response.writeHead(200, {
        'content-type': 'audio/wav',
        'content-length': body.length,
        'accept-ranges': 'none',
      });
      response.end(body);
      return;
    }
    const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(
      /^([/\\])+/,
      '',
    );
    if (relative.startsWith('..')) {
      response.writeHead(403).end();
      return;
    }
    readFile(join(root, relative)).then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
