import { describe, expect, it } from 'vitest';
import { mergeRanked, phraseOf, policyIdOf } from './rank.ts';

describe('search ranking rules', () => {
  it('recognises policy ids however they are typed', () => {
    for (const q of ['OPS-03', 'ops03', 'ops-3', ' OPS 3 ', 'Ops_03']) expect(policyIdOf(q)).toBe('OPS-03');
    expect(policyIdOf('会议纪要')).toBeUndefined();
    expect(policyIdOf('OPS-03 会议')).toBeUndefined();
  });

  it('quotes compound Chinese terms and multi-word English, nothing else', () => {
    expect(phraseOf('风险管理')).toBe('"风险管理"');
    expect(phraseOf(' risk   management ')).toBe('"risk management"');
    expect(phraseOf('风')).toBeUndefined();
    expect(phraseOf('minutes')).toBeUndefined();
    expect(phraseOf('"会议纪要"')).toBeUndefined();
  });

  it('puts id matches first, then phrase matches, and keeps every other result', () => {
    expect(mergeRanked(['c'], ['b', 'c'], ['a', 'b', 'c', 'd'])).toEqual(['c', 'b', 'a', 'd']);
  });
});
