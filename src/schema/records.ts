// The records.yaml schema, and (re-exported) the record types the checker reads.
import { z } from 'zod';

export * from './record-types.ts';
import { recordTypes, type RecordType } from './record-types.ts';

/**
 * Optional `records.yaml` in an export folder: for exports whose headers differ from the
 * canonical or Chinese names, name the record type and map columns per file pattern.
 */
export const RecordsConfigSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            /** Pattern matched against the file name: `*` any run of characters, `?` any one, e.g. `审批系统导出*.csv`. */
            pattern: z.string().min(1),
            /** Record type of matching files. */
            type: z.enum(Object.keys(recordTypes) as [RecordType, ...RecordType[]]),
            /** Export column → canonical field, e.g. `{ 部门名称: department }`. */
            columns: z.record(z.string(), z.string()).default({}),
          })
          .strict()
          .superRefine((entry, ctx) => {
            const fields = Object.keys(recordTypes[entry.type].fields);
            for (const [column, field] of Object.entries(entry.columns)) {
              if (!fields.includes(field))
                ctx.addIssue({
                  code: 'custom',
                  path: ['columns', column],
                  message: `${entry.type} records have no field "${field}", expected one of ${fields.join(', ')}`,
                });
            }
          }),
      )
      .default([]),
    /**
     * Globs of files in the folder that are not exports (a 说明.csv, an old copy): skipped with a
     * warning. Any other .csv, .xlsx, .json or .ndjson file that matches no record type stops the
     * check, so that a clean run means every export was read.
     */
    ignore: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type RecordsConfig = z.output<typeof RecordsConfigSchema>;

/** An address on this site: one slash first (two would name another host), no query, no `..`. */
const pagePath = z
  .string()
  .regex(
    /^\/(?!\/)(?:(?!\.\.\/)[^\s\\?#])*\/$/,
    'expected an address on this site between slashes, e.g. "/policies/07-information/" (not "//host/…", no ".." or "?")',
  );

/**
 * `content/redirects.yaml`: the old address of a renamed or removed policy page → where it went,
 * e.g. `/policies/07-information/: /policies/07-info/`. Becomes Astro's redirects.
 */
export const RedirectsSchema = z.record(pagePath, pagePath);
