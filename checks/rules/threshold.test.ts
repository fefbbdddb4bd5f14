import { describe, expect, it } from 'vitest';
import { checkRule } from './fixture.ts';

describe('threshold', () => {
  it('a value at or over its threshold needs an alert within the configured days: none is no-alert, a late one late', async () => {
    const { brief } = await checkRule({
      obligations: [
        {
          id: 'alert',
          records: 'risks',
          rule: 'threshold',
          value: 'value',
          threshold: 'threshold',
          evidence: 'alerted_at',
          due: { after: 'identified_at', deadline: 'two-days' },
        },
      ],
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
});
