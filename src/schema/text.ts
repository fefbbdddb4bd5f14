// Text fields of the content, shared by the schemas that hold them.
import { z } from 'zod';

/**
 * Text a reader sees, which also goes into the Atom feed and the calendars: no control character
 * (a C0 character other than tab and line break, or DEL) — one makes the feed invalid XML.
 */
export const plainText = z
  .string()
  .min(1)
  .refine((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text), {
    error: (issue) => {
      const c = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(String(issue.input))![0];
      return `holds the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which breaks the Atom feed and the calendars: delete it`;
    },
  });
