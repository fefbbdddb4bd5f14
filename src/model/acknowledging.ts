// What a page tells staff about acknowledging a policy: where and how (handbook.acknowledge in the
// organisation config) and what each confirmation records (the 制度确认 record type's columns).
// The <Acknowledging /> component and a page's rendered text (diffs, search) both say this.
import { recordTypes, type RecordFieldSpec } from '../schema/index.ts';
import type { Organization } from '../schema/index.ts';

export interface AcknowledgingText {
  how: string;
  /** The columns of a confirmation, in Chinese, e.g. 员工编号、部门、制度编号、版本、确认时间. */
  columns: string;
}

export function acknowledgingText(org: Organization): AcknowledgingText {
  const spec = recordTypes.acknowledgements;
  const columns = Object.entries(spec.fields as Record<string, RecordFieldSpec>)
    .filter(([name]) => name !== spec.key)
    .map(([, f]) => f.zh)
    .join('、');
  const how = org.handbook.acknowledge?.how ?? '由公司另行通知。';
  return { how: `确认方式：${how}`, columns: `每条确认记录写明${columns}。` };
}
