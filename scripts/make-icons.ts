/**
 * Draws Learnlog's toolbar and store icons (public/icon/<size>.png): a blue rounded square with a
 * white clock ring and a tick — "time, then record". Run once with `node scripts/make-icons.ts`;
 * the PNGs are committed. No image library: a few shapes, 4×4 supersampled, written as PNG.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1d, 0x4f, 0x91];
const WHITE = [0xff, 0xff, 0xff];

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(
  size: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Shapes in a unit square: which colour a point is, or null outside the icon. */
function shade(u: number, v: number): number[] | null {
  const r = 0.2;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return null; // rounded corners
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d > 0.3 && d < 0.38) return WHITE; // clock ring
  // Tick: two strokes.
  const stroke = (ax: number, ay: number, bx: number, by: number, width: number) => {
    const t = Math.max(
      0,
      Math.min(
        1,
        ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
      ),
    );
    return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay))) < width;
  };
  if (stroke(0.37, 0.5, 0.47, 0.6, 0.045) || stroke(0.47, 0.6, 0.65, 0.4, 0.045)) return WHITE;
  return BLUE;
}

for (const size of [16, 32, 48, 96, 128]) {
  const samples = 4;
  const image = png(size, (x, y) => {
    let red = 0,
      green = 0,
      blue = 0,
      alpha = 0;
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const colour = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
        if (!colour) continue;
        red += colour[0]!;
        green += colour[1]!;
        blue += colour[2]!;
        alpha++;
      }
    }
    return alpha === 0
      ? [0, 0, 0, 0]
      : [red / alpha, green / alpha, blue / alpha, (alpha / samples ** 2) * 255];
  });
  writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), image);
}
