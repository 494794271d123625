/**
 * `program.signal()` reaches the program itself. Boxed (bubblewrap), the checker's child is
 * bwrap, which does not pass signals on: a SIGTERM sent to it ends the whole box, and the
 * program's own handler never runs. The signal must go to the program inside.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startProcess } from '../src/runner/process.ts';
import { sandboxAvailable } from '../src/runner/sandbox.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signal-'));
const handles = path.join(dir, 'handles.mjs');
fs.writeFileSync(
  handles,
  `for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { console.error('got ' + sig); process.exit(3); });
console.log('ready');
setInterval(() => {}, 1000);
`,
);
const ignores = path.join(dir, 'ignores.mjs');
fs.writeFileSync(ignores, `console.log('ready');\nsetInterval(() => {}, 1000);\n`);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function started(file: string) {
  const p = startProcess({ label: 'signal test', command: process.execPath, args: [file], sandbox: { readOnly: [file] } });
  for (let i = 0; i < 100 && !p.stdout().includes('ready'); i++) await new Promise((r) => setTimeout(r, 50));
  return p;
}

describe.skipIf(process.platform === 'win32').concurrent(`program.signal() (${sandboxAvailable() ? 'boxed' : 'unboxed'})`, () => {
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    test(`${sig} reaches the program's own handler`, async () => {
      const p = await started(handles);
      p.signal(sig);
      const exit = await p.waitExit(5000);
      await p.kill();
      expect(p.stderr()).toContain(`got ${sig}`);
      expect(exit).toMatchObject({ code: 3, signal: null });
    });
  }

  test('a program without a handler dies of the signal, and says so', async () => {
    const p = await started(ignores);
    p.signal('SIGTERM');
    const exit = await p.waitExit(5000);
    await p.kill();
    expect(exit).toMatchObject({ code: null, signal: 'SIGTERM' });
  });
});
