/**
 * The checker names the real mistake: a crash is reported as a crash (with the error and the
 * learner's file:line) rather than as the wrong reply it caused, and a few lesson checks whose
 * first explanation was wrong (lesson 01's "together", lesson 03's write after end, lesson 04's
 * reply to bytes without a line end) now say what happened. Real programs, real sockets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadLesson, type Lesson } from '../src/lessons.ts';
import { runLesson, type ScenarioResult } from '../src/checks/run-lesson.ts';
import { renderScenario } from '../src/report/terminal.ts';
import { makeStyle } from '../src/report/style.ts';
import { liveCount } from '../src/runner/cleanup.ts';
import { listVariants, materialize } from './support/variants.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The lesson's solution with some files replaced. */
function solutionWith(lesson: Lesson, files: Record<string, (solution: string) => string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagnosis-'));
  temps.push(dir);
  for (const f of lesson.manifest.files) {
    const solution = fs.readFileSync(path.join(lesson.solutionDir, f), 'utf8');
    fs.writeFileSync(path.join(dir, f), files[f] ? files[f]!(solution) : solution);
  }
  return dir;
}

async function scenario(lesson: Lesson, dir: string, id: string): Promise<ScenarioResult> {
  const r = await runLesson(lesson, dir, { lang: 'en', only: (s) => s.id === id });
  expect(liveCount()).toBe(0);
  return r.scenarios[0]!;
}

const report = (r: ScenarioResult, lesson: Lesson) => renderScenario(r, { lesson }, { lang: 'en', style: makeStyle(false), width: 100 });

describe('a crash is the finding', () => {
  test('lesson 01, socket.ned(…): the TypeError and server.ts:line, not "the reply is not hello client"', async () => {
    const lesson = loadLesson('lesson-01-hello-tcp');
    const dir = solutionWith(lesson, { 'server.ts': (s) => s.replace("socket.end('hello client\\n');", "(socket as any).ned('hello client\\n');") });
    const line = fs.readFileSync(path.join(dir, 'server.ts'), 'utf8').split('\n').findIndex((l) => l.includes('.ned(')) + 1;
    const r = await scenario(lesson, dir, 'server-answers-a-line');
    expect(r.failure!.reason).toBe('exited-during-exchange');
    expect(r.failure!.summary.en).toBe(`server.ts crashed at line ${line}: TypeError: socket.ned is not a function`);
    expect(r.failure!.actual && typeof r.failure!.actual === 'object' ? r.failure!.actual.en : '').toContain('The reply is not');
    const text = report(r, lesson);
    // The top of the stack trace is shown: the code with its caret, the error, the learner's frame.
    expect(text).toMatch(/│\s+socket\.ned\("hello client\\n"\);\n.*│\s+\^/);
    expect(text).toMatch(new RegExp(`│ +at .*server\\.ts:${line}:\\d+`));
    expect(text).not.toContain('Try: socket.end');
  });
});

describe('lesson checks that blamed the wrong thing', () => {
  test('lesson 01 together: a server that never closes is blamed, not the client waiting for it', async () => {
    const lesson = loadLesson('lesson-01-hello-tcp');
    const variant = listVariants(lesson.dir).find((v) => v.name === 'no-close')!;
    const copy = materialize(lesson, variant);
    try {
      const r = await scenario(lesson, copy.dir, 'your-client-with-your-server');
      expect(r.failure!.reason).toBe('together-server-kept-open');
      expect(r.failure!.summary.en).toContain('your server had not closed the connection');
    } finally {
      copy.dispose();
    }
  });

  test("lesson 03: a server that ends after the first chunk is told so, not about an await in 'end'", async () => {
    const lesson = loadLesson('lesson-03-echo-stream');
    const server = `import net from 'node:net';
const server = net.createServer((socket) => socket.on('data', (d) => { socket.write(d); socket.end(); }));
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1');
`;
    const dir = solutionWith(lesson, { 'server.ts': () => server });
    const r = await scenario(lesson, dir, 'fragments-of-997-bytes');
    expect(r.failure!.reason).toBe('write-after-end');
    expect(r.failure!.cause!.en).toContain('called socket.end()');
    expect(r.failure!.cause!.en).not.toContain('await');
  });

  test('lesson 03: a client that exits 1 once the exchange is over is told about its exit code, not that it ended during the exchange', async () => {
    const lesson = loadLesson('lesson-03-echo-stream');
    const summary = 'console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`);';
    const dir = solutionWith(lesson, { 'client.ts': (s) => s.replace(summary, `${summary}\n  process.exitCode = 1;`) });
    const r = await scenario(lesson, dir, 'client-round-trip');
    expect(r.failure!.reason).toBe('exit-code-not-zero');
    expect(r.failure!.summary.en).toBe('client.ts ended after the exchange was over: exited with code 1.');
  });

  test('lesson 03: a client that exits 1 before the echo comes still ended during the exchange', async () => {
    const lesson = loadLesson('lesson-03-echo-stream');
    const dir = solutionWith(lesson, { 'client.ts': (s) => s.replace('  socket.end(payload);', '  socket.end(payload, () => process.exit(1));') });
    const r = await scenario(lesson, dir, 'client-echo-late-in-odd-pieces');
    expect(r.failure!.reason).toBe('exited-during-exchange');
  });

  test('lesson 04: an answer to 60 KiB without a newline is not "the line arrived whole"', async () => {
    const lesson = loadLesson('lesson-04-line-protocol');
    const server = `import net from 'node:net';
const server = net.createServer((socket) => socket.on('data', (d) => socket.write(d.toString() === 'PING\\n' ? 'PONG\\n' : 'ERR unknown command\\n')));
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1');
`;
    const dir = solutionWith(lesson, { 'server.ts': () => server });
    const r = await scenario(lesson, dir, 'line-too-long');
    expect(r.failure!.reason).toBe('answered-incomplete-line');
    expect(r.failure!.summary.en).toContain("hold no '\\n'");
    expect(r.failure!.cause!.en).not.toContain('arrived whole');
  });
});
