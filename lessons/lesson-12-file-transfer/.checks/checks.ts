/**
 * Lesson 12 — hidden checks for the file server and the upload client: the scenario list.
 *
 *   PUT <name> <size> <sha256hex>\n + exactly <size> bytes → "OK <sha256hex>\n" | "ERR checksum\n"
 *       | "ERR size\n" (FIN before the body ended) | "ERR too large\n" (> 1 GiB)
 *   GET <name>\n → "OK <size> <sha256hex>\n" + the bytes | "ERR not found\n"
 *   a bad name → "ERR bad name\n"; anything else → "ERR bad header\n"; the server then closes.
 *
 * The checker plays the client against the learner's server (small files byte-exact, 160 MiB
 * uploads and 160 MiB downloads to a reader that pauses, with the server's memory sampled all
 * the while; a reset at 50 %; generated requests held to the model in model.ts), the server
 * against the learner's client (a 160 MiB upload read slowly, the client's memory sampled), and
 * lets both meet; a Python client (hashlib, sendall) uploads and downloads against the learner's
 * server. Steps are in steps.ts, the words of every failure in mistakes.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptClient, describeExit, fill, programFailure, quoted, text, type PeerSocket, type Text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated, type Mismatch } from '../../../src/checks/generate.ts';
import { mistakes } from './mistakes.ts';
import { EMPTY_SHA, answer, cornerCases, prngBytes, putHeader, requestsCases, sha256, type Request, type RequestsCase } from './model.ts';
import {
  MEMORY_HEADROOM,
  MiB,
  WAIT,
  bulkReader,
  clearFolder,
  crashOf,
  detach,
  expectAnswer,
  failIfCrashed,
  hashOnDisk,
  judge,
  listFolder,
  memoryFacts,
  mib,
  play,
  readFolder,
  sampleMemory,
  sendBody,
  seedSha,
  startFileServer,
  who,
  writeSeedFile,
  type Ctx,
  type FileServer,
  type Program,
} from './steps.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
const BIG = 160 * MiB;

const req = (shown: string, bytes: Buffer, cuts: number[] = [], fin = false): Request => ({ shown, bytes, cuts, fin });
const putOf = (name: string, body: Buffer, cuts: number[] = []) => req(`PUT ${name} (${body.length} bytes)`, Buffer.concat([putHeader(name, body.length, sha256(body)), body]), cuts);

/**
 * A small upload first: it loads what the server loads lazily, and fails fast where nothing
 * works (one 2-second wait, then the scenario stops with its reason). No probe for a lost body
 * here: put-small-files names that mistake; these scenarios call it no-reply.
 */
async function warmUp(ctx: Ctx, fsrv: FileServer): Promise<void> {
  await expectAnswer(ctx, fsrv, putOf('warm-up.txt', Buffer.from('warm up\n')));
}

// ───────────────────────────── big uploads and downloads ─────────────────────────────

/** Uploads `size` bytes of the seed's stream as `name` and samples the server's memory meanwhile. */
async function bigUpload(ctx: Ctx, fsrv: FileServer, name: string, seed: number, size: number) {
  const sha = seedSha(seed, size);
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(fsrv.server.port, t);
  let reply = Buffer.alloc(0);
  detach(peer, (c) => (reply = Buffer.concat([reply, c])));
  const header = putHeader(name, size, sha);
  t.data(peer.sendDir, header);
  peer.socket.write(header);
  t.note(fill(text('… {n} MiB of body, 64 KiB per write, waiting for drain as a good client does …', '… 본문 {n}MiB, write마다 64KiB, 좋은 클라이언트처럼 drain을 기다리며 …'), { n: mib(size) }));
  const memory = sampleMemory(fsrv.server.program);
  const started = Date.now();
  const sent = await sendBody(peer, seed, size, { stallMs: 4000 });
  await peer.waitFor(() => reply.includes(0x0a) || peer.closed !== undefined, WAIT + 2000);
  await new Promise((r) => setTimeout(r, 50));
  const peak = await memory.stop();
  const line = reply.includes(0x0a) ? reply.subarray(0, reply.indexOf(0x0a)).toString('utf8').replace(/\r$/, '') : undefined;
  if (line !== undefined) t.data(peer.recvDir, reply.subarray(0, reply.indexOf(0x0a) + 1));
  return { peer, sha, sent, line, peak, ms: Date.now() - started };
}

async function bigUploadScenario(ctx: Ctx): Promise<void> {
  const fsrv = await startFileServer(ctx);
  await warmUp(ctx, fsrv);
  const base = await fsrv.server.program.memory();
  const r = await bigUpload(ctx, fsrv, 'big.bin', 12, BIG);
  await failIfCrashed(ctx, fsrv.server.program, 0);
  if (base !== undefined && r.peak !== undefined && r.peak > base + MEMORY_HEADROOM) {
    ctx.fail('upload-buffered-in-memory', memoryFacts(base, r.peak, BIG));
  }
  if (r.sent.stalled) ctx.fail('upload-stalled', { vars: { sent: mib(r.sent.sent), size: mib(BIG) }, expected: fill(text('the server reads all {size} MiB', '서버가 {size}MiB를 다 읽음'), { size: mib(BIG) }), actual: fill(text('it stopped reading after {sent} MiB', '{sent}MiB 뒤로 읽지 않음'), { sent: mib(r.sent.sent) }) });
  const want = `OK ${r.sha}`;
  if (r.line !== want) {
    const expected = quoted(`${want}\n`);
    const actual = r.line === undefined ? text('no reply line', '응답 줄 없음') : quoted(`${r.line}\n`);
    if (r.line === 'ERR checksum') ctx.fail('body-decoded-as-text', { vars: { sent: 'PUT big.bin (160 MiB)', got: r.line, want }, expected, actual });
    if (r.line === undefined) ctx.fail('no-reply', { vars: { sent: 'PUT big.bin (160 MiB)', ms: WAIT }, expected, actual });
    ctx.fail('wrong-reply', { vars: { sent: 'PUT big.bin (160 MiB)', got: r.line, want }, expected, actual });
  }
  const onDisk = await hashOnDisk(path.join(fsrv.dir, 'big.bin'));
  if (!onDisk || onDisk.sha !== r.sha) {
    ctx.fail(onDisk ? 'stored-file-differs' : 'ok-but-not-stored', { vars: { name: 'big.bin', n: onDisk?.size ?? 0, size: BIG }, expected: text('big.bin, 167772160 bytes, the sha256 of the upload', 'big.bin, 167772160바이트, 업로드의 sha256'), actual: onDisk ? fill(text('{n} bytes, sha256 {h}', '{n}바이트, sha256 {h}'), { n: onDisk.size, h: onDisk.sha }) : text('no such file', '파일 없음') });
  }
  const left = listFolder(fsrv.dir).filter((n) => n !== 'big.bin' && n !== 'warm-up.txt');
  if (left.length > 0) ctx.fail('temp-file-left', { vars: { files: left.join(', ') }, expected: text('big.bin and warm-up.txt', 'big.bin과 warm-up.txt'), actual: listFolder(fsrv.dir).join(', ') });
  ctx.note(fill(text('server memory (RSS): {base} MiB after start, {peak} MiB at most during the 160 MiB upload ({ms} ms)', '서버 메모리(RSS): 시작 후 {base}MiB, 160MiB 업로드 중 최고 {peak}MiB ({ms}ms)'), { base: mib(base), peak: mib(r.peak), ms: r.ms }));
}

async function bigDownloadScenario(ctx: Ctx): Promise<void> {
  const size = 160 * MiB;
  const fsrv = await startFileServer(ctx);
  await warmUp(ctx, fsrv);
  // Written once the server has answered: a server that does not answer fails without waiting for it.
  const sha = await writeSeedFile(path.join(fsrv.dir, 'movie.bin'), 96, size);
  const base = await fsrv.server.program.memory();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(fsrv.server.port, t);
  const samples: number[] = [];
  const reader = bulkReader(peer, { pauses: [4 * MiB, 40 * MiB], pauseMs: 700, onPause: () => void fsrv.server.program.memory().then((m) => m !== undefined && samples.push(m)) });
  const memory = sampleMemory(fsrv.server.program);
  t.data(peer.sendDir, Buffer.from('GET movie.bin\n'));
  peer.socket.write('GET movie.bin\n');
  t.note(text('… the checker reads 4 MiB, stops reading for 700 ms, reads on to 40 MiB, stops for 700 ms again, then reads the rest …', '… 검사기가 4MiB를 읽고 700ms 동안 읽기를 멈췄다가, 40MiB까지 읽고 다시 700ms 멈춘 뒤 나머지를 읽음 …'));
  const wantLine = `OK ${size} ${sha}`;
  const done = await reader.until(() => reader.body() >= size || (reader.line() !== undefined && !reader.line()!.startsWith('OK')), 3000);
  const peak = await memory.stop();
  await failIfCrashed(ctx, fsrv.server.program, 0);
  const line = reader.line();
  if (line !== wantLine) {
    const expected = quoted(`${wantLine}\n`);
    const actual = line === undefined ? nothingFor(3000) : quoted(`${line}\n`);
    if (line === undefined) ctx.fail('no-reply', { vars: { sent: 'GET movie.bin', ms: 3000 }, expected, actual });
    ctx.fail('get-wrong-header', { vars: { sent: 'GET movie.bin', got: line, want: wantLine }, expected, actual });
  }
  const all = Math.max(peak ?? 0, ...samples);
  if (base !== undefined && all > base + MEMORY_HEADROOM) ctx.fail('download-buffered-in-memory', memoryFacts(base, all, size));
  if (!done || reader.body() !== size || reader.sha() !== sha) {
    ctx.fail('get-body-differs', {
      vars: { sent: 'GET movie.bin (160 MiB)', n: reader.body(), size },
      expected: fill(text('{size} bytes, sha256 {h}', '{size}바이트, sha256 {h}'), { size, h: sha }),
      actual: fill(text('{n} bytes{how}', '{n}바이트{how}'), { n: reader.body(), how: done ? '' : ', then nothing more' }),
    });
  }
  const closed = await peer.waitClosed(WAIT);
  if (closed === 'timeout') ctx.fail('no-close-after-reply', { vars: { sent: 'GET movie.bin', ms: WAIT }, expected: text('the file, then the server closes', '파일, 그다음 서버가 닫음'), actual: fill(text('the file, and the connection still open after {ms} ms', '파일, 그리고 {ms}ms 뒤에도 연결이 열려 있음'), { ms: WAIT }) });
  ctx.note(fill(text('server memory (RSS): {base} MiB after start, {peak} MiB at most while the 160 MiB file went to a reader that paused', '서버 메모리(RSS): 시작 후 {base}MiB, 멈추는 독자에게 160MiB 파일을 보내는 동안 최고 {peak}MiB'), { base: mib(base), peak: mib(all) }));
}

const nothingFor = (ms: number) => fill(text('nothing for {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms });

async function resetScenario(ctx: Ctx): Promise<void> {
  const old = Buffer.from('the old version of report.pdf\n');
  const fsrv = await startFileServer(ctx, [['report.pdf', old]]);
  await warmUp(ctx, fsrv);
  const size = 16 * MiB;
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(fsrv.server.port, t);
  detach(peer, () => {});
  const header = putHeader('report.pdf', size, seedSha(7, size));
  t.data(peer.sendDir, header);
  peer.socket.write(header);
  t.note(text('… 8 MiB of the 16 MiB body (50 %) …', '… 16MiB 본문 중 8MiB(50%) …'));
  await sendBody(peer, 7, size, { stopAt: size / 2 });
  // Let the server write what it got, so a partial file exists before the reset: the kernel
  // buffers hold megabytes, so on a loaded machine the server may not have read any of it yet
  // (a reset then would discard it unread, and a server that never cleans up would pass).
  const before = Date.now();
  while (Date.now() - before < 4000) {
    const parts = listFolder(fsrv.dir).filter((n) => !['report.pdf', 'warm-up.txt'].includes(n));
    if (parts.some((n) => (fs.statSync(path.join(fsrv.dir, n), { throwIfNoEntry: false })?.size ?? 0) >= 4 * MiB)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const during = listFolder(fsrv.dir);
  peer.reset();
  t.note(fill(text('UPLOAD_DIR just before the reset: {list}', '리셋 직전 UPLOAD_DIR: {list}'), { list: during.join(', ') }));
  await new Promise((r) => setTimeout(r, 200));
  const crash = await crashOf(ctx, fsrv.server.program, 300);
  if (crash) ctx.fail(crash);
  // The partial file must go, the old report.pdf must stay as it was.
  const deadline = Date.now() + 2000;
  let now = listFolder(fsrv.dir);
  while (now.join() !== ['report.pdf', 'warm-up.txt'].join() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    now = listFolder(fsrv.dir);
  }
  const expected = text('UPLOAD_DIR holds report.pdf (the old one) and warm-up.txt, nothing else', 'UPLOAD_DIR에 (예전) report.pdf와 warm-up.txt만 있음');
  const actual = fill(text('UPLOAD_DIR holds: {list}', 'UPLOAD_DIR의 내용: {list}'), { list: now.join(', ') || '—' });
  const kept = fs.existsSync(path.join(fsrv.dir, 'report.pdf')) ? fs.readFileSync(path.join(fsrv.dir, 'report.pdf')) : undefined;
  if (!kept || !kept.equals(old)) ctx.fail('failed-upload-replaced-file', { vars: { sent: 'an upload of report.pdf reset at 50 %', name: 'report.pdf' }, expected, actual: fill(text('{a}; report.pdf is {n} bytes now', '{a}; report.pdf가 이제 {n}바이트'), { a: actual, n: kept?.length ?? 0 }) });
  const left = now.filter((n) => !['report.pdf', 'warm-up.txt'].includes(n));
  if (left.length > 0) ctx.fail('partial-left-after-reset', { vars: { files: left.join(', ') }, expected, actual });
  // And it still serves.
  await expectAnswer(ctx, fsrv, putOf('after-reset.txt', Buffer.from('still here\n')));
}

// ───────────────────────────── generated requests ─────────────────────────────

function describeCase(c: RequestsCase): Text {
  const setup = c.setup.length ? `files ${c.setup.map(([n, b]) => `${n} (${b.length} B)`).join(', ')}; ` : '';
  return fill(text('{setup}{list}', '{setup}{list}'), { setup, list: c.requests.map((r) => `${r.shown}${r.cuts.length ? ` [cut at ${r.cuts.join(', ')}]` : ''}`).join(' · ') });
}

async function generatedRequests(ctx: Ctx): Promise<void> {
  const fsrv = await startFileServer(ctx);
  // A server that does not answer a plain upload fails here, once, not in a search that shrinks
  // and replays a case of 2-second waits.
  await warmUp(ctx, fsrv);
  await checkGenerated(ctx, {
    cases: requestsCases,
    examples: cornerCases(),
    describe: describeCase,
    runs: 30,
    ms: 5000,
    async run(c, transcript): Promise<Mismatch | undefined> {
      const crash = await crashOf(ctx, fsrv.server.program, 0);
      if (crash) return crash;
      clearFolder(fsrv.dir);
      for (const [n, b] of c.setup) fs.writeFileSync(path.join(fsrv.dir, n), b);
      for (const r of c.requests) {
        const want = answer(readFolder(fsrv.dir), r.bytes, r.fin);
        const { got, peer } = await play(ctx, fsrv.server.port, r, transcript(who.checker, who.server));
        peer.destroy();
        const f = await judge(ctx, fsrv, r, want, got);
        if (f) return f;
      }
      return undefined;
    },
  });
}

// ───────────────────────────── the learner's client ─────────────────────────────

interface ClientUpload {
  peer: PeerSocket;
  line?: string;
  body: number;
  sha: string;
  peak?: number;
}

/** Runs the client on `file`, accepts its connection and reads its header and body (pausing if asked). */
async function acceptUpload(ctx: Ctx, file: string, o: { pauses?: number[]; reply: (sha: string) => string | undefined }): Promise<{ client: Program; up: ClientUpload; wantHeader: string; size: number }> {
  const size = fs.statSync(file).size;
  const sha = (await hashOnDisk(file))!.sha;
  const wantHeader = `PUT ${path.basename(file)} ${size} ${sha}`;
  const t = ctx.transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port, args: [file] });
  const memory = sampleMemory(client);
  const peer = await acceptClient(ctx, server, client, 5000);
  const reader = bulkReader(peer, { pauses: o.pauses ?? [], pauseMs: 700 });
  if (o.pauses?.length) t.note(text('… the checker reads slowly: it stops reading for 700 ms at 4 MiB and at 32 MiB …', '… 검사기가 천천히 읽음: 4MiB와 32MiB에서 700ms씩 읽기를 멈춤 …'));
  await reader.until(() => reader.line() !== undefined && reader.body() >= size, 3000);
  const line = reader.line();
  const expected = quoted(`${wantHeader}\n`);
  if (line === undefined) {
    const exit = client.exitInfo ?? (await client.waitExit(300));
    if (exit && exit.code !== 0 && /^\s+at .*\.ts:\d+/m.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
    const how = peer.closed ? fill(text('nothing, then {how}', '아무것도 없이 {how}'), { how: peer.closed.toUpperCase() }) : nothingFor(3000);
    ctx.fail('client-wrong-header', { vars: { got: '(nothing)', want: wantHeader }, expected, actual: how });
  }
  if (line !== wantHeader) ctx.fail('client-wrong-header', { vars: { got: line, want: wantHeader }, expected, actual: quoted(`${line}\n`) });
  // A little longer: bytes beyond the size would show here.
  await reader.until(() => false, 150);
  const up: ClientUpload = { peer, line, body: reader.body(), sha: reader.sha() };
  if (up.body !== size || up.sha !== sha) {
    ctx.fail('client-body-differs', {
      vars: { n: up.body, size },
      expected: fill(text('{size} bytes after the header, sha256 {h}', '헤더 뒤에 {size}바이트, sha256 {h}'), { size, h: sha }),
      actual: fill(text('{n} bytes, sha256 {h}', '{n}바이트, sha256 {h}'), { n: up.body, h: up.sha }),
    });
  }
  const reply = o.reply(sha);
  if (reply !== undefined) {
    t.data(peer.sendDir, Buffer.from(reply));
    peer.socket.write(reply);
  }
  up.peak = await memory.stop();
  return { client, up, wantHeader, size };
}

async function expectClientResult(ctx: Ctx, client: Program, o: { line: string | undefined; code: 0 | 1; peer: PeerSocket; closeAfterMs?: number }): Promise<void> {
  let exit = await client.waitExit(o.closeAfterMs ?? WAIT);
  if (!exit) {
    o.peer.halfClose();
    exit = await client.waitExit(1000);
  }
  if (!exit) await client.kill();
  const want = o.line === undefined ? '' : `${o.line}\n`;
  const stdout = client.stdout().replace(/\r\n/g, '\n');
  const expected = fill(text('{out}, then exit code {code}', '{out}, 그다음 종료 코드 {code}'), { out: want ? quoted(want) : text('nothing on stdout', '표준 출력 없음'), code: o.code });
  const actual = fill(text('{out} ({how})', '{out} ({how})'), { out: stdout ? quoted(stdout, 200) : text('nothing printed', '출력 없음'), how: exit ? describeExit(exit) : describeExit('timeout', WAIT + 1000) });
  if (!exit) ctx.fail('client-hangs', { expected, actual });
  if (stdout !== want) ctx.fail('client-wrong-output', { expected, actual });
  if (exit.code !== o.code) {
    if (o.code === 0 && /^\s+at .*\.ts:\d+/m.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
    ctx.fail('client-wrong-exit-code', { vars: { got: String(exit.code), want: o.code }, expected, actual });
  }
}

function clientFile(ctx: Ctx, name: string, content: Buffer): string {
  const dir = path.join(ctx.scratchDir(), 'files');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const PY = 'upload.py';

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'put-small-files',
      title: text('server: PUT of 4 KiB of text, then of binary bytes, header and body in ONE write → OK <sha256>, the file stored byte for byte (T1)', '서버: 4KiB 텍스트와 바이너리 PUT, 헤더와 본문을 한 번의 write로 → OK <sha256>, 파일이 바이트 그대로 저장 (T1)'),
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        const textBody = Buffer.from('안녕하세요, file transfer!\n'.repeat(160).slice(0, 4096));
        await expectAnswer(ctx, fsrv, putOf('hello.txt', textBody), { probe: true });
        await expectAnswer(ctx, fsrv, putOf('noise.bin', prngBytes(4, 4096)), { probe: true });
        await expectAnswer(ctx, fsrv, req('GET noise.bin', Buffer.from('GET noise.bin\n')));
      },
    },
    {
      id: 'put-header-split',
      title: text('server: a header cut in 3 writes (inside the size and inside the checksum), then the body in pieces (T7)', '서버: 세 번에 나눠 온 헤더(크기 한가운데, 체크섬 한가운데), 그다음 조각난 본문 (T7)'),
      timing: true,
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        const body = prngBytes(5, 10_000);
        const head = putHeader('split.bin', body.length, sha256(body));
        // "PUT split.bin 10" | "000 <first half of the hash>" | "<rest>\n" + body in 3 pieces
        await expectAnswer(ctx, fsrv, req('PUT split.bin (10000 bytes), the header cut inside the size and the checksum', Buffer.concat([head, body]), [16, 50, head.length + 1000, head.length + 7000]));
      },
    },
    {
      id: 'put-big-memory',
      title: text('server: a 160 MiB upload → OK and the file intact, while the server stays within its baseline + 96 MiB of memory (T2)', '서버: 160MiB 업로드 → OK, 파일이 온전하고, 그동안 서버 메모리는 기준 + 96MiB 안 (T2)'),
      limitMs: 20000,
      run: bigUploadScenario,
    },
    {
      id: 'get-big-slow-reader',
      title: text('server: GET of 160 MiB by a reader that stops reading twice for 700 ms → every byte arrives, memory within baseline + 96 MiB (T3)', '서버: 700ms씩 두 번 읽기를 멈추는 독자의 160MiB GET → 모든 바이트 도착, 메모리는 기준 + 96MiB 안 (T3)'),
      limitMs: 20000,
      timing: true,
      run: bigDownloadScenario,
    },
    {
      id: 'bad-checksum',
      title: text('server: a wrong checksum → ERR checksum; nothing stored, the old file of that name untouched (T4)', '서버: 틀린 체크섬 → ERR checksum, 아무것도 저장 안 되고 같은 이름의 예전 파일은 그대로 (T4)'),
      async run(ctx) {
        const fsrv = await startFileServer(ctx, [['data.csv', Buffer.from('id,value\n1,old\n')]]);
        const body = Buffer.from('id,value\n1,new\n2,new\n');
        await expectAnswer(ctx, fsrv, req('PUT data.csv with a checksum of other bytes', Buffer.concat([putHeader('data.csv', body.length, sha256('something else')), body])));
        await expectAnswer(ctx, fsrv, req('PUT fresh.csv with a checksum of other bytes', Buffer.concat([putHeader('fresh.csv', body.length, EMPTY_SHA), body])));
      },
    },
    {
      id: 'reset-at-half',
      title: text('server: an upload reset (RST) at 50 % → the partial file removed, the old file kept, the server still serving (T5)', '서버: 50%에서 리셋(RST)된 업로드 → 부분 파일 삭제, 예전 파일 유지, 서버는 계속 동작 (T5)'),
      limitMs: 15000,
      run: resetScenario,
    },
    {
      id: 'fin-before-body-ends',
      title: text('server: the client closes its side (FIN) after 5000 of 10000 bytes → ERR size, nothing stored', '서버: 10000바이트 중 5000바이트 뒤에 클라이언트가 자기 쪽을 닫음(FIN) → ERR size, 저장 안 됨'),
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        const body = prngBytes(6, 10_000);
        await expectAnswer(ctx, fsrv, req('PUT half.bin claiming 10000 bytes, 5000 sent, then FIN', Buffer.concat([putHeader('half.bin', body.length, sha256(body)), body.subarray(0, 5000)]), [], true));
      },
    },
    {
      id: 'unsafe-names',
      title: text('server: names that escape UPLOAD_DIR or break the rule (../../etc/passwd, .., .hidden, a/b, 65 characters, 파일.txt) → ERR bad name, nothing written (T6)', '서버: UPLOAD_DIR을 벗어나거나 규칙을 어기는 이름(../../etc/passwd, .., .hidden, a/b, 65자, 파일.txt) → ERR bad name, 아무것도 쓰지 않음 (T6)'),
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        const body = Buffer.from('owned\n');
        for (const name of ['../escape.txt', '../../etc/passwd', '..', '.hidden', 'a/b', 'x'.repeat(65), '파일.txt', `../${'outside.txt'}`]) {
          await expectAnswer(ctx, fsrv, req(`PUT ${JSON.stringify(name)}`, Buffer.concat([putHeader(name, body.length, sha256(body)), body])));
        }
        for (const name of ['../outside.txt', '..', 'a/../../outside.txt']) await expectAnswer(ctx, fsrv, req(`GET ${JSON.stringify(name)}`, Buffer.from(`GET ${name}\n`)));
        // The rule's edges that are allowed: 64 characters, dots and dashes inside.
        await expectAnswer(ctx, fsrv, putOf('x'.repeat(64), body));
        await expectAnswer(ctx, fsrv, putOf('-v1.2_final..txt', body));
      },
    },
    {
      id: 'bad-headers',
      title: text('server: a size over 1 GiB → ERR too large at once; a missing file → ERR not found; malformed headers and 2000 bytes with no "\\n" → ERR bad header', '서버: 1GiB를 넘는 크기 → 바로 ERR too large, 없는 파일 → ERR not found, 잘못된 헤더와 "\\n" 없는 2000바이트 → ERR bad header'),
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        await expectAnswer(ctx, fsrv, req('PUT huge.iso claiming 5 GiB', putHeader('huge.iso', 5 * 1024 * 1024 * 1024, sha256('x'))));
        await expectAnswer(ctx, fsrv, req('PUT huge.iso claiming 1 GiB + 1', putHeader('huge.iso', 1024 * 1024 * 1024 + 1, sha256('x'))));
        await expectAnswer(ctx, fsrv, req('GET missing.txt', Buffer.from('GET missing.txt\n')));
        await expectAnswer(ctx, fsrv, req('PUT a.txt with size "12x"', Buffer.concat([putHeader('a.txt', '12x', sha256('x')), Buffer.from('x')])));
        await expectAnswer(ctx, fsrv, req('PUT a.txt with a checksum of 10 digits', Buffer.from('PUT a.txt 1 0123456789\nx')));
        await expectAnswer(ctx, fsrv, req('DELETE a.txt', Buffer.from('DELETE a.txt\n')));
        await expectAnswer(ctx, fsrv, req('2000 bytes of "A" with no "\\n"', Buffer.alloc(2000, 'A')));
      },
    },
    {
      id: 'generated-requests',
      title: text(
        'generated requests: the protocol model against your server (names at the edges of the rule, sizes 0 and up to 200 KB, binary and text bodies, right and wrong checksums, "\\r\\n", bytes after the body, FIN early, bad headers, GETs; cut at any byte)',
        '만들어 낸 요청: 프로토콜 모델과 내 서버를 비교(규칙 경계의 이름, 크기 0~200KB, 바이너리·텍스트 본문, 맞고 틀린 체크섬, "\\r\\n", 본문 뒤 바이트, 이른 FIN, 잘못된 헤더, GET; 아무 바이트에서나 자름)',
      ),
      limitMs: 25000,
      run: generatedRequests,
    },
    // ── the learner's client against the checker's server ──
    {
      id: 'client-small-upload',
      title: text('client: uploads a 5000-byte binary file and an empty one: the header, the exact bytes; prints the OK line, exit code 0', '클라이언트: 5000바이트 바이너리 파일과 빈 파일 업로드: 헤더와 정확한 바이트, OK 줄 출력, 종료 코드 0'),
      async run(ctx) {
        for (const [name, content] of [['photo.jpg', prngBytes(50, 5000)], ['empty.txt', Buffer.alloc(0)]] as const) {
          const file = clientFile(ctx, name, content);
          const { client, up } = await acceptUpload(ctx, file, { reply: (sha) => `OK ${sha}\n` });
          await expectClientResult(ctx, client, { line: `OK ${sha256(content)}`, code: 0, peer: up.peer });
        }
      },
    },
    {
      id: 'client-big-slow-server',
      title: text('client: a 160 MiB file to a server that stops reading twice for 700 ms → every byte, and the client within its baseline + 96 MiB of memory', '클라이언트: 700ms씩 두 번 읽기를 멈추는 서버로 160MiB 파일 → 모든 바이트, 클라이언트 메모리는 기준 + 96MiB 안'),
      limitMs: 20000,
      timing: true,
      async run(ctx) {
        // The baseline: the same client uploading 4 KiB.
        const small = clientFile(ctx, 'small.bin', prngBytes(3, 4096));
        const first = await acceptUpload(ctx, small, { reply: (sha) => `OK ${sha}\n` });
        await expectClientResult(ctx, first.client, { line: `OK ${sha256(prngBytes(3, 4096))}`, code: 0, peer: first.up.peer });
        const base = first.up.peak;
        const file = path.join(ctx.scratchDir(), 'files', 'dataset.bin');
        const sha = await writeSeedFile(file, 64, BIG);
        const { client, up } = await acceptUpload(ctx, file, { pauses: [4 * MiB, 32 * MiB], reply: (s) => `OK ${s}\n` });
        if (base !== undefined && up.peak !== undefined && up.peak > base + MEMORY_HEADROOM) ctx.fail('client-buffered-file', memoryFacts(base, up.peak, BIG));
        await expectClientResult(ctx, client, { line: `OK ${sha}`, code: 0, peer: up.peer });
        ctx.note(fill(text('client memory (RSS): {base} MiB at most for 4 KiB, {peak} MiB at most for 160 MiB', '클라이언트 메모리(RSS): 4KiB일 때 최고 {base}MiB, 160MiB일 때 최고 {peak}MiB'), { base: mib(base), peak: mib(up.peak) }));
      },
    },
    {
      id: 'client-error-replies',
      title: text(
        'client: ERR checksum → prints it, exit code 1; OK with another hash than the file\'s → prints it, exit code 1; the server closes with no reply → exit code 1, nothing printed',
        '클라이언트: ERR checksum → 출력하고 종료 코드 1, 파일과 다른 해시의 OK → 출력하고 종료 코드 1, 서버가 답 없이 닫음 → 출력 없이 종료 코드 1',
      ),
      async run(ctx) {
        const file = clientFile(ctx, 'notes.md', Buffer.from('# notes\n'));
        const a = await acceptUpload(ctx, file, { reply: () => 'ERR checksum\n' });
        await expectClientResult(ctx, a.client, { line: 'ERR checksum', code: 1, peer: a.up.peer });
        // The README: exit 0 only for OK followed by the file's *own* hash (a server that stored
        // something else says OK too).
        const otherHash = sha256(Buffer.from('# other notes\n'));
        const o = await acceptUpload(ctx, file, { reply: () => `OK ${otherHash}\n` });
        await expectClientResult(ctx, o.client, { line: `OK ${otherHash}`, code: 1, peer: o.up.peer });
        const b = await acceptUpload(ctx, file, { reply: () => undefined });
        b.up.peer.halfClose();
        await expectClientResult(ctx, b.client, { line: undefined, code: 1, peer: b.up.peer });
      },
    },
    // ── both together ──
    {
      id: 'your-client-with-your-server',
      title: text('together: your client uploads a 5 MiB file to your server; it lands in UPLOAD_DIR intact', '함께: 내 클라이언트가 5MiB 파일을 내 서버에 업로드, UPLOAD_DIR에 온전히 도착'),
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        const content = prngBytes(55, 5 * MiB);
        const file = clientFile(ctx, 'archive.zip', content);
        const run = await ctx.runClient({ port: fsrv.server.port, args: [file], timeoutMs: 8000 });
        const want = `OK ${sha256(content)}\n`;
        const stored = fs.existsSync(path.join(fsrv.dir, 'archive.zip')) ? fs.readFileSync(path.join(fsrv.dir, 'archive.zip')) : undefined;
        if (run.exit === 'timeout' || run.exit.code !== 0 || run.stdout.replace(/\r\n/g, '\n') !== want || !stored?.equals(content)) {
          await failIfCrashed(ctx, fsrv.server.program, 0);
          if (run.exit !== 'timeout' && run.exit.code !== 0 && /^\s+at .*\.ts:\d+/m.test(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
          ctx.fail('together-failed', {
            expected: fill(text('{line}, exit code 0, and archive.zip ({n} bytes) in UPLOAD_DIR', '{line}, 종료 코드 0, UPLOAD_DIR에 archive.zip({n}바이트)'), { line: quoted(want), n: content.length }),
            actual: fill(text('{out} ({how}); archive.zip: {f}', '{out} ({how}); archive.zip: {f}'), {
              out: run.stdout ? quoted(run.stdout, 200) : text('nothing printed', '출력 없음'),
              how: describeExit(run.exit, 8000),
              f: stored ? fill(text('{n} bytes', '{n}바이트'), { n: stored.length }) : text('missing', '없음'),
            }),
          });
        }
      },
    },
    // ── another language against the learner's server ──
    {
      id: 'python-client-to-your-server',
      title: text('a Python client (hashlib, sendall, shutdown(SHUT_WR)) uploads 1 MiB and downloads it back from your server', 'Python 클라이언트(hashlib, sendall, shutdown(SHUT_WR))가 내 서버에 1MiB를 올리고 다시 받음'),
      limitMs: 15000,
      async run(ctx) {
        const fsrv = await startFileServer(ctx);
        const content = prngBytes(77, MiB);
        const file = clientFile(ctx, 'py-data.bin', content);
        const script = path.join(INTEROP, PY);
        const py = ctx.startPython(script, { label: text('Python client', 'Python 클라이언트'), env: { PORT: String(fsrv.server.port), FILE: file, TIMEOUT: String(WAIT / 1000) } });
        const exit = await py.waitExit(8000);
        const out = py.stdout().replace(/\r\n/g, '\n');
        const want = `OK ${sha256(content)}\ndownloaded ${content.length} bytes, sha256 ${sha256(content)}\n`;
        if (!exit || exit.code !== 0 || out !== want) {
          await failIfCrashed(ctx, fsrv.server.program, 0);
          ctx.fail('interop-client-failed', {
            vars: { who: text('Python client', 'Python 클라이언트'), how: describeExit(exit ?? 'timeout', 8000) },
            expected: quoted(want, 300),
            actual: out ? quoted(out, 300) : text('nothing printed (its error is below)', '출력 없음(오류는 아래에)'),
          });
        }
      },
    },
  ],
});

