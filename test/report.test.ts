/**
 * How the report shows things: bytes in diagrams (hex for binary, never an escape cut in two,
 * byte counts in the report's language), long lines wrapped to the width, and the top of a
 * long crash report kept in view. A real program supplies the crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { text } from '../src/i18n.ts';
import { Transcript } from '../src/peers/transcript.ts';
import { drawDiagram } from '../src/report/diagram.ts';
import { wrap } from '../src/report/terminal.ts';
import { localCounts, looksLikeText, quoted } from '../src/report/visible.ts';
import { outputTail } from '../src/checks/explain.ts';
import { startProcess } from '../src/runner/process.ts';

function diagramOf(bytes: Buffer, lang: 'en' | 'ko' = 'en'): string {
  const t = new Transcript(text('checker', '검사기'), text('your server', '내 서버'));
  t.data('right', bytes);
  return drawDiagram(t, lang).join('\n');
}

describe('bytes in diagrams', () => {
  test('binary is shown in hex with its size; text stays text, a cut character included', () => {
    const binary = Buffer.from([0x00, 0x00, 0x00, 0x04, 0x01, 0xff, 0x80, 0x3a]);
    expect(looksLikeText(binary)).toBe(false);
    expect(diagramOf(binary)).toContain('00 00 00 04 01 FF 80 3A (8 bytes)');
    expect(diagramOf(Buffer.concat([binary, Buffer.alloc(100)]))).toMatch(/00 00 00 04 01 FF 80 3A [0-9A-F ]*… \(108 bytes\)/);
    expect(looksLikeText(Buffer.from('안녕').subarray(0, 4))).toBe(true);
    expect(diagramOf(Buffer.from('안녕').subarray(0, 4))).toContain('"안\\xEB"');
  });

  test('a long label is never cut inside an escape, and the count is in Korean in a Korean report', () => {
    for (let pad = 0; pad < 8; pad++) {
      // Mostly text, with escapes (\\xEB\\x85 of a cut character, \\r\\n) where the cut falls.
      const bytes = Buffer.concat([Buffer.from('x'.repeat(20 + pad)), Buffer.from('\r\n'.repeat(10)), Buffer.from('안녕').subarray(0, 5), Buffer.from('y'.repeat(40))]);
      const label = diagramOf(bytes);
      expect(label, `pad ${pad}`).toMatch(/(\\r|\\n|\\xEB|\\x85|x)…" \(\d+ bytes\)/);
    }
    expect(diagramOf(Buffer.alloc(60 * 1024, 'x'), 'ko')).toContain('(61440바이트)');
  });

  test('characters that break or reorder a line are named, not shown raw; others stay as they are', () => {
    expect(quoted('a\u2028b\u2029c\u0085d')).toBe('"a\\u{2028}b\\u{2029}c\\u{85}d"');
    expect(quoted('x\u202Ey\uFEFF')).toBe('"x\\u{202E}y\\u{FEFF}"');
    expect(quoted('안녕 😀 e\u0301')).toBe('"안녕 😀 e\u0301"');
  });

  test('plurals and Korean counts outside diagrams', () => {
    expect(quoted('x'.repeat(100), 10)).toContain('(100 bytes)');
    expect(localCounts(quoted('x'.repeat(100), 10), 'ko')).toContain('(100바이트)');
    expect(localCounts('"sent 5 bytes, received 5 bytes"', 'ko')).toBe('"sent 5 bytes, received 5 bytes"'); // a program's words stay
  });
});

test('long lines wrap at the width, at spaces, continuing with the indent; Hangul counts double', () => {
  const line = `      Likely cause: ${'word '.repeat(40)}`;
  const lines = wrap(line, 60, '        ');
  expect(lines.length).toBeGreaterThan(2);
  for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(60);
  expect(lines[1]!.startsWith('        word')).toBe(true);
  for (const l of wrap(`  ${'가'.repeat(100)}`, 40, '  ')) expect(stringWidth(l)).toBeLessThanOrEqual(40);
});

test('a crash report longer than the tail keeps its top in view: the code, the error, the learner\'s frame', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'));
  const file = path.join(dir, 'server.mjs');
  // 30 frames deep, then an error with properties: Node's report runs far past 12 lines.
  fs.writeFileSync(file, `const deep = (n) => { if (n === 0) { const e = new TypeError('socket.ned is not a function'); e.code = 'X'; e.extra = 'y'; throw e; } return deep(n - 1) + 1; };
console.log('listening');
deep(30);
`);
  const p = startProcess({ label: 'your server', command: process.execPath, args: ['--stack-trace-limit=40', file], sandbox: false });
  const exit = await p.waitExit(10_000);
  expect(exit?.code).toBe(1);
  const tail = outputTail(p, 12, ['server.mjs']);
  fs.rmSync(dir, { recursive: true });
  expect(tail.some((l) => l.includes('const deep = (n) =>'))).toBe(true); // the code line, with its caret next
  expect(tail.some((l) => l.startsWith('TypeError: socket.ned is not a function'))).toBe(true);
  expect(tail.some((l) => /^\s+at deep \(.*server\.mjs:1:\d+\)$/.test(l))).toBe(true);
  expect(tail).toContain('…');
  expect(tail.at(-1)).toMatch(/^Node\.js v\d+/);
  expect(tail.length).toBeLessThanOrEqual(12 + 3); // about the same size of box, with the gaps marked
});
