/**
 * Korean particles chosen by the word before them: every pair a sentence may write both ways,
 * after Hangul with and without a final consonant, after digits and after Latin file names
 * (read as Korean reads them: `server.ts` ends in "에스", `8080` in "공").
 */
import { describe, expect, test } from 'vitest';
import { fill, text } from '../src/i18n.ts';

const ko = (sentence: string, w: string) => fill(text('-', sentence), { w }).ko;

describe('Korean particles', () => {
  test.each([
    ['{w}이(가) 끝났습니다', '서버', '서버가 끝났습니다'],
    ['{w}이(가) 끝났습니다', '클라이언트 목록', '클라이언트 목록이 끝났습니다'],
    ['{w}이(가) 끝났습니다', 'server.ts', 'server.ts가 끝났습니다'],
    ['{w}을(를) 보냈습니다', '답장', '답장을 보냈습니다'],
    ['{w}을(를) 보냈습니다', '8080', '8080을 보냈습니다'],
    ['{w}은(는) 비었습니다', '버퍼', '버퍼는 비었습니다'],
    ['{w}와(과) 같습니다', '8080', '8080과 같습니다'],
    ['{w}와(과) 같습니다', '서버', '서버와 같습니다'],
    ['{w}(으)로 끝났습니다', '종료 코드 1', '종료 코드 1로 끝났습니다'],
    ['{w}(으)로 끝났습니다', '종료 코드 0', '종료 코드 0으로 끝났습니다'],
    ['{w}(이)라는 값', '포트', '포트라는 값'],
    ['{w}(이)라는 값', '8080', '8080이라는 값'],
  ])('%s with %s', (sentence, w, want) => {
    expect(ko(sentence, w)).toBe(want);
  });

  test('a sentence without a placeholder picks its particle at once, and English is untouched', () => {
    expect(text('The server ended', '서버이(가) 끝났습니다').ko).toBe('서버가 끝났습니다');
    expect(fill(text('{w} ended', '{w}이(가) 끝났습니다'), { w: 'x' }).en).toBe('x ended');
  });
});
