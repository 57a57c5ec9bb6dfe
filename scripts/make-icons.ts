// Draws the app icons as PNGs with no image library: a white document with a tick on the brand
// green. Run once with `npx tsx scripts/make-icons.ts`; the PNGs are committed under public/icons.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [0x0b, 0x6e, 0x4f];
const WHITE = [0xff, 0xff, 0xff];

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** `safe` is the share of the side the symbol may use: 0.8 for maskable icons (W3C safe zone). */
function icon(size: number, safe: number, rounded: boolean): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const c = size / 2;
  const half = (size * safe) / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = (x - c) / half;
      const v = (y - c) / half;
      const corner = rounded && Math.hypot(Math.max(Math.abs(x - c) - size * 0.3, 0), Math.max(Math.abs(y - c) - size * 0.3, 0)) > size * 0.2;
      const page = Math.abs(u) < 0.55 && Math.abs(v) < 0.72;
      const tickA = Math.abs(v - (u + 0.05)) < 0.09 && u > -0.3 && u < 0.02;
      const tickB = Math.abs(v + (u * 1.4 - 0.05)) < 0.1 && u > -0.02 && u < 0.35;
      const colour = page && !(tickA || tickB) ? WHITE : BRAND;
      const at = y * (size * 4 + 1) + 1 + x * 4;
      raw[at] = colour[0]!; raw[at + 1] = colour[1]!; raw[at + 2] = colour[2]!; raw[at + 3] = corner ? 0 : 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, 0.9, true));
writeFileSync(new URL('icon-512.png', out), icon(512, 0.9, true));
writeFileSync(new URL('maskable-512.png', out), icon(512, 0.7, false));
