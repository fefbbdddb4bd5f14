import { describe, expect, it } from 'vitest';
import { clauseOf, sectionLabel, understand } from './query.ts';

describe('what a query asks', () => {
  it('sets question words and particles aside, and says what a question asks for', () => {
    expect(understand('月度计划什么时候交')).toEqual({ words: ['月度', '计划', '提交'], asks: 'when' });
    expect(understand('谁审批年度计划')).toEqual({ words: ['审批', '年度', '计划'], asks: 'who' });
    expect(understand('借文档需要审批吗')).toEqual({ words: ['借阅文档', '审批'] });
    expect(understand('会议纪要几天内提交?')).toEqual({ words: ['会议', '纪要', '提交'], asks: 'when' });
    // 报 stays 报: the policy writes 报运营部门, and 报送 would find only the pages built from the calendar.
    expect(understand('季度计划报给谁')).toEqual({ words: ['季度', '计划', '报'], asks: 'who' });
  });

  it('reads English questions for the policy terms they name, keeping other words', () => {
    expect(understand('who approves the annual plan')).toEqual({
      words: ['审批', '年度', '运营', '计划'],
      asks: 'who',
    });
    expect(understand('when are meeting minutes due').asks).toBe('when');
    expect(understand('risk management').words).toEqual(['风险', 'management']);
  });

  it('leaves a query without question words as it is', () => {
    expect(understand('会议纪要').words.join('')).toBe('会议纪要');
    expect(understand('绩效评估').asks).toBeUndefined();
  });

  it('reads clause numbers as people write them', () => {
    for (const q of ['8.3', '8(三)', '8（三）', '第八章第三节', '第八章（三）', ' 8 . 3 '])
      expect(clauseOf(q), q).toEqual({ chapter: 8, section: 3 });
    expect(clauseOf('第十二章')).toEqual({ chapter: 12 });
    expect(clauseOf('第五章第十一节')).toEqual({ chapter: 5, section: 11 });
    expect(clauseOf('2026.12')).toBeUndefined();
    expect(clauseOf('会议')).toBeUndefined();
    expect(understand('8.3')).toEqual({ words: [], clause: { chapter: 8, section: 3 } });
    expect(sectionLabel(3)).toBe('（三）');
    expect(sectionLabel(12)).toBe('（十二）');
  });
});
