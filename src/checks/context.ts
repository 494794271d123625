/**
 * What a scenario works with: the learner's programs (started as real processes), the
 * checker's peers, and the ways to end a scenario (fail with an explanation, or skip).
 * Everything a scenario starts is registered here and torn down by `dispose()`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fill, text, type Text } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import { PeerServer, connectPeer, type LocalEnd } from '../peers/tcp.ts';
import type { PeerSocket } from '../peers/peer-socket.ts';
import { Transcript } from '../peers/transcript.ts';
import { trackTempDir } from '../runner/cleanup.ts';
import { startLearnerProgram, startProcess, type ExitInfo, type ListenInfo, type RunningProgram, type StartOptions } from '../runner/process.ts';
import type { SandboxPaths } from '../runner/sandbox.ts';
import { compileLessonFiles, type Build, type CompiledProgram } from '../runner/transpile.ts';
import { CheckFailure, ScenarioSkipped, type FailureDetails } from './scenario.ts';
import { failureOf, type Facts, type MistakeTable } from './mistakes.ts';
import { compileJava, findPython, hasJava } from './interop.ts';
import { programFailure } from './explain.ts';

export const LOOPBACK = '127.0.0.1';

export interface StartedServer {
  program: RunningProgram;
  port: number;
  listen: ListenInfo;
}

export interface ClientRun {
  program: RunningProgram;
  /** The exit, or 'timeout' if it was still running at the limit (it is then killed). */
  exit: ExitInfo | 'timeout';
  stdout: string;
  stderr: string;
}

export interface ServerOptions {
  file?: string;
  label?: Text;
  env?: Record<string, string>;
  args?: string[];
  /** How long to wait for the listen, in ms. */
  readyMs?: number;
  /** Where the server must listen; default the HOST we pass (127.0.0.1). */
  host?: string;
  proto?: 'tcp' | 'udp';
  keepStdinOpen?: boolean;
  /** More files the program may read in its box (a preload of the scenario's, say). */
  sandbox?: SandboxPaths;
}

export interface ClientOptions {
  file?: string;
  label?: Text;
  port: number;
  host?: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string | Buffer;
  timeoutMs?: number;
  sandbox?: SandboxPaths;
}

interface ProgramOptions {
  label: Text;
  env?: Record<string, string>;
  args?: string[];
  stdin?: string | Buffer;
  keepStdinOpen?: boolean;
  sandbox?: SandboxPaths;
}

/**
 * `R`: the reason ids of the lesson's mistakes table, so `ctx.fail('reason', …)` is checked by
 * the type checker. The context keeps no language: a result is rendered in either later.
 */
export class ScenarioContext<R extends string = string> {
  readonly transcripts: Transcript[] = [];
  readonly programs: RunningProgram[] = [];
  readonly notes: Text[] = [];
  /** Measured figures (requests per second, memory at its peak): reported whether it passes or fails. */
  readonly figures: Text[] = [];
  private readonly peerServers: PeerServer[] = [];
  private readonly peers: PeerSocket[] = [];
  private readonly disposers: Array<() => void> = [];
  private readonly files = new Map<RunningProgram, string>();
  private readonly labels = new Map<RunningProgram, Text>();
  private scratch: string | undefined;
  /** Connections the checker opened or accepted: output limits grow with them. */
  private connections = 0;

  constructor(
    readonly lesson: Lesson,
    readonly build: Build,
    /** Seeds every generated exchange of the run: the same seed replays the same cases. */
    readonly seed = 0,
    /** The lesson's mistakes table: the words of every `fail(reason, …)`. */
    readonly mistakes: MistakeTable = {},
  ) {}

  /** A new exchange to record, drawn as its own diagram (left = client, right = server). */
  transcript(left: Text, right: Text): Transcript {
    const t = new Transcript(left, right);
    this.transcripts.push(t);
    return t;
  }

  /** Context for a failure's explanation: shown only when the scenario fails. */
  note(t: Text): void {
    this.notes.push(t);
  }

  /** A figure the learner should see even when the check passes ("your server 2,940 req/s"). */
  figure(t: Text): void {
    this.figures.push(t);
  }

  /** Ends the scenario with one of the lesson's mistakes (or a failure already made). */
  fail(reason: R, facts?: Facts): never;
  fail(details: FailureDetails): never;
  fail(what: R | FailureDetails, facts?: Facts): never {
    throw new CheckFailure(typeof what === 'string' ? this.mistake(what, facts) : what);
  }

  /** The failure a reason of the table and its facts make, without ending the scenario. */
  mistake(reason: R, facts?: Facts): FailureDetails {
    const m = this.mistakes[reason];
    if (!m) throw new Error(`lesson ${this.lesson.name} has no mistake '${reason}' in its table`);
    return failureOf(reason, m, facts);
  }

  skipScenario(why: Text): never {
    throw new ScenarioSkipped(why);
  }

  /**
   * A real client or peer this machine lacks (python3, a JDK, curl, a browser): a learner's
   * check skips the scenario with the note; where tools are required (CI sets
   * SOCKET_COURSE_REQUIRE_TOOLS=1) it fails, so a green run always means the real thing ran.
   */
  missingTool(why: Text): never {
    if (process.env.SOCKET_COURSE_REQUIRE_TOOLS === '1') {
      this.fail({
        reason: 'tool-missing',
        summary: fill(text('A tool this check needs is missing, and this run requires every tool: {why}', '이 검사에 필요한 도구가 없는데, 이번 실행은 모든 도구를 요구합니다: {why}'), { why }),
        cause: text('SOCKET_COURSE_REQUIRE_TOOLS=1 is set (as in the course\'s CI), so a missing tool fails instead of skipping.', 'SOCKET_COURSE_REQUIRE_TOOLS=1이 설정되어 있어(코스의 CI처럼) 도구가 없으면 건너뛰지 않고 실패합니다.'),
        fix: text('Install the tool (the course README says which each lesson uses), or unset SOCKET_COURSE_REQUIRE_TOOLS.', '도구를 설치하거나(레슨마다 무엇을 쓰는지 코스 README에 있습니다), SOCKET_COURSE_REQUIRE_TOOLS를 지우세요.'),
      });
    }
    throw new ScenarioSkipped(why);
  }

  /**
   * A folder for this scenario's files (input for a program, output to compare), removed when
   * the scenario ends. Programs started after it exists may read and write it in their box.
   */
  scratchDir(): string {
    if (!this.scratch) {
      this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-course-scratch-'));
      this.disposers.push(trackTempDir(this.scratch));
    }
    return this.scratch;
  }

  /** What a program may see in its box beyond its own files. */
  private boxFor(extra: SandboxPaths = {}): SandboxPaths {
    return { readOnly: extra.readOnly, readWrite: [...(this.scratch ? [this.scratch] : []), ...(extra.readWrite ?? [])] };
  }

  /** Starts one of the learner's files as a process (not waiting for anything). */
  startProgram(file: string, o: ProgramOptions): RunningProgram {
    const program = this.build.programs.get(file);
    if (!program) throw new Error(`lesson ${this.lesson.name} has no file ${file} in its manifest`);
    const p = this.startCompiled(program, o);
    this.files.set(p, file);
    return p;
  }

  /** A program's label in both languages: a report is rendered in either, whatever the run's. */
  labelOf(p: RunningProgram): Text {
    return this.labels.get(p) ?? { en: p.label, ko: p.label };
  }

  /** The learner file a program runs (`server.ts`), if it is one of theirs. */
  fileOf(p: RunningProgram): string | undefined {
    return this.files.get(p);
  }

  private startCompiled(program: CompiledProgram, o: ProgramOptions): RunningProgram {
    const limits = this.lesson.manifest.limits;
    const p = startLearnerProgram({
      label: o.label.en,
      program,
      args: o.args,
      env: o.env,
      stdin: o.stdin,
      keepStdinOpen: o.keepStdinOpen,
      outputBytes: () => limits.outputBytes + limits.outputBytesPerConnection * this.connections,
      heapMiB: limits.heapMiB,
      rssMiB: limits.rssMiB,
      processes: limits.processes,
      sandbox: this.boxFor(o.sandbox),
    });
    this.programs.push(p);
    this.labels.set(p, o.label);
    return p;
  }

  /**
   * Starts the learner's server with HOST=127.0.0.1 and PORT=0 and waits until it listens.
   * A server that exits, never listens, ignores PORT or listens elsewhere fails here with
   * the reason, so every scenario explains these the same way.
   */
  async startServer(o: ServerOptions = {}): Promise<StartedServer> {
    const host = o.host ?? LOOPBACK;
    const file = o.file ?? 'server.ts';
    const program = this.startProgram(file, {
      label: o.label ?? text('your server', '내 서버'),
      env: { HOST: host, PORT: '0', ...o.env },
      args: o.args,
      keepStdinOpen: o.keepStdinOpen,
      sandbox: o.sandbox,
    });
    const readyMs = o.readyMs ?? 5000;
    const result = await program.waitListening(o.proto ?? 'tcp', readyMs);
    if (result === 'timeout') {
      this.fail({
        reason: 'server-never-listened',
        summary: text(`${file} did not start listening within ${readyMs} ms.`, `${file}이(가) ${readyMs}ms 안에 listen을 시작하지 않았습니다.`),
        cause: text(
          'The program is still running but never called listen(), or it is stuck before reaching it (a loop that never ends, a wait for input).',
          '프로그램은 실행 중이지만 listen()을 호출하지 않았거나, 그 전에 멈춰 있습니다(끝나지 않는 반복, 입력 대기 등).',
        ),
        fix: text('Call server.listen(PORT, HOST) when the program starts.', '프로그램 시작 시 server.listen(PORT, HOST)를 호출하세요.'),
        section: 'course:the-program-contract',
      });
    }
    if (!('proto' in result)) {
      // With PORT=0 a port can only be in use if the program chose its own.
      if (/EADDRINUSE/.test(program.stderr())) this.fail(this.ignoredPort(file));
      this.fail(programFailure(file, result, program, 'before-listening'));
    }
    this.checkListenAddress(file, result, host);
    return { program, port: result.port, listen: result };
  }

  private ignoredPort(file: string): FailureDetails {
    return {
      reason: 'ignored-port',
      summary: text(`${file} did not listen on the PORT it was given (PORT=0).`, `${file}이(가) 주어진 PORT(PORT=0)로 listen하지 않았습니다.`),
      cause: text(
        'The port is hard-coded. The checker runs many servers at once and picks free ports itself; a fixed port collides.',
        '포트가 코드에 고정되어 있습니다. 검사기는 서버를 여러 개 동시에 띄우고 빈 포트를 직접 고르므로, 고정 포트는 충돌합니다.',
      ),
      fix: text(
        'Read it from the environment: const PORT = Number(process.env.PORT ?? 8080); PORT=0 lets the OS choose a free port.',
        '환경 변수에서 읽으세요: const PORT = Number(process.env.PORT ?? 8080); PORT=0이면 운영체제가 빈 포트를 고릅니다.',
      ),
      section: 'course:the-program-contract',
    };
  }

  private checkListenAddress(file: string, l: ListenInfo, host: string): void {
    if (l.requestedPort !== undefined && Number(l.requestedPort) !== 0) this.fail(this.ignoredPort(file));
    if (l.requestedHost === 'localhost') {
      this.fail({
        reason: 'listens-on-localhost',
        summary: text(`${file} listened on 'localhost' instead of HOST (${host}).`, `${file}이(가) HOST(${host}) 대신 'localhost'에서 listen했습니다.`),
        cause: text(
          "Since Node 17, 'localhost' follows the OS order and may mean ::1 (IPv6) only; the source's Python and Java clients connect to 127.0.0.1 and would be refused.",
          "Node 17부터 'localhost'는 운영체제 순서를 따르므로 ::1(IPv6)만 뜻할 수 있습니다. 원문의 Python·Java 클라이언트는 127.0.0.1로 접속하므로 거부됩니다.",
        ),
        fix: text("Use process.env.HOST ?? '127.0.0.1'.", "process.env.HOST ?? '127.0.0.1'을 쓰세요."),
        section: 'course:the-program-contract',
      });
    }
    if (l.address !== host) {
      const everywhere = l.address === '::' || l.address === '0.0.0.0';
      this.fail({
        reason: everywhere ? 'listens-on-all-interfaces' : 'listens-on-wrong-address',
        summary: text(
          `${file} listened on ${l.address} instead of HOST (${host}).`,
          `${file}이(가) HOST(${host}) 대신 ${l.address}에서 listen했습니다.`,
        ),
        cause: everywhere
          ? text(
              'listen(port) without a host binds every network interface: other machines can reach your program, and Windows and macOS show a firewall prompt.',
              'host 없이 listen(port)를 호출하면 모든 네트워크 인터페이스에 바인딩됩니다. 다른 컴퓨터에서도 접속할 수 있고, Windows와 macOS는 방화벽 경고를 띄웁니다.',
            )
          : text('The host passed to listen() is not the HOST from the environment.', 'listen()에 넘긴 host가 환경 변수 HOST와 다릅니다.'),
        fix: text("Pass the host: server.listen(PORT, process.env.HOST ?? '127.0.0.1').", "host를 넘기세요: server.listen(PORT, process.env.HOST ?? '127.0.0.1')."),
        section: 'course:the-program-contract',
      });
    }
  }

  /** Runs the learner's client to its exit (or kills it at the limit). */
  async runClient(o: ClientOptions): Promise<ClientRun> {
    const program = this.startClient(o);
    return this.finishClient(program, o.timeoutMs ?? 5000);
  }

  startClient(o: ClientOptions): RunningProgram {
    return this.startProgram(o.file ?? 'client.ts', {
      label: o.label ?? text('your client', '내 클라이언트'),
      env: { HOST: o.host ?? LOOPBACK, PORT: String(o.port), ...o.env },
      args: o.args,
      stdin: o.stdin,
      sandbox: o.sandbox,
    });
  }

  async finishClient(program: RunningProgram, timeoutMs: number): Promise<ClientRun> {
    const exit = await program.waitExit(timeoutMs);
    if (!exit) await program.kill();
    return { program, exit: exit ?? 'timeout', stdout: program.stdout(), stderr: program.stderr() };
  }

  /**
   * Connects the checker as a client; a refused connection fails the scenario. `local` binds
   * the checker's end (another loopback address, a chosen port).
   */
  async connect(port: number, transcript: Transcript, host = LOOPBACK, local: LocalEnd = {}): Promise<PeerSocket> {
    const r = await connectPeer(port, host, transcript, 2000, local);
    if (!r.ok) {
      this.fail({
        reason: 'connect-failed',
        summary: text(`Could not connect to ${host}:${port}: ${r.code}.`, `${host}:${port}에 접속하지 못했습니다: ${r.code}.`),
        cause: text(
          'The server reported that it listens, but the connection was refused: it may have closed its listening socket or exited already.',
          '서버는 listen했다고 알렸지만 연결이 거부되었습니다. 이미 리스닝 소켓을 닫았거나 종료했을 수 있습니다.',
        ),
      });
    }
    this.peers.push(r.peer);
    this.connections++;
    return r.peer;
  }

  /** A checker server for the learner's client to connect to. */
  async listenPeer(transcript: Transcript, host = LOOPBACK): Promise<PeerServer> {
    const server = await PeerServer.listen(transcript, host, () => this.connections++);
    this.peerServers.push(server);
    return server;
  }

  /**
   * Runs a program that is not the learner's (Python, Java) with the same limits, box and
   * cleanup; `sandbox.readOnly` names the files it needs from the course (its script).
   */
  startExternal(o: Omit<StartOptions, 'label'> & { label: Text }): RunningProgram {
    const p = startProcess({ ...o, label: o.label.en, outputBytes: o.outputBytes ?? 1_000_000, sandbox: this.boxFor(o.sandbox || {}) });
    this.programs.push(p);
    this.labels.set(p, o.label);
    return p;
  }

  /**
   * One of the course's own TypeScript programs (another lesson's solution, say), compiled
   * and run exactly like a learner program, so its listen is reported the same way.
   */
  async startCourseProgram(file: string, o: ProgramOptions): Promise<RunningProgram> {
    const build = await compileLessonFiles(path.dirname(file), [path.basename(file)]);
    this.disposers.push(build.dispose);
    return this.startCompiled(build.programs.get(path.basename(file))!, o);
  }

  /** `python3 <script>`, or a skip when Python is not installed. */
  startPython(script: string, o: { label: Text; env?: Record<string, string> }): RunningProgram {
    const py = findPython();
    if (!py) this.missingTool(text('python3 is not installed here; this interop check is skipped.', '이 컴퓨터에 python3가 없어 이 상호 운용 검사는 건너뜁니다.'));
    return this.startExternal({ label: o.label, command: py[0]!, args: [...py.slice(1), script], env: o.env, sandbox: { readOnly: [script] } });
  }

  /** `java <Class>` (compiled once and cached), or a skip when no JDK is installed. */
  startJava(source: string, o: { label: Text; env?: Record<string, string> }): RunningProgram {
    if (!hasJava()) this.missingTool(text('No Java JDK (java and javac 11+) here; this interop check is skipped.', '이 컴퓨터에 Java JDK(java, javac 11 이상)가 없어 이 상호 운용 검사는 건너뜁니다.'));
    const { classDir, mainClass } = compileJava(source);
    return this.startExternal({
      label: o.label,
      command: 'java',
      args: ['-Xshare:auto', '-XX:TieredStopAtLevel=1', '-Dfile.encoding=UTF-8', '-cp', classDir, mainClass],
      env: o.env,
      sandbox: { readOnly: [classDir] },
    });
  }

  /**
   * Ends and forgets the programs started since `before` was taken (a generated check's search
   * cases): the report then shows only what the replayed case started.
   */
  async forgetProgramsSince(before: ReadonlySet<RunningProgram>): Promise<void> {
    const later = this.programs.filter((p) => !before.has(p));
    await Promise.all(later.map((p) => p.kill()));
    for (const p of later) this.programs.splice(this.programs.indexOf(p), 1);
  }

  /** Kills every program and closes every socket the scenario opened. */
  async dispose(): Promise<void> {
    for (const p of this.peers) p.destroy();
    await Promise.all(this.programs.map((p) => p.kill()));
    await Promise.all(this.peerServers.map((s) => s.close()));
    for (const d of this.disposers.splice(0)) d();
  }

}
