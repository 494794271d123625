/**
 * `npm run bench`: the figures the course promises, measured here and printed (never asserted:
 * machines are noisy). Medians over several runs:
 *   - starting one learner program until it listens (plain node + preload, after one compile),
 *     boxed and unboxed, beside plain `node` and `node --import tsx` for reference;
 *   - `npm run check <lesson> -- --solution` for every lesson, called directly, with the
 *     sandbox and without it, interleaved, with the ratio;
 *   - the checker's own start: from its bundle (what `npm run check` runs) and through tsx;
 *   - lesson 01's check beside learnyounode's `verify` of its TIME SERVER exercise, interleaved,
 *     with the ratio (learnyounode is installed into a temporary folder: scripts/bench-reference.ts);
 *   - each lesson's passing check beside its floor: the checker's start + the lesson's longest
 *     scenario (as runLesson measures it on the reference solution), with the ratio;
 *   - the figures the checks themselves measure on the reference solution (lesson 13: requests
 *     per second under load, the learner's server beside the reference; memory at its peak);
 *   - grading a class of 30 students × the lessons with `npm run grade` (skip with --skip-grade).
 * Usage: npm run bench [<lesson> …] [-- --runs N] [--lessons 1,3] [--students 30] [--jobs 4,8] [--skip-grade | --grade-only]
 *   e.g. `npm run bench lesson-13 -- --skip-grade`
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { listLessonNames, loadLesson, resolveLessonName } from '../src/lessons.ts';
import { COURSE_ROOT } from '../src/paths.ts';
import { startLearnerProgram } from '../src/runner/process.ts';
import { runLesson } from '../src/checks/run-lesson.ts';
import { defaultJobs } from '../src/grade/grade.ts';
import { POINTS_PER_LESSON } from '../src/grade/points.ts';
import { compileLessonFiles } from '../src/runner/transpile.ts';
import { sandboxAvailable, sandboxUnavailableReason } from '../src/runner/sandbox.ts';
import { LEARNYOUNODE, setUpLearnyounode } from './bench-reference.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function row(label: string, ms: number[]): string {
  return `${label.padEnd(52)} ${median(ms).toFixed(0).padStart(6)} ms   (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}, n=${ms.length})`;
}

function timeCommand(cmd: string, args: string[], runs: number, env: Record<string, string> = {}): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(cmd, args, { cwd: COURSE_ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', ...env } });
    out.push(performance.now() - t);
  }
  return out;
}

/** Spawn → listening of lesson 01's server, boxed and unboxed, one after the other. */
async function timeLearnerStart(runs: number): Promise<{ boxed: number[]; unboxed: number[] }> {
  const lesson = loadLesson('lesson-01-hello-tcp');
  const build = await compileLessonFiles(lesson.solutionDir, lesson.manifest.files);
  const times = { boxed: [] as number[], unboxed: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const box of ['boxed', 'unboxed'] as const) {
        const t = performance.now();
        const p = startLearnerProgram({ label: 'server', program: build.programs.get('server.ts')!, env: { HOST: '127.0.0.1', PORT: '0' }, sandbox: box === 'boxed' ? {} : false });
        await p.waitListening('tcp', 10_000);
        times[box].push(performance.now() - t);
        await p.kill();
      }
    }
  } finally {
    build.dispose();
  }
  return times;
}

function ratio(a: number[], b: number[]): string {
  return `${(median(a) / median(b)).toFixed(2)}×`;
}

/** Wall time of one run of a command, and whether it exited 0. */
function timeOnce(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; ok: boolean; cpuMs?: number } {
  const cpuBefore = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: COURSE_ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', ...env } });
  const cpuAfter = childrenCpuMs();
  return { ms: performance.now() - t, ok: r.status === 0, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

/**
 * CPU time (user + system) of every finished child and its waited-for descendants, in ms, from
 * /proc/self/stat (Linux; undefined elsewhere). Counted for unboxed runs only: a box's processes
 * are reaped inside its own pid namespace and do not all reach this sum.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm)": state is field 3, cutime and cstime are fields 16 and 17 (clock ticks).
    const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux the course runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** Target ratios the course promises (printed beside the measured ones, never asserted). */
const TARGET_VS_LEARNYOUNODE = 1.0;
const TARGET_VS_FLOOR = 1.3;

/** A class folder: even-numbered students hand in the solutions, odd-numbered the starters. */
function makeClass(students: number, lessons: string[]): { dir: string; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-class-'));
  for (let i = 0; i < students; i++) {
    for (const name of lessons) {
      const lesson = loadLesson(name);
      const from = i % 2 === 0 ? lesson.solutionDir : lesson.dir;
      const to = path.join(dir, `student-${String(i + 1).padStart(2, '0')}`, name);
      fs.mkdirSync(to, { recursive: true });
      for (const f of lesson.manifest.files) fs.copyFileSync(path.join(from, f), path.join(to, f));
    }
  }
  return { dir, out: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-grades-')) };
}

/** From a bench class's gradebook: solutions not given full points, starters given them. */
function wrongVerdicts(csv: string): { falseFailures: number; falsePasses: number; which: string[] } {
  let falseFailures = 0;
  let falsePasses = 0;
  const which: string[] = [];
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header!.split(',');
  for (const line of rows) {
    const [student, ...cells] = line.split(',');
    const solutions = Number(/\d+/.exec(student!)![0]) % 2 === 1; // student-01, -03, …: i = 0, 2, … in makeClass
    for (const [i, points] of cells.slice(0, -1).map(Number).entries()) {
      const wrong = solutions ? points < POINTS_PER_LESSON : points === POINTS_PER_LESSON;
      if (!wrong) continue;
      if (solutions) falseFailures++;
      else falsePasses++;
      which.push(`${student} ${columns[i + 1]}: ${points} points`);
    }
  }
  return { falseFailures, falsePasses, which };
}

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    runs: { type: 'string' },
    lessons: { type: 'string' },
    'skip-grade': { type: 'boolean' },
    students: { type: 'string' },
    jobs: { type: 'string' },
    'grade-only': { type: 'boolean' },
  });
  const runs = Number(values.runs ?? 5);
  const asked = [...positionals, ...(values.lessons ? values.lessons.split(',') : [])];
  const lessons = asked.length > 0 ? asked.map((q) => resolveLessonName(q)).filter((n): n is string => Boolean(n)) : listLessonNames();
  const cpus = execFileSync(process.execPath, ['-p', 'os.availableParallelism()'], { encoding: 'utf8' }).trim();
  console.log(`socket-course bench — Node ${process.version}, ${process.platform}/${process.arch}, ${cpus} cores\n`);
  if (values['grade-only']) {
    gradeClass(Number(values.students ?? 30), lessons, values.jobs);
    return 0;
  }

  console.log('Starting one program');
  console.log(row('plain node (node -e 0)', timeCommand(process.execPath, ['-e', '0'], runs * 2)));
  console.log(row('node --import tsx (what npx tsx costs)', timeCommand(process.execPath, ['--import', 'tsx', '-e', '0'], runs * 2)));
  const box = sandboxAvailable() ? 'bubblewrap' : `none: ${sandboxUnavailableReason()}`;
  const start = await timeLearnerStart(runs * 4);
  console.log(row('learner server: spawn → listening, boxed', start.boxed));
  console.log(row('learner server: spawn → listening, unboxed', start.unboxed));
  console.log(`${'  the box costs'.padEnd(52)} ${(median(start.boxed) - median(start.unboxed)).toFixed(0).padStart(6)} ms   (${ratio(start.boxed, start.unboxed)}; sandbox: ${box})`);

  console.log('\nThe checker\'s own start (npm run check --help)');
  const bundled = timeCommand(process.execPath, ['scripts/run.mjs', 'check', '--help'], runs * 2);
  const viaTsx = timeCommand(process.execPath, ['--import', 'tsx', 'scripts/check.ts', '--help'], runs * 2);
  console.log(`${row('from its bundle (node scripts/run.mjs check)', bundled)}\n${row('through tsx (node --import tsx scripts/check.ts)', viaTsx)}   → ${ratio(bundled, viaTsx)}`);

  console.log('\nWhat the checks measure, on the reference solution (figures, never pass marks)');
  /** Per lesson, from the same run: its longest scenario (the floor's second half) and its status. */
  const longest = new Map<string, { id: string; ms: number; status: string }>();
  for (const name of lessons) {
    const lesson = loadLesson(name);
    const r = await runLesson(lesson, lesson.solutionDir, { lang: 'en' });
    for (const sc of r.scenarios) for (const f of sc.figures ?? []) console.log(`  ${name} ${sc.id}: ${f.en}`);
    const top = r.scenarios.reduce<(typeof r.scenarios)[number] | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
    longest.set(name, { id: top?.id ?? '-', ms: top?.ms ?? 0, status: r.status });
  }

  console.log('\nChecking a lesson (npm run check <lesson> -- --solution, every scenario), boxed / unboxed');
  const check = (name: string, sandbox: string) => timeOnce(process.execPath, ['scripts/run.mjs', 'check', name, '--solution'], { SOCKET_COURSE_SANDBOX: sandbox });
  /** Each lesson's boxed check times (what `npm run check` does by default) and failed runs, for its floor below. */
  const checkTimes = new Map<string, { ms: number[]; failed: number; cpuMs: number[]; unboxed: number[] }>();
  for (const name of lessons) {
    const boxed: number[] = [];
    const unboxed: number[] = [];
    const cpuMs: number[] = [];
    let failed = 0;
    for (let i = 0; i < runs; i++) {
      const b = check(name, 'auto');
      boxed.push(b.ms);
      if (!b.ok) failed++;
      const u = check(name, 'off');
      unboxed.push(u.ms);
      if (u.cpuMs !== undefined) cpuMs.push(u.cpuMs);
    }
    checkTimes.set(name, { ms: boxed, failed, cpuMs, unboxed });
    console.log(`${row(`${name}, boxed`, boxed)}\n${row(`${name}, unboxed`, unboxed)}   → ${ratio(boxed, unboxed)}`);
  }
  console.log(row('lesson-01 through npm (npm run check …)', timeCommand('npm', ['run', '--silent', 'check', 'lesson-01', '--', '--solution'], runs)));

  console.log(`\nEach lesson's passing check beside its floor: the checker's start (${median(bundled).toFixed(0)} ms) + its longest scenario (target ≤ ${TARGET_VS_FLOOR.toFixed(1)}×)`);
  console.log(`  and its unboxed check beside its CPU floor: the CPU that check used (every process it started; a box's processes cannot all be counted), over ${cpus} cores — it cannot be quicker on this machine`);
  let withinFloor = 0;
  for (const name of lessons) {
    const { ms: boxed, failed, cpuMs, unboxed } = checkTimes.get(name)!;
    const top = longest.get(name)!;
    const floor = median(bundled) + top.ms;
    const r = median(boxed) / floor;
    if (r <= TARGET_VS_FLOOR) withinFloor++;
    const note = [
      failed > 0 ? `the check failed ${failed} of ${runs} runs` : '',
      top.status === 'pass' ? '' : `runLesson on the solution: ${top.status}`,
    ].filter(Boolean).join('; ');
    console.log(`${row(`${name}, boxed`, boxed)}   floor ${floor.toFixed(0).padStart(5)} ms (longest: ${top.id}, ${top.ms} ms)   → ${r.toFixed(2)}× ${r <= TARGET_VS_FLOOR ? 'within' : 'over'}`);
    if (cpuMs.length > 0) {
      const cpuFloor = median(cpuMs) / Number(cpus);
      console.log(`${row(`${name}, unboxed`, unboxed)}   CPU ${median(cpuMs).toFixed(0)} ms / ${cpus} cores = CPU floor ${cpuFloor.toFixed(0)} ms   → ${(median(unboxed) / cpuFloor).toFixed(2)}×`);
    }
    if (note) console.log(`  (${name}: ${note})`);
  }
  console.log(`${`  within ${TARGET_VS_FLOOR.toFixed(1)}× of their floor`.padEnd(52)} ${String(withinFloor).padStart(6)} of ${lessons.length} lessons`);

  console.log(`\nLesson 01's check beside learnyounode's verify (TIME SERVER, ${LEARNYOUNODE}), interleaved (target ≤ ${TARGET_VS_LEARNYOUNODE.toFixed(1)}×)`);
  const lyn = setUpLearnyounode();
  if (lyn instanceof Error) {
    console.log(`  skipped: could not set up learnyounode (${lyn.message})`);
  } else {
    try {
      const ours: number[] = [];
      const theirs: number[] = [];
      let oursFailed = 0;
      let theirsFailed = 0;
      let lastFailure = '';
      for (let i = 0; i < runs; i++) {
        const c = timeOnce(process.execPath, ['scripts/run.mjs', 'check', 'lesson-01', '--solution']);
        ours.push(c.ms);
        if (!c.ok) oursFailed++;
        const v = lyn.verify();
        theirs.push(v.ms);
        if (!v.pass) {
          theirsFailed++;
          lastFailure = v.output.trim().split('\n').slice(-3).join(' | ');
        }
      }
      const passed = (failed: number) => (failed === 0 ? `PASS ${runs}/${runs}` : `FAILED ${failed}/${runs}`);
      console.log(row('check lesson-01 --solution (node scripts/run.mjs)', ours) + `   ${passed(oursFailed)}`);
      console.log(row('learnyounode verify time-server.js', theirs) + `   ${passed(theirsFailed)}`);
      const r = median(ours) / median(theirs);
      console.log(`${'  check lesson-01 / learnyounode verify'.padEnd(52)} ${r.toFixed(2).padStart(6)}×    ${r <= TARGET_VS_LEARNYOUNODE ? 'within' : 'over'} the target`);
      if (theirsFailed > 0) console.log(`  learnyounode's verify did not pass: ${lastFailure}`);
    } finally {
      lyn.dispose();
    }
  }

  if (!values['skip-grade']) gradeClass(Number(values.students ?? 30), lessons, values.jobs);
  return 0;
});

/** Grades a made-up class at several job counts: time, throughput and wrong verdicts. */
function gradeClass(students: number, lessons: string[], jobs: string | undefined): void {
  const { dir, out } = makeClass(students, lessons);
  const lessonArg = lessons.map((n) => n.slice('lesson-'.length, 'lesson-NN'.length)).join(',');
  const jobsList = jobs ? jobs.split(',').map(Number) : [os.availableParallelism(), defaultJobs(), 2 * defaultJobs()];
  console.log(`\nGrading a class (npm run grade; default jobs = ${defaultJobs()}; every other student submits the solutions, the rest the starters)`);
  for (const n of jobsList) {
    const ms = timeCommand(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', dir, '--lessons', lessonArg, '--out', out, '--jobs', String(n)], 1);
    const wrong = wrongVerdicts(fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8'));
    console.log(`${row(`${students} students × ${lessons.length} lessons, ${n} jobs`, ms)}   ${(students * lessons.length * 1000 / ms[0]!).toFixed(2)} lessons/s, ${wrong.falseFailures} false failures, ${wrong.falsePasses} false passes`);
    if (wrong.which.length > 0) {
      // The feedback says what went wrong: kept for reading (a later job count would overwrite it).
      const kept = fs.mkdtempSync(path.join(os.tmpdir(), `bench-wrong-verdicts-${n}-jobs-`));
      fs.cpSync(out, kept, { recursive: true });
      console.log(`  wrong verdicts: ${wrong.which.join('; ')} — the feedback is kept in ${kept}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
}
