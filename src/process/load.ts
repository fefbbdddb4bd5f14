// Reads content/processes/*.yaml and content/forms/*.yaml through the shared schema and the
// graph checks; any problem fails with the file, the step and what to do.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  FormSchema,
  ProcessSchema,
  SchemaError,
  parseWithFriendlyErrors,
  type Form,
  type Organization,
  type Policy,
  type Process,
} from '../schema/index.ts';
import { loadEach, readYamlFile, repoRoot } from '../model/load.ts';
import { validateProcess } from './validate.ts';

const yamlFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];

export function loadForms(dir = join(repoRoot, 'content/forms')): Form[] {
  return loadEach(yamlFiles(dir), (path) => {
    const file = relative(repoRoot, path);
    const form = parseWithFriendlyErrors(FormSchema, readYamlFile(path, file), file);
    if (`${form.id}.yaml` !== path.split('/').at(-1))
      throw new SchemaError(file, [{ path: 'id', message: `"${form.id}" must match the file name` }]);
    return form;
  });
}

export function loadProcessFile(
  path: string,
  org: Organization,
  policies: { policy: Policy }[],
  formIds: string[],
): Process {
  const file = relative(repoRoot, path) || path;
  const process = parseWithFriendlyErrors(ProcessSchema, readYamlFile(path, file), file);
  const problems = validateProcess(process, { org, policies, formIds });
  if (problems.length)
    throw new SchemaError(
      file,
      problems.map((p) => ({ path: p.step ? `steps.${p.step}` : '', message: p.message })),
    );
  return process;
}

export function loadProcesses(
  org: Organization,
  policies: { policy: Policy }[],
  dir = join(repoRoot, 'content/processes'),
  forms = loadForms(),
): Process[] {
  const formIds = forms.map((f) => f.id);
  return loadEach(yamlFiles(dir), (path) => loadProcessFile(path, org, policies, formIds));
}
