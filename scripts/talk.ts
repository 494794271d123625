/**
 * `npm run talk -- <port> [host]`: talk to a server by hand. Each line typed is sent with '\n';
 * every chunk that comes back is shown as the checker shows bytes (`\n`, `\r`, a cut UTF-8
 * character as `\xEB\x85`); the server's close (FIN) and reset (RST) are said in words. Ctrl-D
 * closes the sending side (FIN) and keeps reading until the server closes; Ctrl-C quits.
 */
import net from 'node:net';
import readline from 'node:readline';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text, type Lang, type Text } from '../src/i18n.ts';
import { makeStyle } from '../src/report/style.ts';
import { visible } from '../src/report/visible.ts';

const HELP = text(
  `Usage: npm run talk -- <port> [host]

Connects to a TCP server (host default 127.0.0.1) and lets you talk to it:
  - each line you type is sent with '\\n' at its end;
  - every chunk that arrives is shown byte for byte, as the checker shows it:
    \\n, \\r, \\t, other control bytes as \\xNN, a UTF-8 character cut in two as \\xEB\\x85;
  - the server's close (FIN) and reset (RST) are reported.
Ctrl-D closes your sending side (FIN) and keeps reading until the server closes.
Ctrl-C quits at once.

Options:
  --lang en|ko   language of the messages (default: from LANG, else English)
  --help         show this help

Example: npm run talk -- 8080`,
  `사용법: npm run talk -- <포트> [호스트]

TCP 서버(호스트 기본값 127.0.0.1)에 접속해 직접 대화합니다.
  - 입력한 줄은 끝에 '\\n'을 붙여 보냅니다.
  - 도착한 덩어리는 검사기와 같은 방식으로 바이트 그대로 보여 줍니다:
    \\n, \\r, \\t, 그 밖의 제어 바이트는 \\xNN, 둘로 잘린 UTF-8 글자는 \\xEB\\x85처럼.
  - 서버의 종료(FIN)와 리셋(RST)을 알려 줍니다.
Ctrl-D는 내 쪽 보내기를 닫고(FIN) 서버가 닫을 때까지 계속 읽습니다.
Ctrl-C는 바로 끝냅니다.

옵션:
  --lang en|ko   메시지 언어(기본값: LANG 환경 변수, 없으면 영어)
  --help         이 도움말 보기

예: npm run talk -- 8080`,
);

/** Bytes as one line: how many, then the bytes made visible (long chunks are cut, with a note). */
function describeChunk(bytes: Buffer, lang: Lang): string {
  const v = visible(bytes, 4000);
  const count = lang === 'ko' ? `${bytes.length}바이트` : bytes.length === 1 ? '1 byte' : `${bytes.length} bytes`;
  return `${count}: "${v.text}${v.truncated ? '…' : ''}"`;
}

function parsePort(value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(
      value === undefined
        ? text('Which port? For example: npm run talk -- 8080', '어느 포트인가요? 예: npm run talk -- 8080')
        : text(`The port must be a number from 1 to 65535, not "${value}". For example: npm run talk -- 8080`, `포트는 1부터 65535까지의 숫자여야 합니다("${value}"는 안 됩니다). 예: npm run talk -- 8080`),
    );
  }
  return port;
}

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  const lang = langOption(values.lang);
  if (values.help) {
    process.stdout.write(`${pick(HELP, lang)}\n`);
    return 0;
  }
  if (positionals.length > 2) throw new UsageError(text(`Give a port and, if you like, a host (got: ${positionals.join(' ')}).`, `포트와, 필요하면 호스트를 주세요(받은 값: ${positionals.join(' ')}).`));
  const port = parsePort(positionals[0]);
  const host = positionals[1] ?? '127.0.0.1';
  return talk(host, port, lang);
});

/** Connects, relays lines out and chunks in, and resolves with the exit code once it is over. */
function talk(host: string, port: number, lang: Lang): Promise<number> {
  const s = makeStyle();
  const say = (t: Text, vars: Record<string, string | number> = {}) => process.stdout.write(`${s.dim(fill(t, vars)[lang])}\n`);
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    // allowHalfOpen: the server's FIN is reported as it comes, and our side is closed by us.
    const socket = net.connect({ host, port, allowHalfOpen: true });
    let input: readline.Interface | undefined;
    let sentFin = false;
    const finish = (code: number) => {
      input?.close();
      socket.destroy();
      resolve(code);
    };
    socket.on('connect', () => {
      say(text('Connected to {where}. Type a line and press Enter to send it (with \\n). Ctrl-D: close your side (FIN). Ctrl-C: quit.', '{where}에 접속했습니다. 줄을 입력하고 Enter를 누르면 (\\n을 붙여) 보냅니다. Ctrl-D: 내 쪽 닫기(FIN). Ctrl-C: 끝내기.'), { where });
      input = readline.createInterface({ input: process.stdin, terminal: false });
      input.on('line', (line) => {
        if (sentFin || socket.destroyed) return;
        const bytes = Buffer.from(`${line}\n`);
        socket.write(bytes);
        process.stdout.write(`${s.cyan('→')} ${describeChunk(bytes, lang)}\n`);
      });
      input.on('close', () => {
        if (sentFin || socket.destroyed) return;
        sentFin = true;
        socket.end();
        process.stdout.write(`${s.cyan('→')} FIN\n`);
        say(text('You closed your sending side; still reading until the server closes.', '내 쪽 보내기를 닫았습니다. 서버가 닫을 때까지 계속 읽습니다.'));
      });
    });
    socket.on('data', (chunk: Buffer) => process.stdout.write(`${s.green('←')} ${describeChunk(chunk, lang)}\n`));
    socket.on('end', () => {
      process.stdout.write(`${s.green('←')} FIN\n`);
      say(text('The server closed the connection (FIN).', '서버가 연결을 닫았습니다(FIN).'));
      finish(0);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') {
        process.stdout.write(`${s.red('←')} RST\n`);
        say(text('The server reset the connection (RST): it closed without reading everything, or it crashed.', '서버가 연결을 리셋했습니다(RST). 다 읽지 않고 닫았거나 비정상 종료했습니다.'));
      } else if (err.code === 'ECONNREFUSED') {
        process.stderr.write(`${fill(text('Nothing listens on {where} (ECONNREFUSED). Is your server running, on this port?', '{where}에서 아무도 listen하지 않습니다(ECONNREFUSED). 서버가 이 포트로 실행 중인가요?'), { where })[lang]}\n`);
      } else {
        process.stderr.write(`${fill(text('Connection error: {code} {message}', '연결 오류: {code} {message}'), { code: err.code ?? '', message: err.message })[lang]}\n`);
      }
      finish(1);
    });
    process.once('SIGINT', () => {
      process.stdout.write('\n');
      finish(130);
    });
  });
}
