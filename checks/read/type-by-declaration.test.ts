// An export is taken as a record type only when its columns say so unambiguously, or its name
// states the type and its columns bear it out: never reclassified in silence.
import { describe, expect, it } from 'vitest';
import { CheckError } from '../run.ts';
import { checkRule } from '../rules/fixture.ts';
import { mapHeader, typeNamedBy } from './records.ts';

const EVALUATIONS_WITHOUT_CYCLE = ['评估编号', '员工编号', '部门', '评估人类型', '评估时间', '反馈时间'];

describe('a table is taken as a record type by declaration, not by guess', () => {
  it('an evaluations export lacking one column is not read as a roster: both candidates are named (6(二)1)', () => {
    expect(mapHeader(EVALUATIONS_WITHOUT_CYCLE)).toEqual({
      error: { closest: 'evaluations', missing: ['评估周期/cycle'], candidates: ['evaluations', 'employees'] },
    });
    // The roster's own columns are a roster.
    expect(mapHeader(['员工编号', '姓名', '部门', '入职日期', '离职日期'])).toMatchObject({ type: 'employees' });
  });

  it("a file or sheet name states the type; a name that merely contains a type's word states none", () => {
    expect(typeNamedBy('绩效评估.csv')).toBe('evaluations');
    expect(typeNamedBy('exports/绩效评估-2026Q3.xlsx')).toBe('evaluations');
    expect(typeNamedBy('会议决议')).toBe('decisions');
    expect(typeNamedBy('风险评估报告.csv')).toBeUndefined();
    expect(typeNamedBy('employees.csv')).toBe('employees');
  });

  it('a stated type whose columns do not bear it out is said, with the columns it lacks', () => {
    expect(mapHeader(['员工编号', '姓名', '部门'], undefined, false, 'evaluations')).toMatchObject({
      error: { closest: 'evaluations', stated: 'evaluations' },
    });
    expect(mapHeader(['员工编号', '姓名', '部门'], undefined, false, 'employees')).toMatchObject({ type: 'employees' });
  });

  it('the check stops on such an export, naming the file and the candidates, instead of finding "evaluations missing"', async () => {
    const run = () =>
      checkRule({
        obligations: [
          {
            id: 'evaluated',
            records: 'evaluations',
            rule: 'periodic',
            evidence: 'evaluated_at',
            roster: { records: 'employees', link: 'employee_id', from: 'hired_on', to: 'left_on' },
            due: { every: 'quarter', deadline: 'after-cycle' },
          },
        ],
        deadlines: { 'after-cycle': { label: '周期结束后', from: 'period-end', months: 0, days: 15 } },
        files: {
          'roster.csv': '员工编号,姓名,部门,入职日期,离职日期\nE1,王芳,销售部,2020-01-01,\n',
          'ratings.csv': `${EVALUATIONS_WITHOUT_CYCLE.join(',')}\nV1,E1,销售部,上级,2026-07-05,\n`,
        },
        asOf: '2026-08-01',
        since: '2026-05-01',
      });
    await expect(run()).rejects.toThrow(CheckError);
    await expect(run()).rejects.toThrow(/ratings\.csv（可能是 evaluations 或 employees.*评估周期/);
  });
});
