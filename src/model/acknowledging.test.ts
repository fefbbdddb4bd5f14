// What the pages tell staff about confirming they have read a policy: where and how from the
// organisation config, what a confirmation records from the 制度确认 record type.
import { describe, expect, it } from 'vitest';
import { recordTypes } from '../schema/index.ts';
import { acknowledgingText } from './acknowledging.ts';
import { renderedSentences } from './rendered-text.ts';
import { testOrganization } from './test-organization.ts';

describe('<Acknowledging />', () => {
  const base = testOrganization();
  const org = { ...base, handbook: { ...base.handbook, acknowledge: { how: '在企业微信“制度确认”应用中确认。' } } };

  it('says how the organisation config says, and lists the columns of a confirmation', () => {
    const { how, columns } = acknowledgingText(org);
    expect(how).toBe('确认方式：在企业微信“制度确认”应用中确认。');
    for (const [name, field] of Object.entries(recordTypes.acknowledgements.fields))
      if (name !== recordTypes.acknowledgements.key) expect(columns).toContain(field.zh);
    expect(columns).not.toContain(recordTypes.acknowledgements.fields.acknowledgement_id.zh);
  });

  it('without a configured place, says who will tell staff, not nothing', () => {
    const none = { ...base, handbook: { ...base.handbook, acknowledge: undefined } };
    expect(acknowledgingText(none).how).toBe('确认方式：由公司另行通知。');
  });

  it("is part of the page's text, so a change of place shows in the page's history and its search words", () => {
    const text = renderedSentences('修订生效后确认已阅。<Acknowledging />\n', org)
      .map((s) => s.text)
      .join('');
    expect(text).toContain('在企业微信“制度确认”应用中确认');
    expect(text).toContain('确认时间');
  });
});
