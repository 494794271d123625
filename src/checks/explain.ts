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

/** The last lines a program printed, for the report. */
export function outputTail(program: RunningProgram, lines = 12): string[] {
  const all = program.allOutput().replace(/\s+$/, '').split('\n');
  return all.filter((l, i) => l !== '' || i > 0).slice(-lines);
}

/** A failure for a program that ended (or was stopped) when it should not have. */
export function programFailure(file: string, exit: ExitInfo, program: RunningProgram, when: 'before-listening' | 'during-exchange'): FailureDetails {
  const how = describeExit(exit);
  const summary =
    when === 'before-listening'
      ? fill(text('{file} ended before it started listening: {how}.', '{file}이(가) listen을 시작하기 전에 끝났습니다: {how}.'), { file, how })
      : fill(text('{file} ended during the exchange: {how}.', '{file}이(가) 주고받는 도중에 끝났습니다: {how}.'), { file, how });
  if (exit.stoppedFor === 'output-limit') {
    return {
      reason: 'output-limit',
      summary,
      cause: text('The program printed without end (a print inside a loop that never stops?).', '프로그램이 끝없이 출력했습니다(멈추지 않는 반복 안의 출력?).'),
      fix: text('Print once per event, and make sure your loops end.', '이벤트마다 한 번만 출력하고, 반복이 끝나는지 확인하세요.'),
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
  return {
    reason: when === 'before-listening' ? 'exited-before-listening' : 'exited-during-exchange',
    summary,
    cause: threw
      ? text('It threw an error: the stack trace above points at the line in your .ts file.', '오류가 발생했습니다. 위의 스택 트레이스가 .ts 파일의 해당 줄을 가리킵니다.')
      : text('It reached the end of its code, or called process.exit(), while it still had work to do.', '할 일이 남았는데 코드의 끝에 닿았거나 process.exit()를 호출했습니다.'),
    fix: text('Read the program\'s output above, then run it by hand: npx tsx <file>.', '위에 나온 프로그램 출력을 읽고, 직접 실행해 보세요: npx tsx <파일>.'),
  };
}
