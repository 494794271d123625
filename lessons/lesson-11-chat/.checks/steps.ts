/**
 * A room of checker clients played against the learner's server, step by step, with the model
 * saying what every client must receive after each step. Hand-written scenarios and the
 * generated one share it, so a mistake is named the same way whichever found it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fill, quoted, text, type Mismatch, type PeerSocket, type Text } from '../../../src/checks/kit.ts';
import { Transcript } from '../../../src/peers/transcript.ts';
import { ChatModel, type Close, type Step } from './model.ts';
import type { Ctx, Reason } from './mistakes.ts';

export const LINE_MS = 1500;
/** How long a name that left may stay taken: the server frees it when it has read the close. */
const NICK_FREED_MS = 1500;
/** The probe between rooms: a valid name no room uses. */
const PROBE_NICK = 'zz_probe';
export const server = text('your server', '내 서버');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function clientLabel(slot: number): Text {
  const l = slot < LETTERS.length ? LETTERS[slot]! : String(slot + 1);
  return text(`client ${l} (checker)`, `클라이언트 ${l} (검사기)`);
}

export type Transcribe = (left: Text, right: Text) => Transcript;

const show = (line: string) => quoted(`${line}\n`, 90);
const nothing = text('(nothing)', '(없음)');

/** Facts for any of the room's reasons: every placeholder the room's reasons use is filled. */
export function facts(o: { who: Text; exp?: string | Text; got?: string | Text; nick?: string; sent?: string; ms?: number; n?: number }) {
  const exp = o.exp === undefined ? nothing : typeof o.exp === 'string' ? show(o.exp) : o.exp;
  const got = o.got === undefined ? nothing : typeof o.got === 'string' ? show(o.got) : o.got;
  return {
    vars: { who: o.who, exp, got, nick: o.nick ?? '?', sent: o.sent === undefined ? '?' : quoted(o.sent, 60), ms: o.ms ?? LINE_MS, n: o.n ?? 0 },
    expected: exp,
    actual: got,
  };
}

export class Room {
  readonly model = new ChatModel();
  readonly peers = new Map<number, PeerSocket>();
  /** How each nickname last left: names the LEAVE a client missed. */
  private readonly leftHow = new Map<string, Close>();
  /** LEAVE lines each slot has received, to spot a second one. */
  private readonly leaves = new Map<number, Set<string>>();
  /** The last line each slot sent, for the report. */
  private readonly lastSent = new Map<number, string>();

  constructor(
    private readonly ctx: Ctx,
    private readonly port: number,
    private readonly transcribe: Transcribe,
    /**
     * Nicknames that left (in this room, or in a room played before it against the same server):
     * an `ERR nick taken` for one of them is a name freed late, or never.
     */
    private readonly departed = new Set<string>(),
  ) {}

  /** Closes every connection; their names join `departed`, for a room played after this one. */
  closeAll(): void {
    for (const [slot, peer] of this.peers) {
      const nick = this.model.nickOf(slot);
      if (nick !== undefined) this.departed.add(nick);
      peer.destroy();
    }
  }

  /** Opens a new connection in `slot` (the one there before is closed). */
  async open(slot: number): Promise<PeerSocket> {
    const peer = await this.ctx.connect(this.port, this.transcribe(clientLabel(slot), server));
    this.peers.set(slot, peer);
    this.model.connect(slot);
    this.leaves.set(slot, new Set());
    return peer;
  }

  private isOpen(slot: number): boolean {
    return this.model.conns.get(slot)?.open === true;
  }

  /** Plays one step and reads what the model says each client must receive. */
  async step(s: Step): Promise<Mismatch | undefined> {
    if (!this.isOpen(s.who)) await this.open(s.who);
    const peer = this.peers.get(s.who)!;
    const nick = this.model.nickOf(s.who);
    let effects;
    if ('close' in s) {
      if (s.close === 'fin') peer.halfClose();
      else peer.reset();
      effects = this.model.close(s.who);
      if (nick !== undefined) this.gone(nick, s.close);
    } else {
      await peer.sendSplitAt(s.send, s.cuts, 2);
      const raw = s.send.subarray(0, s.send.length - 1);
      this.lastSent.set(s.who, raw.toString('utf8'));
      effects = this.model.line(s.who, raw);
      if (effects.closes && nick !== undefined) this.gone(nick, raw.length > 1024 ? 'too-long' : 'quit');
    }
    // The actor's own replies first, then what the others hear.
    const order = [...effects.lines.keys()].sort((a, b) => (a === s.who ? -1 : b === s.who ? 1 : a - b));
    for (const slot of order) {
      for (const want of effects.lines.get(slot)!) {
        const m = await this.expectLine(slot, want);
        if (m) return m;
      }
    }
    if (effects.closes) {
      const how = await peer.waitClosed(LINE_MS);
      if (how === 'timeout') {
        const tooLong = 'send' in s && s.send.length - 1 > 1024;
        return this.ctx.mistake(tooLong ? 'no-line-limit' : 'quit-not-closed', {
          ...facts({ who: clientLabel(s.who), n: 'send' in s ? s.send.length - 1 : 0 }),
          expected: text('FIN from the server', '서버의 FIN'),
          actual: text('the connection stayed open', '연결이 열려 있음'),
        });
      }
    }
    // Nobody was there to hear the leave: give the server a moment to see it before going on.
    if (('close' in s || effects.closes) && effects.lines.size <= (effects.closes ? 1 : 0)) await sleep(60);
    return undefined;
  }

  private gone(nick: string, how: Close): void {
    this.leftHow.set(nick, how);
    this.departed.add(nick);
  }

  /** Reads one line on `slot` and holds it to `want`. */
  async expectLine(slot: number, want: string): Promise<Mismatch | undefined> {
    const peer = this.peers.get(slot)!;
    const r = await peer.readLine(LINE_MS);
    const who = clientLabel(slot);
    if (!r.ok) return this.missing(slot, want, r.partial.length > 0 ? r.partial.toString('utf8') : undefined);
    const got = r.value.toString('utf8');
    if (got === want) {
      if (got.startsWith('LEAVE ')) this.leaves.get(slot)!.add(got);
      return undefined;
    }
    const stillTaken = this.takenAfterLeaving(want, got);
    if (stillTaken !== undefined && (await this.freedLate(slot, stillTaken))) return undefined;
    return this.wrong(slot, want, got) ?? this.ctx.mistake('wrong-reply', facts({ who, exp: want, got }));
  }

  /** The name `want` claims, when the server refused it as taken although its owner left. */
  private takenAfterLeaving(want: string | undefined, got: string): string | undefined {
    const nick = want?.startsWith('OK ') ? want.slice(3) : undefined;
    return nick !== undefined && got === 'ERR nick taken' && this.departed.has(nick) ? nick : undefined;
  }

  /**
   * A name is free once the server has read its owner's close. When nobody else was in the room
   * to hear the LEAVE, nothing tells the checker that it has, and a loaded machine delays it: so
   * `ERR nick taken` for a name that left is asked again (a refused NICK changes nothing) for up
   * to NICK_FREED_MS before the name is called never freed. The transcript shows each NICK.
   */
  private async freedLate(slot: number, nick: string): Promise<boolean> {
    const peer = this.peers.get(slot)!;
    const until = Date.now() + NICK_FREED_MS;
    while (Date.now() < until) {
      await sleep(150);
      await peer.send(`NICK ${nick}\n`);
      const r = await peer.readLine(LINE_MS);
      if (!r.ok) return false;
      const got = r.value.toString('utf8');
      if (got === `OK ${nick}`) return true;
      if (got !== 'ERR nick taken') return false;
    }
    return false;
  }

  /** The line `want` never came to `slot`. */
  private missing(slot: number, want: string, partial: string | undefined): Mismatch {
    const who = clientLabel(slot);
    const word = want.split(' ')[0];
    const name = want.slice(want.indexOf(' ') + 1);
    const f = facts({ who, exp: want, got: partial === undefined ? text(`nothing within ${LINE_MS} ms`, `${LINE_MS}ms 안에 아무것도 없음`) : quoted(partial, 90), nick: name });
    if (word === 'LEAVE') {
      const how = this.leftHow.get(name);
      const reason: Reason = how === 'fin' ? 'no-leave-on-fin' : how === 'rst' ? 'no-leave-on-rst' : how === 'idle' ? 'no-leave-on-timeout' : how === 'too-long' ? 'no-leave-on-limit' : 'no-leave-on-quit';
      return this.ctx.mistake(reason, f);
    }
    if (word === 'JOIN') return this.ctx.mistake('no-join', f);
    if (word === 'MSG') return this.ctx.mistake('message-lost', f);
    // A server that has answered nothing at all yet has no specific mistake to name.
    if (this.peers.get(slot)!.received().length === 0) return this.ctx.mistake('no-reply', f);
    if (want === 'ERR bad utf8') return this.ctx.mistake('invalid-utf8-accepted', f);
    if (want === 'ERR bad text') return this.ctx.mistake('control-chars-accepted', f);
    if (want === 'ERR nick required') return this.ctx.mistake('nick-not-required', f);
    if (want === 'ERR line too long') return this.ctx.mistake('no-line-limit', { ...f, vars: { ...f.vars, n: Buffer.byteLength(this.lastSent.get(slot) ?? '') } });
    return this.ctx.mistake('no-reply', f);
  }

  private seenBefore(slot: number, line: string): boolean {
    return this.leaves.get(slot)?.has(line) === true;
  }

  /** A line came that is not `want` (or no line was due at all: `want` undefined). */
  wrong(slot: number, want: string | undefined, got: string): Mismatch | undefined {
    const who = clientLabel(slot);
    const me = this.model.nickOf(slot);
    const f = (nick?: string) => facts({ who, exp: want, got, nick, sent: this.lastSent.get(slot) });
    const gotNick = got.startsWith('OK ') ? got.slice(3) : undefined;
    const wantNick = want?.startsWith('OK ') ? want.slice(3) : undefined;
    const sent = this.lastSent.get(slot) ?? '';
    const sentNick = sent.startsWith('NICK ') ? sent.slice(5) : undefined;
    if (me !== undefined && got.startsWith(`MSG ${me} `)) return this.ctx.mistake('echoed-to-sender', f());
    if (me === undefined && /^(MSG|JOIN|LEAVE) /.test(got) && !(want ?? '').startsWith('LEAVE')) return this.ctx.mistake('unregistered-got-message', f());
    if (got.startsWith('LEAVE ') && want !== got && this.seenBefore(slot, got)) return this.ctx.mistake('leave-twice', f());
    if (want === 'ERR bad utf8') return this.ctx.mistake('invalid-utf8-accepted', f());
    if (want === 'ERR bad text') return this.ctx.mistake('control-chars-accepted', f());
    if (want === 'ERR nick required') return this.ctx.mistake('nick-not-required', f());
    if (want === 'ERR line too long') return this.ctx.mistake('no-line-limit', { ...f(), vars: { ...f().vars, n: Buffer.byteLength(sent) } });
    if (want === 'ERR bad nick' && gotNick !== undefined) return this.ctx.mistake('bad-nick-accepted', f(quoted(sentNick ?? gotNick)));
    if (want === 'ERR nick taken' && gotNick !== undefined) return this.ctx.mistake('nick-taken-accepted', f(gotNick));
    const stillTaken = this.takenAfterLeaving(want, got);
    if (stillTaken !== undefined) return this.ctx.mistake('nick-not-freed', f(stillTaken));
    if (wantNick !== undefined && got === 'ERR bad nick') return this.ctx.mistake('good-nick-refused', f(quoted(wantNick)));
    if (want?.startsWith('WHO')) return this.ctx.mistake('wrong-who', f());
    if (want?.startsWith('MSG ') && got.startsWith('MSG ') && (got.includes('\uFFFD') || got.trim() === want.trim() || got.normalize('NFC') === want.normalize('NFC'))) return this.ctx.mistake('text-corrupted', f());
    if (want === undefined) return this.ctx.mistake('wrong-reply', f());
    return undefined;
  }

  /** After the last step: nothing more may come to anyone within `ms`. */
  async quiet(ms = 120): Promise<Mismatch | undefined> {
    await sleep(ms);
    for (const [slot, peer] of this.peers) {
      const rest = peer.unread();
      if (rest.length === 0) continue;
      const nl = rest.indexOf(0x0a);
      const got = (nl === -1 ? rest : rest.subarray(0, nl)).toString('utf8');
      return this.wrong(slot, undefined, got);
    }
    return undefined;
  }

  /** Plays every step, then the quiet check. */
  async play(steps: Step[]): Promise<Mismatch | undefined> {
    for (const s of steps) {
      const m = await this.step(s);
      if (m) return m;
    }
    return this.quiet();
  }
}

/**
 * Between two rooms played against one server: waits (at most `ms`) until the server has read
 * every close of the room before, so that none of its LEAVEs reaches the next room and its
 * names are free (a loaded machine reads closes late). A probe joins and asks WHO until it is
 * alone, then QUITs. It judges nothing: a server whose WHO is wrong gets its verdict from the
 * rooms, and after the limit the next room starts anyway. Its exchange is in no report.
 */
export async function untilRoomEmpty(ctx: Ctx, port: number, ms = 1500): Promise<void> {
  const probe = await ctx.connect(port, new Transcript(text('probe', '확인용'), server));
  const line = async (): Promise<string | undefined> => {
    const r = await probe.readLine(500);
    return r.ok ? r.value.toString('utf8') : undefined;
  };
  try {
    await probe.send(`NICK ${PROBE_NICK}\n`);
    if ((await line()) !== `OK ${PROBE_NICK}`) return;
    for (const until = Date.now() + ms; Date.now() < until; ) {
      await probe.send('WHO\n');
      let got = await line();
      while (got !== undefined && !got.startsWith('WHO')) got = await line(); // LEAVEs of the room before
      if (got === undefined || got === `WHO ${PROBE_NICK}`) break;
      await sleep(20);
    }
    await probe.send('QUIT\n');
    await probe.waitClosed(500);
  } finally {
    probe.destroy();
  }
}

/** A step in words, for the report. */
export function describeStep(s: Step): string {
  const c = LETTERS[s.who] ?? String(s.who);
  if ('close' in s) return `${c}: ${s.close.toUpperCase()}`;
  const line = quoted(s.send, 50);
  return s.cuts.length > 0 ? `${c}: ${line} ✂${s.cuts.join(',')}` : `${c}: ${line}`;
}

export function describeSteps(steps: Step[]): Text {
  const list = steps.map(describeStep).join(' · ');
  return fill(text('{list}', '{list}'), { list });
}

/**
 * Closes the standard input of a program started with it kept open: an `nc`-like client sends
 * what it reads and half-closes at the end of its input. (The engine has no method for it yet.)
 */
export function endStdin(program: object): void {
  const child = (program as { child?: { stdin?: { end(): void } | null } }).child;
  child?.stdin?.end();
}
