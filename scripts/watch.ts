/**
 * `npm run watch <lesson>`: checks the lesson again whenever one of its files is saved. The
 * screen is cleared between runs; saves in quick succession start one run; a save during a
 * run stops that run and starts again. Each run is its own `check` process, so Ctrl-C (or a
 * new save) ends it with everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text } from '../src/i18n.ts';
import { findLesson } from '../src/lessons.ts';
import { COURSE_ROOT } from '../src/paths.ts';

const QUIET_MS = 300;

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  const lang = langOption(values.lang);
  const usage = text('Usage: npm run watch <lesson>   (e.g. npm run watch lesson-01; Ctrl-C to stop)', '사용법: npm run watch <레슨>   (예: npm run watch lesson-01, 멈추려면 Ctrl-C)');
  if (values.help) {
    process.stdout.write(`${pick(usage, lang)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(usage);
  const lesson = findLesson(positionals[0]!);
  const files = new Set(lesson.manifest.files);
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  let runs = 0;
  let stopping = false;

  const run = () => {
    if (child && child.exitCode === null) child.kill('SIGINT'); // the check cleans up after itself
    runs++;
    if (process.stdout.isTTY) process.stdout.write('\u001bc'); // clear the screen
    // Where the screen is not cleared (a log, a pipe, tmux's scrollback) each run is marked.
    if (runs > 1) process.stdout.write(`${separator(runs)}\n`);
    const current = spawn(process.execPath, [path.join(COURSE_ROOT, 'scripts', 'run.mjs'), 'check', lesson.name, '--lang', lang], { stdio: 'inherit' });
    child = current;
    current.once('exit', () => {
      // Not after Ctrl-C, and not for a run a new save has replaced.
      if (stopping || child !== current) return;
      process.stdout.write(`\n${fill(text('Watching {files} — save a file to check again, Ctrl-C to stop.', '{files} 지켜보는 중 — 저장하면 다시 검사합니다. 멈추려면 Ctrl-C.'), { files: [...files].join(', ') })[lang]}\n`);
    });
  };

  const separator = (n: number) => {
    const label = ` ${fill(text('run {n}, {time}', '{n}번째 검사, {time}'), { n, time: new Date().toLocaleTimeString('en-GB') })[lang]} `;
    return `──${label}${'─'.repeat(Math.max(4, 60 - label.length))}`;
  };

  const watcher = fs.watch(lesson.dir, (_event, name) => {
    if (!name || !files.has(path.basename(name.toString()))) return;
    clearTimeout(timer);
    timer = setTimeout(run, QUIET_MS); // one run for a burst of saves
  });

  const stop = () => {
    stopping = true;
    watcher.close();
    clearTimeout(timer);
    if (child && child.exitCode === null) {
      child.kill('SIGINT');
      child.once('exit', () => process.exit(130));
    } else process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  run();
  return new Promise<number>(() => {}); // runs until Ctrl-C
});
