/**
 * Turns how a learner program ended into words a beginner can act on: an exit code, a
 * signal, a known crash (unhandled 'error' event, EADDRINUSE, a thrown exception), or the
 * engine stopping it (too much output, still running at the limit).
 */
import { fill, text, type Text } from '../i18n.ts';
import type { ExitInfo, RunningProgram } from '../runner/process.ts';
import type { FailureDetails } from './scenario.ts';

export function describeExit(exit: ExitInfo | 'timeout', limitMs?: number): Text {
  if (exit === 'timeout') {
    return limitMs
      ? fill(text('still running after {ms} ms (stopped by the checker)', '{ms}ms가 지나도 실행 중(검사기가 종료함)'), { ms: limitMs })
      : text('still running (stopped by the checker)', '아직 실행 중(검사기가 종료함)');
  }
  const figures = { measured: exit.measured ?? '?', limit: exit.limit ?? '?' };
  const sizes = { measured: size(exit.measured), limit: size(exit.limit) };
  if (exit.stoppedFor === 'output-limit') return fill(text('stopped: it printed {measured}; the limit for this check is {limit}', '중단됨: {measured}를 출력했습니다. 이 검사의 한도는 {limit}입니다'), sizes);
  if (exit.stoppedFor === 'memory-limit') return fill(text('stopped: it used {measured} of memory (with every process it started); the limit is {limit}', '중단됨: 메모리를 {measured} 썼습니다(시작한 프로세스 모두 포함). 한도는 {limit}입니다'), sizes);
  if (exit.stoppedFor === 'process-limit') return fill(text('stopped: it had {measured} processes running at once; the limit is {limit}', '중단됨: 프로세스를 동시에 {measured}개 실행했습니다. 한도는 {limit}개입니다'), figures);
  if (exit.stoppedFor === 'killed') return text('stopped by the checker', '검사기가 종료함');
  if (exit.signal) return fill(text('killed by signal {s}', '시그널 {s}로 종료됨'), { s: exit.signal });
  return fill(text('exited with code {c}', '종료 코드 {c}(으)로 끝남'), { c: String(exit.code) });
}

/** `1234567` → `1.2 MB`, `32768` → `32.8 kB`: figures a learner can compare with a limit. */
function size(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`;
}

interface KnownCrash {
  pattern: RegExp;
  reason: string;
  cause: Text;
  fix: Text;
  section?: string;
}

const KNOWN_CRASHES: KnownCrash[] = [
  {
    pattern: /EADDRINUSE/,
    reason: 'address-in-use',
    cause: text(
      'The port was already taken (EADDRINUSE): another program, or an earlier copy of yours, is listening on it.',
      '포트가 이미 사용 중입니다(EADDRINUSE). 다른 프로그램이나 이전에 실행한 내 프로그램이 그 포트에서 listen하고 있습니다.',
    ),
    fix: text('Listen on process.env.PORT (the checker passes a free one) and handle the server\'s \'error\' event.', 'process.env.PORT로 listen하고(검사기가 빈 포트를 줍니다) 서버의 \'error\' 이벤트를 처리하세요.'),
    section: 'course:the-program-contract',
  },
  {
    pattern: /Unhandled 'error' event/,
    reason: 'unhandled-error-event',
    cause: text(
      "An 'error' event was emitted with no listener, and Node ends the process when that happens.",
      "'error' 이벤트에 리스너가 없으면 Node는 프로세스를 종료합니다.",
    ),
    fix: text("Add socket.on('error', …) (and server.on('error', …)); log err.code and carry on.", "socket.on('error', …)(그리고 server.on('error', …))를 추가하고 err.code를 기록한 뒤 계속 진행하세요."),
    section: 'course:when-things-go-wrong',
  },
  {
    pattern: /ERR_MODULE_NOT_FOUND|Cannot find (module|package)/,
    reason: 'module-not-found',
    cause: text('An import could not be found.', 'import한 모듈을 찾을 수 없습니다.'),
    fix: text("Import Node's modules as 'node:net', and only files that exist in the lesson folder.", "Node 모듈은 'node:net'처럼 가져오고, 레슨 폴더에 있는 파일만 import하세요."),
  },
];

/** The learner's file and line a stack frame like `    at fn (/…/server.ts:19:21)` names, if it names one. */
function learnerFrame(line: string, learnerFiles: readonly string[]): { file: string; line: number } | undefined {
  if (!/^\s+at /.test(line) || /node_modules|node:internal/.test(line)) return undefined;
  for (const f of learnerFiles) {
    const m = new RegExp(`[\\\\/]${f.replace(/[.]/g, '\\.')}:(\\d+):\\d+\\)?\\s*$`).exec(line);
    if (m) return { file: f, line: Number(m[1]) };
  }
  return undefined;
}

/** `TypeError: x is not a function`, `Error [ERR_MODULE_NOT_FOUND]: …`, `Error: read ECONNRESET`. */
const ERROR_LINE = /^(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)\b/;
/** Node ends an uncaught exception's report with its version: the sign of a crash. */
const CRASH_TRAILER = /^Node\.js v\d+\.\d+\.\d+\s*$/;
/** The first line of Node's crash report: where it was thrown (`/…/server.ts:19`, `node:events:502`). */
const THROWN_AT = /^\S+:\d+\s*$/;

/** What a crash report says, found in a program's output lines. */
interface CrashReport {
  /** Indexes of the lines that tell the story: where, the code and caret, the error, the learner's frame. */
  keyLines: number[];
  errorLine: string;
  where?: { file: string; line: number };
}

function readCrashReport(all: string[], learnerFiles: readonly string[]): CrashReport | undefined {
  let end = -1;
  for (let i = all.length - 1; i >= 0; i--) if (CRASH_TRAILER.test(all[i]!)) { end = i; break; }
  if (end === -1) return undefined;
  let start = end;
  while (start > 0 && !THROWN_AT.test(all[start]!)) start--;
  const keyLines: number[] = [];
  // The code and the caret under it, when they show the learner's own line: the header names
  // their .ts file, or the compiled .mjs the checker runs (whose path and line mean nothing to
  // the learner, so only then is the header left out).
  const header = all[start] ?? '';
  const names = (ext: string) => learnerFiles.some((f) => header.includes(f.replace(/\.ts$/, ext)));
  if (THROWN_AT.test(header) && (names('.ts') || names('.mjs'))) keyLines.push(...(names('.ts') ? [start] : []), start + 1, start + 2);
  let errorAt = all.findIndex((l, i) => i > start && i < end && ERROR_LINE.test(l));
  if (errorAt === -1) errorAt = all.findIndex((l, i) => i > start + 2 && i < end && l.trim() !== ''); // `throw 'text'`
  if (errorAt !== -1) keyLines.push(errorAt);
  let where: CrashReport['where'];
  for (let i = Math.max(errorAt, start); i < end && !where; i++) {
    where = learnerFrame(all[i]!, learnerFiles);
    if (where) keyLines.push(i);
  }
  if (!where) {
    const m = /[\\/]([\w.-]+\.ts):(\d+)\s*$/.exec(header);
    if (m && learnerFiles.includes(m[1]!)) where = { file: m[1]!, line: Number(m[2]) };
  }
  return { keyLines: keyLines.filter((i) => i < all.length), errorLine: errorAt === -1 ? '' : all[errorAt]!.trim(), where };
}

function outputLines(program: RunningProgram): string[] {
  const all = program.allOutput().replace(/\s+$/, '').split('\n');
  while (all.length > 0 && all[0] === '') all.shift();
  return all;
}

/**
 * The lines of a program's output worth showing: the last `lines`, and before them, when the
 * program crashed, the lines a long stack trace would push out of view: where it was thrown, the
 * error itself and the first frame in the learner's own file. `…` marks what is left out.
 */
export function outputTail(program: RunningProgram, lines = 12, learnerFiles: readonly string[] = []): string[] {
  const all = outputLines(program);
  const key = readCrashReport(all, learnerFiles)?.keyLines ?? [];
  // The key lines take the place of the oldest lines of the tail, so the box keeps its size.
  const above = key.filter((i) => i < all.length - lines).length;
  const shown = new Set<number>(key);
  for (let i = Math.max(0, all.length - Math.max(4, lines - above)); i < all.length; i++) shown.add(i);
  const out: string[] = [];
  let last = -1;
  for (const i of [...shown].sort((a, b) => a - b)) {
    if (i === last + 2) out.push(all[i - 1]!); // a gap of one line: the line itself says more than '…'
    else if (i > last + 1) out.push('…');
    out.push(all[i]!);
    last = i;
  }
  return out;
}

/** An uncaught exception (or unhandled 'error' event) that ended a program with a non-zero code. */
export interface Crash {
  program: RunningProgram;
  errorLine: string;
  /** The learner's file and line the stack trace points at, if it does. */
  where?: { file: string; line: number };
}

export function findCrash(program: RunningProgram, learnerFiles: readonly string[]): Crash | undefined {
  const exit = program.exitInfo;
  if (!exit || exit.stoppedFor || exit.code === 0 || exit.code === null) return undefined;
  const report = readCrashReport(outputLines(program), learnerFiles);
  if (!report) return undefined;
  return { program, errorLine: report.errorLine, where: report.where };
}

/** Reasons that already explain how a program ended: a crash found later does not replace them. */
const ENDING_EXPLAINED = /crash|died|exited|unhandled|write-after-end|address-in-use|module-not-found|memory-limit|output-limit|process-limit|stack-trace|error-handler|bind-error|exit-code|checker-error|ignored-port|never-listened/;

/**
 * True when a failure already is about how a program ended: by its reason, or because the
 * lesson's check read the crash and named its cause ("Your server crashed reading bytes that
 * had not arrived yet"), which says more than the general explanation would.
 */
export function explainsProgramEnd(f: FailureDetails): boolean {
  return ENDING_EXPLAINED.test(f.reason) || /\bcrash/i.test(f.summary.en);
}

/**
 * The crash as the finding, in place of what the checker saw because of it (a missing reply,
 * an early FIN): the error line, the learner's file:line, and what to do.
 */
export function crashFailure(crash: Crash, seen: FailureDetails, label: Text = { en: crash.program.label, ko: crash.program.label }): FailureDetails {
  const { program } = crash;
  const file: string | Text = crash.where?.file ?? label;
  const base = programFailure(file, program.exitInfo!, program, 'during-exchange');
  const at = crash.where ? `${crash.where.file}:${crash.where.line}` : undefined;
  const error: string | Text = crash.errorLine || label;
  return {
    ...base,
    summary: crash.where
      ? fill(text('{file} crashed at line {line}: {error}', '{file} {line}번째 줄에서 예외가 발생해 비정상 종료했습니다: {error}'), { file, line: crash.where.line, error })
      : fill(text('{file} crashed: {error}', '{file}이(가) 예외로 비정상 종료했습니다: {error}'), { file, error }),
    actual: fill(text('{how}; before that the check saw: {seen}', '{how}. 그 전에 검사기가 본 것: {seen}'), { how: describeExit(program.exitInfo!), seen: seen.summary }),
    cause: base.reason === 'exited-during-exchange'
      ? text('An exception nobody caught ended the program; what the check saw after that (no reply, a close) follows from the crash.', '아무도 잡지 않은 예외가 프로그램을 끝냈습니다. 그 뒤에 검사기가 본 것(답 없음, 연결 끊김)은 이 비정상 종료의 결과입니다.')
      : base.cause,
    fix: at
      ? fill(text('Open {at}: the stack trace above points at the line that threw. Fix it, then check again.', '{at}을(를) 열어 보세요. 위의 스택 트레이스가 예외를 던진 줄을 가리킵니다. 고친 뒤 다시 검사하세요.'), { at })
      : base.fix,
    section: base.section ?? 'course:when-things-go-wrong',
    collapseKey: `${base.reason}\0${typeof file === 'string' ? file : file.en}`,
  };
}

/** A failure for a program that ended (or was stopped) when it should not have. */
export function programFailure(file: string | Text, exit: ExitInfo, program: RunningProgram, when: 'before-listening' | 'during-exchange' | 'after-exchange'): FailureDetails {
  const how = describeExit(exit);
  const summary =
    when === 'before-listening'
      ? fill(text('{file} ended before it started listening: {how}.', '{file}이(가) listen을 시작하기 전에 끝났습니다: {how}.'), { file, how })
      : when === 'after-exchange'
        ? fill(text('{file} ended after the exchange was over: {how}.', '{file}이(가) 주고받기를 마친 뒤 끝났습니다: {how}.'), { file, how })
        : fill(text('{file} ended during the exchange: {how}.', '{file}이(가) 주고받는 도중에 끝났습니다: {how}.'), { file, how });
  if (exit.stoppedFor === 'output-limit') {
    return {
      reason: 'output-limit',
      summary,
      cause: text(
        'The limit grows with every connection of the check, so a log line per event fits in it. The likely causes, most likely first: logging inside a loop (once per byte or per retry instead of once per event); a loop that never ends with a print in it; printing whole buffers or large objects.',
        '한도는 검사의 연결마다 늘어나므로 이벤트마다 한 줄씩 남기는 로그는 한도 안에 들어갑니다. 가능성이 큰 순서대로: 반복문 안의 로그(이벤트마다 한 번이 아니라 바이트마다, 재시도마다 출력), 출력이 든 끝나지 않는 반복, 버퍼 전체나 큰 객체를 통째로 출력.',
      ),
      fix: text('Print once per event, and short lines (err.code, not the whole error); make sure every loop ends.', '이벤트마다 한 번, 짧게 출력하세요(오류 객체 전체가 아니라 err.code). 모든 반복이 끝나는지도 확인하세요.'),
      section: 'course:the-program-contract',
    };
  }
  if (exit.stoppedFor === 'process-limit') {
    return {
      reason: 'process-limit',
      summary,
      cause: text('The program started processes without end (a spawn or fork inside a loop or an event handler?).', '프로그램이 프로세스를 끝없이 시작했습니다(반복문이나 이벤트 핸들러 안의 spawn·fork?).'),
      fix: text('A socket program needs no child processes: serve every connection from the one event loop.', '소켓 프로그램에는 자식 프로세스가 필요 없습니다. 모든 연결을 하나의 이벤트 루프에서 처리하세요.'),
      section: 'course:when-things-go-wrong',
    };
  }
  // Stopped by the memory watch, or out of V8 heap (or a Buffer too large to allocate).
  if (exit.stoppedFor === 'memory-limit' || /heap out of memory|ERR_OUT_OF_MEMORY|Array buffer allocation failed/.test(program.stderr())) {
    return {
      reason: 'memory-limit',
      summary,
      cause: text('The program kept allocating memory (a buffer that grows without a limit?).', '프로그램이 메모리를 계속 할당했습니다(제한 없이 커지는 버퍼?).'),
      fix: text('Cap what you keep per connection, and never allocate a size a peer tells you without checking it.', '연결마다 보관하는 양에 상한을 두고, 상대가 알려 준 크기를 검사 없이 할당하지 마세요.'),
    };
  }
  const known = KNOWN_CRASHES.find((k) => k.pattern.test(program.stderr()));
  if (known) return { reason: known.reason, summary, cause: known.cause, fix: known.fix, section: known.section };
  const threw = /^\s+at .*\.ts:\d+/m.test(program.stderr()) || /Error/.test(program.stderr());
  if (when === 'after-exchange' && !threw && !exit.signal && exit.code !== 0) {
    return {
      reason: 'exit-code-not-zero',
      summary,
      cause: text(
        'Nothing crashed and the exchange was over, but the exit code says the program failed: a process.exitCode = 1 (or process.exit(1)) on a path a correct run takes, such as a reply you did not expect.',
        '아무것도 죽지 않았고 주고받기도 끝났는데, 종료 코드는 프로그램이 실패했다고 말합니다. 올바른 실행도 지나는 경로(예상과 다른 답을 받은 경우 등)에 process.exitCode = 1(이나 process.exit(1))이 있습니다.',
      ),
      fix: text(
        'Exit with code 0 whenever the exchange went as the lesson says, whatever the peer sent; keep other codes for the failures the lesson names.',
        '주고받기가 레슨이 말한 대로 끝났다면 상대가 무엇을 보냈든 종료 코드 0으로 끝내세요. 다른 코드는 레슨이 정한 실패에만 쓰세요.',
      ),
      section: 'course:the-program-contract',
    };
  }
  return {
    reason: when === 'before-listening' ? 'exited-before-listening' : 'exited-during-exchange',
    summary,
    cause: threw
      ? text('It threw an error: the stack trace above points at the line in your .ts file.', '오류가 발생했습니다. 위의 스택 트레이스가 .ts 파일의 해당 줄을 가리킵니다.')
      : text('It reached the end of its code, or called process.exit(), while it still had work to do.', '할 일이 남았는데 코드의 끝에 닿았거나 process.exit()를 호출했습니다.'),
    fix: text('Read the program\'s output above, then run it by hand: npx tsx <file>.', '위에 나온 프로그램 출력을 읽고, 직접 실행해 보세요: npx tsx <파일>.'),
  };
}
