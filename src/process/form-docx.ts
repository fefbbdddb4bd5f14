// A form definition → a Word document (.docx) an office worker can fill in, made with `docx`.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Form } from '../schema/index.ts';

const FONT = { ascii: 'Arial', eastAsia: 'SimSun', hAnsi: 'Arial' } as const;
const cell = (text: string, width: number, lines = 1, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [
      new Paragraph({ children: [new TextRun({ text, bold, font: FONT })] }),
      ...Array.from({ length: lines - 1 }, () => new Paragraph('')),
    ],
  });

export async function formToDocx(form: Form, organisation: string): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: form.title, font: FONT, size: 36, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `${organisation} · 依据 ${form.policy}`, font: FONT, size: 18 })],
    }),
  ];
  if (form.note)
    children.push(new Paragraph({ children: [new TextRun({ text: form.note, font: FONT, italics: true })] }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: form.fields.map((f) => new TableRow({ children: [cell(f.label, 28, 1, true), cell('', 72, f.lines)] })),
    }),
  );
  if (form.table) {
    const w = Math.floor(100 / form.table.columns.length);
    children.push(
      new Paragraph(''),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: form.table.columns.map((c) => cell(c, w, 1, true)) }),
          ...Array.from(
            { length: form.table.rows },
            () => new TableRow({ children: form.table!.columns.map(() => cell('', w)) }),
          ),
        ],
      }),
    );
  }
  for (const s of form.signatures)
    children.push(
      new Paragraph({
        spacing: { before: 360 },
        border: { bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
        children: [new TextRun({ text: `${s}（签字）：________________    日期：____年__月__日`, font: FONT })],
      }),
    );
  const doc = new Document({ creator: organisation, title: form.title, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
