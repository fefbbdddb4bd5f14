import { describe, expect, it } from 'vitest';
import { cjkExcerpt, mergeRanked, pageKind, pageTier, phraseOf, policyIdOf, spreadGenerated } from './rank.ts';

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

  it('the policy text before other pages, generated pages last, whatever matched where', () => {
    expect(pageKind('/policies/08-meetings/', true)).toBe('policy');
    expect(pageKind('/reference/checker/#deadline', false)).toBe('generated');
    expect(pageKind('/changes/ops-08/1.1.0/', false)).toBe('generated');
    expect(pageKind('/departments/sales/', false)).toBe('generated');
    expect(pageKind('/processes/meeting-lifecycle/', false)).toBe('other');
    // A policy that only mentions the words outranks a generated page titled with them.
    expect(pageTier('policy', 'text')).toBeLessThan(pageTier('generated', 'title'));
    expect(pageTier('policy', 'text')).toBeLessThan(pageTier('other', 'title'));
    expect(pageTier('other', 'text')).toBeLessThan(pageTier('generated', 'title'));
    expect(pageTier('policy', 'title')).toBeLessThan(pageTier('policy', 'heading'));
  });

  it('generated pages do not crowd the leading results', () => {
    const items = ['p', 'g1', 'g2', 'g3', 'o', 'g4'].map((id) => ({ id, generated: id.startsWith('g') }));
    const { shown, later } = spreadGenerated(items, 2);
    expect(shown.map((x) => x.id)).toEqual(['p', 'g1', 'g2', 'o']);
    expect(later.map((x) => x.id)).toEqual(['g3', 'g4']);
  });

  it("excerpts join Chinese blocks with 。, not Pagefind's '. '", () => {
    expect(cjkExcerpt('三、会议记录与纪要. 会议结束后，<mark>会议</mark>组织者')).toBe(
      '三、会议记录与纪要。会议结束后，<mark>会议</mark>组织者',
    );
    expect(cjkExcerpt('<mark>纪要</mark>. <mark>会议</mark>')).toBe('<mark>纪要</mark>。<mark>会议</mark>');
    expect(cjkExcerpt('发布。. 会议纪要')).toBe('发布。会议纪要');
    expect(cjkExcerpt('OPS-08 v1.1.0. Meeting minutes')).toBe('OPS-08 v1.1.0. Meeting minutes');
  });
});
