/**
 * Lesson 10 — a model of the bad network, for generated runs. A case is a set of flags and, per
 * seq, what the scripted server does to each attempt: answer it, drop it, answer twice, answer
 * late (a short delay), hold the answer until the next request arrives (reordering), or answer
 * with a trap (from another port; from another loopback address, 127.0.0.2, with the server's
 * port number; or with a token the client never sent). Some cases lose whole seqs so that
 * 100 × lost / sent has a fraction that rounding decides (2 of 3 is 67%, not 66%). fast-check
 * draws the cases and shrinks a failing one (fewer seqs, fewer retries, plainer actions).
 *
 * What a correct client must print is not computed from the plan but from the record of what the
 * server received and sent (checks.ts, `judge`): timing on a loaded machine may make a correct
 * client retry once more, and the record says so. The plan only makes the network; its timings
 * stay clear of the client's own timers (a delay is at most a third of --timeout), and a reply
 * sent so close to a seq's last deadline that either reading is right is held against neither.
 */
import fc from 'fast-check';
import { text, type Text } from '../../../src/i18n.ts';
import type { UdpAnswer } from '../../../src/peers/udp.ts';

/** What the server does to one attempt. */
export type Action = 'answer' | 'drop' | 'duplicate' | 'delay' | 'hold' | 'trap';

export interface SeqPlan {
  /** The kind of trap this seq's `trap` attempts get (one kind per seq keeps the verdict clear). */
  trap: 'spoofed' | 'other-address' | 'wrong-token';
  /** Per attempt, from the first; only the first retries + 1 are used. */
  attempts: Action[];
  /** The delay of a `delay` answer, in ms. */
  delayMs: number;
}

export interface NetCase {
  interval: number;
  timeout: number;
  retries: number;
  /** One plan per seq: --count is their number. */
  seqs: SeqPlan[];
}

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant<Action>('answer'), weight: 3 },
  { arbitrary: fc.constant<Action>('drop'), weight: 3 },
  { arbitrary: fc.constant<Action>('duplicate'), weight: 1 },
  { arbitrary: fc.constant<Action>('delay'), weight: 1 },
  { arbitrary: fc.constant<Action>('hold'), weight: 1 },
  { arbitrary: fc.constant<Action>('trap'), weight: 1 },
);

const seqPlan: fc.Arbitrary<SeqPlan> = fc.record({
  trap: fc.constantFrom<SeqPlan['trap']>('spoofed', 'other-address', 'wrong-token'),
  attempts: fc.array(action, { minLength: 3, maxLength: 3 }),
  delayMs: fc.integer({ min: 20, max: 80 }),
});

/**
 * Flags kept short enough for a few runs per check (a case lasts at most about 1.5 s), and the
 * timeout long enough (≥ 250 ms) that a delayed answer (≤ 80 ms) is never near it.
 */
const anyNet: fc.Arbitrary<NetCase> = fc.record({
  interval: fc.integer({ min: 20, max: 60 }),
  timeout: fc.integer({ min: 250, max: 350 }),
  retries: fc.integer({ min: 0, max: 2 }),
  seqs: fc.array(seqPlan, { minLength: 2, maxLength: 4 }),
});

/**
 * (sent, lost) pairs where Math.round(100 × lost / sent) differs from Math.floor or Math.ceil
 * of it: 2/3 → 67 (floor 66), 1/3 → 33 (ceil 34), 1/6 → 17, 5/8 → 63 (62.5 rounds up)…
 */
export const ROUNDING: Array<[number, number]> = [[3, 2], [3, 1], [6, 1], [6, 4], [7, 2], [7, 3], [7, 6], [8, 3], [8, 5]];
const dropAll: SeqPlan = { trap: 'spoofed', attempts: ['drop', 'drop', 'drop'], delayMs: 40 };

/**
 * A network that loses exactly `lost` of `sent` seqs (every attempt dropped) and surely answers
 * the others (their last attempt is answered, whatever comes before it): the loss line must be
 * rounded, not truncated. The lost seqs sit at drawn places.
 */
const roundingNet: fc.Arbitrary<NetCase> = fc
  .record({
    pair: fc.constantFrom(...ROUNDING),
    interval: fc.integer({ min: 20, max: 40 }),
    timeout: fc.integer({ min: 250, max: 300 }),
    retries: fc.integer({ min: 0, max: 1 }),
    plans: fc.array(seqPlan, { minLength: 8, maxLength: 8 }),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ pair: [sent, lost], interval, timeout, retries, plans, order }) => {
    const seqs: SeqPlan[] = plans.slice(0, sent - lost).map((p) => ({ ...p, attempts: p.attempts.map((a, i) => (i === retries ? 'answer' : a)) }));
    for (let k = 0; k < lost; k++) seqs.splice(order[k]! % (seqs.length + 1), 0, dropAll);
    return { interval, timeout, retries, seqs };
  });

export const netCases: fc.Arbitrary<NetCase> = fc.oneof({ arbitrary: anyNet, weight: 2 }, { arbitrary: roundingNet, weight: 1 });

export const flagsOf = (c: NetCase) => ({ count: c.seqs.length, interval: c.interval, timeout: c.timeout, retries: c.retries });

/**
 * One answer of the plan. `otherAddress`: sent from 127.0.0.2 with the server's port number
 * (the kit's spoof socket has another port on 127.0.0.1; steps.ts binds this one).
 */
export type NetAnswer = UdpAnswer & { otherAddress?: true };

/** The answers to attempt `attempt` (1 = the first) of `seq`, which carried `token`. */
export function answersFor(c: NetCase, seq: number, attempt: number, token: string): NetAnswer[] {
  const plan = c.seqs[seq - 1];
  const act = plan?.attempts[attempt - 1] ?? 'drop';
  const bytes = `PONG ${seq} ${token}`;
  switch (act) {
    case 'answer':
      return [{ bytes }];
    case 'drop':
      return [];
    case 'duplicate':
      return [{ bytes }, { bytes, note: text('the same reply again (a duplicate):', '같은 응답을 한 번 더(중복):') }];
    case 'delay':
      return [{ bytes, delayMs: plan!.delayMs }];
    case 'hold':
      return [{ bytes, holdUntil: true, note: text('held back until the next request arrives (reordering)', '다음 요청이 올 때까지 붙잡아 둠(순서 뒤바꿈)') }];
    case 'trap':
      if (plan!.trap === 'spoofed') return [{ bytes, spoofed: true }];
      if (plan!.trap === 'other-address') return [{ bytes, otherAddress: true }];
      return [{ bytes: `PONG ${seq} zz${token}`, note: text(`a PONG ${seq} with a token you never sent:`, `보낸 적 없는 token이 담긴 PONG ${seq}:`) }];
  }
}

const words: Record<Action, Text> = {
  answer: text('answer', '응답'),
  drop: text('drop', '버림'),
  duplicate: text('answer twice', '두 번 응답'),
  delay: text('answer after {d} ms', '{d}ms 뒤 응답'),
  hold: text('hold until the next request', '다음 요청까지 붙잡음'),
  trap: text('{trap} only', '{trap}만'),
};
const traps: Record<SeqPlan['trap'], Text> = {
  spoofed: text('a reply from another port', '다른 포트에서 온 응답'),
  'other-address': text("a reply from another address (127.0.0.2) with the server's port number", '서버 포트 번호를 쓰는 다른 주소(127.0.0.2)에서 온 응답'),
  'wrong-token': text('a reply with a token never sent', '보낸 적 없는 token의 응답'),
};

/** The case as short notes for the diagram: the flags, then one note per seq. */
export function describeNetNotes(c: NetCase): Text[] {
  const per = (l: 'en' | 'ko') =>
    c.seqs.map((p, i) => `seq ${i + 1}: ${p.attempts.slice(0, c.retries + 1).map((a) => words[a][l].replace('{d}', String(p.delayMs)).replace('{trap}', traps[p.trap][l])).join(', ')}`);
  const en = per('en');
  const ko = per('ko');
  return [
    text(`generated: --count ${c.seqs.length} --interval ${c.interval}`, `만든 사례: --count ${c.seqs.length} --interval ${c.interval}`),
    text(`--timeout ${c.timeout} --retries ${c.retries}`, `--timeout ${c.timeout} --retries ${c.retries}`),
    ...en.map((e, i) => text(e, ko[i]!)),
  ];
}

/** The case in words: the command line, then per seq what each attempt gets. */
export function describeNet(c: NetCase): Text {
  const lang = (l: 'en' | 'ko') => {
    const seqs = c.seqs.map((p, i) => {
      const acts = p.attempts.slice(0, c.retries + 1).map((a) => words[a][l].replace('{d}', String(p.delayMs)).replace('{trap}', traps[p.trap][l]));
      return `seq ${i + 1}: ${acts.join(', ')}`;
    });
    return `client.ts --count ${c.seqs.length} --interval ${c.interval} --timeout ${c.timeout} --retries ${c.retries}; ${seqs.join('; ')}`;
  };
  return text(lang('en'), lang('ko'));
}

const plan = (attempts: Action[], trap: SeqPlan['trap'] = 'spoofed'): SeqPlan => ({ trap, attempts, delayMs: 40 });

/**
 * Corners tried on every run, whatever the seed: the last seq's first answer held until its
 * own retry arrives, so the reply to attempt 1 comes after attempt 2 was sent (a client that
 * clears only the answered attempt's timer then retries a settled seq, or crashes on the closed
 * socket); the same with one retry left (it prints a second, "lost", line); 2 of 3 seqs lost
 * (loss=67%, rounded, not 66%), the third first answered from 127.0.0.2 with the server's port
 * number (a client that checks only the port takes it).
 */
export const netExamples: NetCase[] = [
  { interval: 40, timeout: 300, retries: 2, seqs: [plan(['answer', 'answer', 'answer']), plan(['hold', 'answer', 'answer'])] },
  { interval: 40, timeout: 300, retries: 1, seqs: [plan(['hold', 'drop', 'drop'])] },
  { interval: 40, timeout: 300, retries: 1, seqs: [plan(['drop', 'drop', 'drop']), plan(['trap', 'answer', 'answer'], 'other-address'), plan(['drop', 'drop', 'drop'])] },
];
