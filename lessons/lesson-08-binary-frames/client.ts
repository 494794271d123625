// Lesson 08 — your binary frame client. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-08
//
//   npx tsx client.ts echo <text> | sum <n…> | ulen <text>   (one or more, in any order)
//   npx tsx client.ts sum 1 2 3 ulen 안녕
//
// Prints one line per reply, in order: `echo <text>`, `sum <n>`, `ulen <code points> <bytes>`,
// `error <message>`. Exit code 0 when every operation got its reply; 1 when the connection
// failed or closed first (README "The client").
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** One operation from the command line. */
interface Operation {
  name: 'echo' | 'sum' | 'ulen';
  text?: string; // echo, ulen
  numbers?: number[]; // sum
}

/** The command line, already parsed for you: `sum` takes the numbers that follow it. */
function parse(args: string[]): Operation[] {
  const ops: Operation[] = [];
  for (let i = 0; i < args.length; ) {
    const name = args[i++];
    if (name === 'echo' || name === 'ulen') {
      const text = args[i++];
      if (text === undefined) throw new Error(`${name} needs a text`);
      ops.push({ name, text });
    } else if (name === 'sum') {
      const numbers: number[] = [];
      while (i < args.length && /^-?\d+$/.test(args[i]!)) numbers.push(Number(args[i++]));
      ops.push({ name, numbers });
    } else {
      throw new Error(`unknown operation "${name}"`);
    }
  }
  return ops;
}

const operations = parse(process.argv.slice(2));

const socket = net.connect({ host: HOST, port: PORT }, () => {
  // TODO (README "The client") build one frame per operation (ECHO 0x01, SUM 0x02 with
  //      int32 BE numbers, ULEN 0x03) and write them all now: Buffer.concat(frames).
  console.log(`TODO: ${operations.length} operation(s) to send, but frames are not built yet`);
  socket.end();
});

// TODO (README "Reading frames") frame the replies as the server frames requests: buffer the
//      chunks, wait for 4 bytes, check the length (README "Limits"), wait for 4 + length.
// TODO print one line per reply: 0x81 → `echo <text>`, 0x82 → `sum <readBigInt64BE>`,
//      0x83 → `ulen <u32> <u32>`, 0xFF → `error <message>`; when every operation has its
//      reply, socket.end().
// TODO in socket.on('end', …): if some replies are missing, process.exitCode = 1.

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
