import { describe, expect, it } from 'vitest';
import { loadOrganization } from '../../src/model/load.ts';
import { format } from '../report/index.ts';
import { exitCode } from '../run.ts';
import { checkRule } from './fixture.ts';

/** 5(三)2: an alert when a risk's value reaches its threshold, by `deadline` after `after`. */
const alert = (after: string, deadline: string) => ({
  id: 'alert',
  records: 'risks',
  rule: 'threshold',
  value: 'value',
  threshold: 'threshold',
  evidence: 'alerted_at',
  due: { after, deadline },
});

describe('threshold', () => {
  it('a value at or over its threshold needs an alert within the configured days: none is no-alert, a late one late', async () => {
    const { brief } = await checkRule({
      obligations: [alert('identified_at', 'two-days')],
      deadlines: { 'two-days': { label: '两日内', from: 'event', months: 0, days: 2 } },
      files: {
        'risks.csv':
          'risk_id,category,department,identified_at,value,threshold,alerted_at\n' +
          'R1,market,marketing,2026-08-01,5,5,\n' + // at the threshold, no alert
          'R2,financial,finance,2026-08-01,"1,200",1000,2026-08-05\n' + // over, alerted two days late
          'R3,legal,operations,2026-08-01,4.9,5,\n' + // under: nothing due
          'R4,hr,hr,2026-08-01,,5,\n' + // no value: not judged
          'R5,hr,hr,2026-08-01,92%,90,2026-08-02\n', // over, alerted in time
      },
      asOf: '2026-09-01',
      since: '2026-06-01',
    });
    expect(brief).toEqual(['alert marketing R1 no-alert 29', 'alert finance R2 late 2']);
  });

  it('5(三)2: the clock starts when the value reached its threshold, not when the risk was identified', async () => {
    const { brief } = await checkRule({
      obligations: [alert('reached_at', 'one-day')],
      deadlines: { 'one-day': { label: '一日内', from: 'event', months: 0, days: 1 } },
      files: {
        'risks.csv':
          '风险编号,风险类别,责任部门,识别时间,指标值,预警值,达到预警值时间,预警时间\n' +
          'R1,市场风险,市场部,2026-01-10,12,10,2026-06-10,2026-06-11\n' + // alerted the day after: on time
          'R2,财务风险,财务部,2026-01-10,12,10,2026-06-10,\n' + // never alerted
          'R3,法律风险,运营部,2026-01-10,12,10,,\n' + // when it crossed is not known, and no alert: missing all the same
          'R4,人力资源风险,人力资源部,2026-01-10,12,10,,2026-06-20\n', // alerted; when it crossed is not known: timing not judged
      },
      asOf: '2026-07-01',
      since: '2026-06-01',
    });
    expect(brief).toEqual(['alert operations R3 no-alert 预警时间', 'alert finance R2 no-alert 20']);
  });

  it('5(三)2 on an export with no column for when the value was reached: a missing alert is still missing, its timing is said to be unjudged', async () => {
    const { brief, report } = await checkRule({
      obligations: [alert('reached_at', 'one-day')],
      deadlines: { 'one-day': { label: '一日内', from: 'event', months: 0, days: 1 } },
      files: {
        'risks.csv':
          '风险编号,风险类别,责任部门,识别时间,指标值,预警值,预警时间\n' +
          'R1,市场风险,市场部,2026-01-10,12,10,2026-06-11\n' + // alerted: whether in time cannot be told
          'R2,财务风险,财务部,2026-01-10,12,10,\n' + // over its threshold, never alerted
          'R3,法律风险,运营部,2026-01-10,8,10,\n', // under its threshold
      },
      asOf: '2026-07-01',
      since: '2026-06-01',
    });
    expect(brief).toEqual(['alert finance R2 no-alert 预警时间']);
    expect(report.warnings.filter((w) => w.code === 'absent-column').map((w) => w.values)).toEqual([
      { type: 'risks', columns: ['达到预警值时间'], obligations: ['alert'], rows: 3, partial: true },
    ]);
    expect(exitCode(report)).toBe(1);
    expect(format(report, loadOrganization(), 'text', { color: false })).toContain('只核查了不需要这些列的部分');
  });
});
