/**
 * Lesson 16's README shows, byte for byte, what a real gRPC client (@grpc/grpc-js) sends: once
 * to lesson 03's echo server (which sends the client's own bytes back), once to a real HTTP/2
 * server (node:http2, answering like a gRPC server). This test makes the same two captures and
 * holds the README's dumps to them in what is stable from run to run: the connection preface,
 * the frames (type, flags, stream) in their order, the DATA frame with gRPC's 5-byte message
 * prefix, and how the call against the echo server ends. So the README cannot drift from what
 * the client really does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import net from 'node:net';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';

const README = path.join(COURSE_ROOT, 'lessons/lesson-16-graceful-shutdown/README.md');
const ECHO_SERVER = path.join(COURSE_ROOT, 'solutions/lesson-03-echo-stream/server.ts');
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const MESSAGE = Buffer.from('안녕');

interface Frame {
  type: number;
  flags: number;
  stream: number;
  payload: Buffer;
}

/** The frames of an HTTP/2 byte stream: a 9-byte header (length 3, type, flags, stream 4), then the payload. */
function framesOf(bytes: Buffer): Frame[] {
  const out: Frame[] = [];
  for (let at = 0; at + 9 <= bytes.length; ) {
    const length = bytes.readUIntBE(at, 3);
    out.push({ type: bytes[at + 3]!, flags: bytes[at + 4]!, stream: bytes.readUInt32BE(at + 5) & 0x7fffffff, payload: bytes.subarray(at + 9, at + 9 + length) });
    at += 9 + length;
  }
  return out;
}

const shape = (f: Frame) => ({ type: f.type, flags: f.flags, stream: f.stream });

/** A unary call through a recording proxy to `port`: what the client sent, and how the call ended. */
async function capture(port: number): Promise<{ sent: Buffer; result: { code?: number; details?: string; value?: string } }> {
  const sent: Buffer[] = [];
  const proxy = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    client.on('data', (d: Buffer) => {
      sent.push(d);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => client.write(d));
    for (const s of [client, upstream]) s.on('error', () => {});
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const bytes = (b: Buffer) => b;
  const Echo = grpc.makeGenericClientConstructor(
    { Say: { path: '/course.Echo/Say', requestStream: false, responseStream: false, requestSerialize: bytes, requestDeserialize: bytes, responseSerialize: bytes, responseDeserialize: bytes } },
    'Echo',
  );
  const client = new Echo(`127.0.0.1:${(proxy.address() as net.AddressInfo).port}`, grpc.credentials.createInsecure());
  const say = client['Say'] as (req: Buffer, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Buffer) => void) => void;
  const result = await new Promise<{ code?: number; details?: string; value?: string }>((resolve) =>
    say.call(client, MESSAGE, { deadline: Date.now() + 5000 }, (err, res) => resolve(err ? { code: err.code, details: err.details } : { value: res!.toString('utf8') })),
  );
  client.close();
  await new Promise((resolve) => proxy.close(resolve));
  return { sent: Buffer.concat(sent), result };
}

/** The hex bytes of a README dump line: `50 52 49 20 …   PRI * …` → the bytes before the words. */
function dumpBlock(marker: string): { bytes: Buffer; frames: Array<{ header: Buffer; name: string }> } {
  const src = fs.readFileSync(README, 'utf8');
  const start = src.indexOf(`<!-- ${marker} -->`);
  expect(start, `README has <!-- ${marker} -->`).toBeGreaterThan(-1);
  const block = src.slice(src.indexOf('```', start) + 3, src.indexOf('```', src.indexOf('```', start) + 3));
  const all: number[] = [];
  const frames: Array<{ header: Buffer; name: string }> = [];
  for (const line of block.split('\n')) {
    const m = /^((?:[0-9a-f]{2} )*[0-9a-f]{2})(?: {2,}(.*))?$/.exec(line.trimEnd());
    if (!m) continue;
    const hex = m[1]!.split(' ').map((h) => parseInt(h, 16));
    all.push(...hex);
    const name = /^([A-Z_]+)\b/.exec(m[2] ?? '')?.[1];
    if (hex.length === 9 && name) frames.push({ header: Buffer.from(hex), name });
  }
  return { bytes: Buffer.from(all), frames };
}

const TYPES: Record<string, number> = { DATA: 0x0, HEADERS: 0x1, SETTINGS: 0x4, PING: 0x6, GOAWAY: 0x7, WINDOW_UPDATE: 0x8 };

let echo: ChildProcess;
let echoPort: number;
let h2: http2.Http2Server;

beforeAll(async () => {
  echo = spawn(process.execPath, ['--import', 'tsx', ECHO_SERVER], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'ignore'] });
  echoPort = await new Promise<number>((resolve, reject) => {
    let out = '';
    echo.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [\d.]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    echo.once('exit', (code) => reject(new Error(`the echo server exited (${code})`)));
  });
  // A real HTTP/2 server that answers like a gRPC server: 200, the message back, grpc-status 0.
  h2 = http2.createServer();
  h2.on('stream', (stream) => {
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', () => resolve()));
}, 20000);

afterAll(async () => {
  echo?.kill();
  await new Promise((resolve) => (h2 ? h2.close(resolve) : resolve(undefined)));
});

describe('lesson 16 README: the bytes of a gRPC client', () => {
  test('against the lesson 03 echo server: the preface, SETTINGS, then GOAWAY, and the call fails UNAVAILABLE', async () => {
    const { sent, result } = await capture(echoPort);
    expect(sent.subarray(0, PREFACE.length)).toEqual(PREFACE);
    const got = framesOf(sent.subarray(PREFACE.length));
    expect(got.map((f) => f.type)).toEqual([TYPES.SETTINGS, TYPES.GOAWAY]);
    expect(result.code).toBe(grpc.status.UNAVAILABLE);
    expect(result.details).toMatch(/Protocol error/);

    const readme = dumpBlock('grpc-dump:echo');
    expect(readme.bytes.subarray(0, PREFACE.length)).toEqual(PREFACE);
    expect(readme.frames.map((f) => f.name)).toEqual(['SETTINGS', 'GOAWAY']);
    expect(readme.frames.map((f) => shape(framesOf(f.header)[0]!))).toEqual(got.map(shape));
  }, 20000);

  test('against a real HTTP/2 server: SETTINGS, SETTINGS ACK, HEADERS, DATA with the 5-byte gRPC prefix', async () => {
    const { sent, result } = await capture((h2.address() as net.AddressInfo).port);
    expect(result.value).toBe(MESSAGE.toString('utf8'));
    expect(sent.subarray(0, PREFACE.length)).toEqual(PREFACE);
    const got = framesOf(sent.subarray(PREFACE.length)).slice(0, 4); // then GOAWAYs, as the client closes
    expect(got.map((f) => f.type)).toEqual([TYPES.SETTINGS, TYPES.SETTINGS, TYPES.HEADERS, TYPES.DATA]);
    const data = got[3]!;
    expect(data.payload).toEqual(Buffer.concat([Buffer.from([0, 0, 0, 0, MESSAGE.length]), MESSAGE]));

    const readme = dumpBlock('grpc-dump:h2');
    expect(readme.bytes.subarray(0, PREFACE.length)).toEqual(PREFACE);
    expect(readme.frames.map((f) => f.name)).toEqual(['SETTINGS', 'SETTINGS', 'HEADERS', 'DATA']);
    expect(readme.frames.map((f) => ({ type: f.header[3], flags: f.header[4], stream: f.header.readUInt32BE(5) }))).toEqual(got.map(shape));
    // The DATA frame as the README shows it: its header and its 11 bytes, exactly.
    const dataAt = readme.bytes.indexOf(readme.frames[3]!.header);
    expect(readme.bytes.subarray(dataAt + 9, dataAt + 9 + data.payload.length)).toEqual(data.payload);
  }, 20000);
});
