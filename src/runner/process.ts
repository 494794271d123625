/**
 * Starts a program as a real process (never through a shell or npx, whose wrappers survive a
 * kill), captures its output within a limit, learns where it listens, and kills its whole
 * process tree when asked or when the checker goes away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHECKER_ENV, killTree, track, untrack } from './cleanup.ts';
import { boxedCommand, sandboxAvailable, type SandboxPaths } from './sandbox.ts';
import type { CompiledProgram } from './transpile.ts';
import { descendantAt, HAS_PROC, sampleTrees, type TreeSample } from './tree.ts';

const PRELOAD = fileURLToPath(new URL('./preload.mjs', import.meta.url));

export interface ListenInfo {
  proto: 'tcp' | 'udp';
  address: string;
  family: string;
  port: number;
  /** The host argument the program passed to listen()/bind(), if any. */
  requestedHost?: string;
  /** The port argument it passed (a number, a numeric string, or undefined). */
  requestedPort?: number | string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the engine stopped it, if it did. */
  stoppedFor?: 'output-limit' | 'memory-limit' | 'process-limit' | 'killed';
  /** The figure behind a limit it was stopped for: bytes printed, bytes resident, processes. */
  measured?: number;
  /** The limit itself, in the same unit. */
  limit?: number;
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface StartOptions {
  /** Shown in reports: `server`, `client`, `python client`… */
  label: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Bytes of output allowed before the program is stopped; a function when the limit grows with the work. */
  outputBytes?: number | (() => number);
  /** Resident memory allowed (heap, Buffers and all, the whole process tree) before it is stopped. */
  rssLimitBytes?: number;
  /** Processes the program may have running at once, itself included (Linux). */
  processLimit?: number;
  /** What the box lets it see (Linux with bubblewrap); `false` runs it unboxed. */
  sandbox?: SandboxPaths | false;
  /** Written to stdin; stdin is then closed unless `keepStdinOpen`. */
  stdin?: string | Buffer;
  keepStdinOpen?: boolean;
}

/**
 * Every program the engine starts carries this tag in its environment, and so does whatever
 * it starts: a test (or an instructor) can then list what is left of a run from /proc. The
 * checker's own SOCKET_COURSE_TAG is used when set.
 */
export const RUN_TAG = process.env.SOCKET_COURSE_TAG || `run-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

/** Only what a program needs from the environment: nothing of the caller's secrets. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const keep = ['PATH', 'Path', 'SystemRoot', 'SYSTEMROOT', 'WINDIR', 'TEMP', 'TMP', 'TMPDIR', 'HOME', 'USERPROFILE', 'JAVA_HOME'];
  const env: Record<string, string> = { LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1', SOCKET_COURSE_TAG: RUN_TAG, ...CHECKER_ENV };
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return { ...env, ...extra };
}

/** One read of /proc every 200 ms serves the limits of every running program. */
const watched = new Set<RunningProgram>();
let sampler: NodeJS.Timeout | undefined;

function watchTree(p: RunningProgram): void {
  watched.add(p);
  sampler ??= setInterval(() => {
    const roots = [...watched].filter((w) => w.pid !== undefined && !w.done);
    const samples = sampleTrees(roots.map((w) => w.pid!));
    for (const w of roots) w.onSample(samples.get(w.pid!)!);
  }, 200).unref();
}

function unwatchTree(p: RunningProgram): void {
  watched.delete(p);
  if (watched.size === 0 && sampler) {
    clearInterval(sampler);
    sampler = undefined;
  }
}

/** How long output may still come in after a program's exit (see the 'exit' handler). */
const OUTPUT_SETTLE_MS = 500;

/** bwrap itself: the process the checker starts, and the box's init (pid 1 inside). */
const BOX_PROCESSES = 2;

/** A boxed program killed by a signal exits (through bwrap) with 128 + the signal's number. */
function signalFromBoxedExit(code: number | null): NodeJS.Signals | undefined {
  if (code === null || code <= 128) return undefined;
  return (Object.entries(os.constants.signals) as Array<[NodeJS.Signals, number]>).find(([, n]) => n === code - 128)?.[0];
}

export class RunningProgram {
  readonly label: string;
  readonly output: OutputChunk[] = [];
  readonly listens: ListenInfo[] = [];
  readonly exited: Promise<ExitInfo>;
  exitInfo: ExitInfo | undefined;
  done = false;
  readonly boxed: boolean;
  private outputBytes = 0;
  private stoppedFor: ExitInfo['stoppedFor'];
  private measured: { measured: number; limit: number } | undefined;
  private readonly child: ChildProcess;
  private listenWaiters: Array<() => void> = [];
  private memoryWaiters = new Map<number, (rss: number) => void>();
  private nextMemoryId = 1;

  constructor(private readonly opts: StartOptions) {
    this.label = opts.label;
    this.boxed = opts.sandbox !== false && sandboxAvailable();
    const { command, args } = this.boxed ? boxedCommand(opts.command, opts.args, opts.sandbox || {}) : opts;
    this.child = spawn(command, args, {
      cwd: this.boxed ? undefined : opts.cwd,
      env: cleanEnv({ ...opts.env, ...(this.boxed ? { SOCKET_COURSE_BOXED: '1' } : {}) }),
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32', // its own process group, so we can kill the tree
      windowsHide: true,
    });
    track(this);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        // Only a failed spawn ends us here; IPC send errors after exit are expected noise.
        if (this.child.pid !== undefined) return;
        this.record('stderr', `${err.message}\n`);
        this.finish({ code: null, signal: null }, resolve);
      });
      // 'exit' can come before the last output is read: wait (briefly) for stdout and stderr
      // to end too, so a check never reads a program's output short. A grandchild holding
      // the pipes open must not hold us, hence the limit. The limit ends only after one more
      // turn of the event loop's I/O: when the checker's loop lagged past 500 ms (a loaded
      // machine), the timer would fire before the poll that reads what the program wrote
      // before it exited, and a client that printed its answer was reported as printing nothing.
      this.child.once('exit', (code, signal) => {
        const ended = (s: Readable) => new Promise<void>((r) => (s.readableEnded ? r() : s.once('end', () => r()).once('close', () => r())));
        const limit = new Promise<void>((r) => setTimeout(() => setImmediate(r), OUTPUT_SETTLE_MS).unref());
        const boxedSignal = this.boxed ? signalFromBoxedExit(code) : undefined;
        const how = boxedSignal ? { code: null, signal: boxedSignal } : { code, signal };
        void Promise.race([Promise.all([ended(this.child.stdout!), ended(this.child.stderr!)]), limit]).then(() => this.finish(how, resolve));
      });
    });
    this.child.stdout!.setEncoding('utf8').on('data', (t: string) => this.record('stdout', t));
    this.child.stderr!.setEncoding('utf8').on('data', (t: string) => this.record('stderr', t));
    this.child.stdin!.on('error', () => {}); // the program may exit without reading stdin
    if (opts.stdin !== undefined) this.child.stdin!.write(opts.stdin);
    if (!opts.keepStdinOpen) this.child.stdin!.end();
    this.child.on('message', (msg: unknown) => this.onMessage(msg));
    if (HAS_PROC) watchTree(this);
    else if (opts.rssLimitBytes) this.watchLeaderMemory(opts.rssLimitBytes);
  }

  /** The whole tree's figures, from the shared sampler: held against the limits. */
  onSample(sample: TreeSample): void {
    const { rssLimitBytes, processLimit } = this.opts;
    const processes = sample.processes - (this.boxed ? BOX_PROCESSES : 0);
    if (rssLimitBytes && sample.rssBytes > rssLimitBytes) this.stop('memory-limit', sample.rssBytes, rssLimitBytes);
    else if (processLimit && processes > processLimit) this.stop('process-limit', processes, processLimit);
  }

  /** Without /proc, only the program itself can be measured (through its preload). */
  private watchLeaderMemory(limit: number): void {
    const timer = setInterval(async () => {
      const rss = await this.memory();
      if (rss !== undefined && rss > limit) this.stop('memory-limit', rss, limit);
    }, 200);
    timer.unref();
    void this.exited.then(() => clearInterval(timer));
  }

  private stop(why: NonNullable<ExitInfo['stoppedFor']>, measured: number, limit: number): void {
    if (this.done || this.stoppedFor) return;
    this.stoppedFor = why;
    this.measured = { measured, limit };
    if (this.pid !== undefined) killTree(this.pid);
  }

  /** Why the engine is stopping (or stopped) it, as soon as it decides: before the exit comes. */
  get stopReason(): ExitInfo['stoppedFor'] {
    return this.stoppedFor;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stdout(): string {
    return this.output.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
  }

  stderr(): string {
    return this.output.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
  }

  /** Everything the program printed, in order (stdout and stderr interleaved). */
  allOutput(): string {
    return this.output.map((c) => c.text).join('');
  }

  writeStdin(text: string): void {
    if (!this.child.stdin!.destroyed) this.child.stdin!.write(text);
  }

  /** Waits until the program listens (TCP or UDP as asked), exits, or the time is up. */
  async waitListening(proto: 'tcp' | 'udp', ms: number): Promise<ListenInfo | ExitInfo | 'timeout'> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.listens.find((l) => l.proto === proto);
      if (found) return found;
      if (this.done) return this.exitInfo!;
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.listenWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves with the exit, or undefined if still running after `ms`. */
  async waitExit(ms: number): Promise<ExitInfo | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    const result = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Resident memory in bytes: of the whole tree from /proc on Linux, else from the program's preload. */
  async memory(): Promise<number | undefined> {
    const pid = this.pid;
    if (pid === undefined || this.done) return undefined;
    if (HAS_PROC) return sampleTrees([pid]).get(pid)!.rssBytes;
    const id = this.nextMemoryId++;
    const answer = new Promise<number>((resolve) => this.memoryWaiters.set(id, resolve));
    try {
      this.child.send({ type: 'memory', id });
    } catch {
      return undefined;
    }
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1000).unref());
    return Promise.race([answer, timeout]);
  }

  /**
   * Sends a signal to the program itself. Boxed, the checker's child is bwrap, which does not
   * pass signals on (a SIGTERM to it ends the whole box): the program is the grandchild, under
   * the box's init (pid 1 inside), and that process gets the signal.
   */
  signal(sig: NodeJS.Signals): void {
    if (this.done) return;
    const program = this.boxed && HAS_PROC && this.pid !== undefined ? descendantAt(this.pid, 2) : undefined;
    if (program === undefined) {
      this.child.kill(sig);
      return;
    }
    try {
      process.kill(program, sig);
    } catch {
      // gone meanwhile: its exit is on its way
    }
  }

  /** Kills the program and every process it started; resolves once it is gone. */
  async kill(): Promise<ExitInfo> {
    if (!this.done && this.pid !== undefined) {
      this.stoppedFor ??= 'killed';
      killTree(this.pid);
    }
    return (await this.waitExit(5000)) ?? { code: null, signal: 'SIGKILL', stoppedFor: 'killed' };
  }

  private record(stream: OutputChunk['stream'], t: string): void {
    if (this.stoppedFor === 'output-limit') return;
    this.outputBytes += Buffer.byteLength(t);
    const limit = typeof this.opts.outputBytes === 'function' ? this.opts.outputBytes() : (this.opts.outputBytes ?? 1_000_000);
    if (this.outputBytes > limit) {
      this.output.push({ stream, text: t.slice(0, 200) });
      this.stop('output-limit', this.outputBytes, limit);
      return;
    }
    this.output.push({ stream, text: t });
    if (stream === 'stdout') this.checkReadyLine();
  }

  /**
   * Programs without the preload (Python, Java) announce readiness on stdout with
   * `LISTENING <port>` (TCP) or `LISTENING udp <port>`.
   */
  private checkReadyLine(): void {
    for (const m of this.stdout().matchAll(/^LISTENING (?:(tcp|udp) )?(\d+)\s*$/gm)) {
      const proto = m[1] === 'udp' ? 'udp' : 'tcp';
      if (!this.listens.some((l) => l.proto === proto)) this.addListen({ proto, address: '127.0.0.1', family: 'IPv4', port: Number(m[2]) });
    }
  }

  private onMessage(msg: unknown): void {
    const m = msg as { type?: string } & Partial<ListenInfo> & { id?: number; rss?: number };
    if (m.type === 'listening' && (m.proto === 'tcp' || m.proto === 'udp')) {
      const { proto, address, family, port, requestedHost, requestedPort } = m as ListenInfo;
      this.addListen({ proto, address, family, port, requestedHost, requestedPort });
    } else if (m.type === 'memory' && m.id !== undefined) {
      this.memoryWaiters.get(m.id)?.(m.rss ?? 0);
      this.memoryWaiters.delete(m.id);
    }
  }

  private addListen(info: ListenInfo): void {
    this.listens.push(info);
    for (const w of this.listenWaiters.splice(0)) w();
  }

  private finish(info: ExitInfo, resolve: (i: ExitInfo) => void): void {
    if (this.done) return;
    this.done = true;
    this.exitInfo = { ...info, stoppedFor: this.stoppedFor, ...this.measured };
    untrack(this);
    unwatchTree(this);
    for (const w of this.listenWaiters.splice(0)) w();
    resolve(this.exitInfo);
  }
}

export function startProcess(opts: StartOptions): RunningProgram {
  return new RunningProgram(opts);
}

export interface LearnerStartOptions {
  label: string;
  program: CompiledProgram;
  args?: string[];
  env?: Record<string, string>;
  outputBytes?: number | (() => number);
  heapMiB?: number;
  rssMiB?: number;
  processes?: number;
  /** More than the program's own files that it may see in its box; `false`: unboxed (the bench). */
  sandbox?: SandboxPaths | false;
  stdin?: string | Buffer;
  keepStdinOpen?: boolean;
  cwd?: string;
}

/** `node` with the preload (listen reports, checker watch) before the given arguments. */
export function nodeWithPreload(args: string[]): { command: string; args: string[] } {
  // The preload as a URL, so a Windows drive path works too.
  return { command: process.execPath, args: ['--import', pathToFileURL(PRELOAD).href, ...args] };
}

/**
 * A learner's compiled program under plain node, with source maps and the preload. Boxed, it
 * sees its own compiled file and source map, the preload, and what the scenario lays in.
 */
export function startLearnerProgram(o: LearnerStartOptions): RunningProgram {
  const own = [o.program.output, `${o.program.output}.map`, PRELOAD];
  return startProcess({
    label: o.label,
    ...nodeWithPreload(['--enable-source-maps', `--max-old-space-size=${o.heapMiB ?? 256}`, o.program.output, ...(o.args ?? [])]),
    env: o.env,
    cwd: o.cwd ?? path.dirname(o.program.source),
    outputBytes: o.outputBytes,
    rssLimitBytes: o.rssMiB ? o.rssMiB * 1024 * 1024 : undefined,
    processLimit: o.processes,
    sandbox: o.sandbox === false ? false : { readOnly: [...own, ...(o.sandbox?.readOnly ?? [])], readWrite: o.sandbox?.readWrite },
    stdin: o.stdin,
    keepStdinOpen: o.keepStdinOpen,
  });
}
