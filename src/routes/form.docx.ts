// /forms/<id>.docx: each form in content/forms as a Word document, generated at build time.
import type { APIRoute } from 'astro';
import { org } from '../site/data.ts';
import { forms } from '../site/processes.ts';
import { formToDocx } from '../process/form-docx.ts';

export function getStaticPaths() {
  return forms.map((f) => ({ params: { id: f.id }, props: { id: f.id } }));
}

export const GET: APIRoute = async ({ props }) => {
  const form = forms.find((f) => f.id === props.id)!;
  // A Uint8Array over a plain ArrayBuffer, which is what a Response body accepts.
  return new Response(new Uint8Array(await formToDocx(form, org.name)), {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  });
};
