/**
 * Lesson 09 — hidden checks for the UDP ping/echo server: the scenario list. The steps are in
 * steps.ts, the model and its generated datagrams in model.ts, the words of every failure in
 * mistakes.ts.
 */
import { text, withUdpPeers, type Text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { mistakes } from './mistakes.ts';
import { BAD, TOO_LARGE, badInput, boundaries, busyPort, eachSender, echoExact, generatedExchanges, interopClient, pingPong, type Ctx } from './steps.ts';
import type { UdpPeerSet } from '../../../src/checks/kit.ts';

function scenario(id: string, title: Text, run: (ctx: Ctx, udp: UdpPeerSet) => Promise<void>, limitMs?: number) {
  return { id, title, limitMs, run: (ctx: Ctx) => withUdpPeers((udp) => run(ctx, udp)) };
}

export default defineChecks({
  mistakes,
  scenarios: [
    scenario('ping-pong', text('"PING 1 <token>" → exactly one "PONG 1 <token>", from the server\'s port', '"PING 1 <token>" → 서버 포트에서 "PONG 1 <token>" 하나만'), pingPong),
    scenario('each-sender-gets-its-own-replies', text('three clients on three ports, PINGs interleaved: each gets only its own PONGs', '포트가 다른 클라이언트 셋이 PING을 섞어 보냄: 각자 자기 PONG만 받음'), eachSender),
    scenario('boundaries-kept', text('10 datagrams back to back (some with "\\n" inside) → 10 separate, exact replies', '데이터그램 10개를 연달아(일부는 안에 "\\n") → 따로따로 정확한 응답 10개'), boundaries),
    scenario('echo-byte-exact', text('ECHO is byte-exact (UTF-8, spaces, "\\r\\n", a final "\\n"); exactly 1200 bytes is allowed', 'ECHO는 바이트 그대로(UTF-8, 공백, "\\r\\n", 끝의 "\\n"), 정확히 1200바이트는 허용'), echoExact),
    scenario('empty-datagram', text('a 0-byte datagram → "ERR bad request", and the server keeps serving', '0바이트 데이터그램 → "ERR bad request", 서버는 계속 동작'), (ctx, udp) =>
      badInput(ctx, udp, [{ send: Buffer.alloc(0), shown: '"" (0 B)', expect: BAD }]),
    ),
    scenario('too-large', text('over 1200 bytes → "ERR too large": 1300 B, 1201 B of Korean (405 characters), 1201 B ending in "\\n", 1300 B of invalid UTF-8', '1200바이트 초과 → "ERR too large": 1300B, 한글 1201B(405글자), "\\n"으로 끝나는 1201B, 깨진 UTF-8 1300B'), (ctx, udp) =>
      badInput(ctx, udp, [
        { send: Buffer.from(`ECHO ${'x'.repeat(1295)}`), shown: '"ECHO xxx…" (1300 B)', expect: TOO_LARGE },
        // Bytes, not characters: 398 Hangul syllables are 1194 bytes but only 398 UTF-16 units.
        { send: Buffer.from(`ECHO ${'한'.repeat(398)}xx`), shown: '"ECHO 한한한…xx" (1201 B, 405 characters)', expect: TOO_LARGE },
        // The whole datagram counts, its last "\n" too.
        { send: Buffer.from(`ECHO ${'x'.repeat(1195)}\n`), shown: '"ECHO xxx…x\\n" (1201 B)', expect: TOO_LARGE },
        // Size first, before decoding: too large wins over invalid.
        { send: Buffer.concat([Buffer.from('ECHO '), Buffer.alloc(1295, 0xff)]), shown: '"ECHO " + FF FF FF… (1300 B)', expect: TOO_LARGE },
      ]),
    ),
    scenario('garbage', text('bytes FF FE 00, unknown verbs, malformed PINGs, invalid UTF-8 after ECHO → "ERR bad request"', 'FF FE 00 바이트, 모르는 명령, 형식이 틀린 PING, ECHO 뒤의 깨진 UTF-8 → "ERR bad request"'), (ctx, udp) =>
      badInput(ctx, udp, [
        { send: Buffer.from([0xff, 0xfe, 0x00]), shown: 'FF FE 00', expect: BAD },
        { send: Buffer.from('HELLO'), shown: '"HELLO"', expect: BAD },
        { send: Buffer.from('PING'), shown: '"PING"', expect: BAD },
        { send: Buffer.from('PING one two'), shown: '"PING one two"', expect: BAD },
        { send: Buffer.concat([Buffer.from('ECHO '), Buffer.from([0xc3, 0x28, 0xff])]), shown: '"ECHO " + C3 28 FF (invalid UTF-8)', expect: BAD },
      ]),
    ),
    scenario('python-client', text('a Python UDP client (sendto/recvfrom) → your server', 'Python UDP 클라이언트(sendto/recvfrom) → 내 서버'), (ctx) => interopClient(ctx, 'python')),
    scenario('java-client', text('a Java UDP client (DatagramSocket) → your server', 'Java UDP 클라이언트(DatagramSocket) → 내 서버'), (ctx) => interopClient(ctx, 'java')),
    scenario(
      'generated-exchanges',
      text(
        'generated exchanges: the protocol model against your server (sizes at 1200 bytes ±1 with multibyte text, trailing newlines, invalid UTF-8 and a valid U+FFFD, seqs as spelled, a seq sent again, several clients)',
        '만들어 낸 주고받기: 프로토콜 모델과 내 서버를 비교(멀티바이트 글자로 1200바이트 ±1, 끝의 줄바꿈, 깨진 UTF-8과 올바른 U+FFFD, 보낸 그대로의 seq, 다시 보낸 seq, 여러 클라이언트)',
      ),
      generatedExchanges,
      20000,
    ),
    {
      id: 'port-already-taken',
      title: text('the port is taken: bind fails, the server says so and exits non-zero (no crash, no sharing)', '포트가 이미 쓰임: bind 실패를 알리고 0이 아닌 코드로 종료(죽지도, 나눠 쓰지도 않음)'),
      run: busyPort,
    },
  ],
});
