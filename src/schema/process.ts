// Process definitions (content/processes/*.yaml): the swimlane flowchart and the operating manual
// of one procedure. Lanes are departments or roles from the organisation config; deadlines refer
// to policy obligations or named config deadlines, so the words come from there.
import { z } from 'zod';
import { idSchema } from './organization.ts';

const StepBase = {
  /** Step id, unique in the process, e.g. `draft`. */
  id: idSchema,
  /** Department or role id whose lane the step is in. */
  lane: idSchema,
  /** What happens, in Chinese, short enough for a chart box (a dozen characters or so). */
  label: z.string().min(1),
  /** Longer instructions for the operating manual. */
  detail: z.string().optional(),
  /** Forms or documents the step takes: form ids from content/forms, or plain names. */
  inputs: z.array(z.string().min(1)).default([]),
  /** Forms or documents the step produces. */
  outputs: z.array(z.string().min(1)).default([]),
  /** The deadline this step carries: a policy obligation, or a named deadline in the config. */
  deadline: z
    .union([
      z.object({ obligation: idSchema }).strict(),
      z.object({ deadline: idSchema, event: z.string().optional() }).strict(),
    ])
    .optional(),
  /** The policy article it implements: `OPS-03#一年度运营计划` (policy id, then the heading anchor). */
  article: z
    .string()
    .regex(/^[A-Z]{2,5}-\d{2,3}(#.+)?$/, 'expected a policy id and heading anchor such as "OPS-03#一年度运营计划"')
    .optional(),
};

const Next = z.union([idSchema, z.array(idSchema).min(1)]);

export const StepSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), ...StepBase, next: Next }).strict(),
  z.object({ type: z.literal('task'), ...StepBase, next: Next }).strict(),
  z
    .object({
      type: z.literal('decision'),
      ...StepBase,
      /** Each way out of the decision, labelled (是/否, 通过/退回). */
      branches: z.array(z.object({ label: z.string().min(1), to: idSchema }).strict()),
    })
    .strict(),
  z.object({ type: z.literal('end'), ...StepBase }).strict(),
]);

export const ProcessSchema = z
  .object({
    /** Process id, also its URL: /processes/<id>/. */
    id: idSchema,
    title: z.string().min(1),
    /** One or two sentences for the manual page and screen readers. */
    description: z.string().min(1),
    /** Policy the process implements, e.g. `OPS-03`. */
    policy: z.string().regex(/^[A-Z]{2,5}-\d{2,3}$/, 'expected a policy id such as "OPS-03"'),
    /** Lanes from top to bottom: department or role ids. */
    lanes: z.array(idSchema).min(1),
    steps: z.array(StepSchema).min(2),
  })
  .strict();

export type Process = z.output<typeof ProcessSchema>;
export type Step = z.output<typeof StepSchema>;

export const FormSchema = z
  .object({
    /** Form id, also its file name: /forms/<id>.docx. */
    id: idSchema,
    title: z.string().min(1),
    /** Policy the form serves. */
    policy: z.string().regex(/^[A-Z]{2,5}-\d{2,3}$/),
    /** Short instruction printed under the title. */
    note: z.string().optional(),
    /** Fields to fill in, in order; `lines` gives the writing space. */
    fields: z
      .array(z.object({ label: z.string().min(1), lines: z.number().int().min(1).max(20).default(1) }).strict())
      .min(1),
    /** A table to fill in, e.g. the task list of a plan. */
    table: z
      .object({ columns: z.array(z.string().min(1)).min(1), rows: z.number().int().min(1).max(40).default(5) })
      .strict()
      .optional(),
    /** Signature lines at the end, e.g. 申请人, 审批人. */
    signatures: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Form = z.output<typeof FormSchema>;
