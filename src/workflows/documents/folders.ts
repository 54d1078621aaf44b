/**
 * The folder each template's document goes in: the template's own `folder`, else --folder, else
 * none (created at the root, found in any folder). gluekit never creates folders: an unknown one
 * is an input problem, said once for --folder however many templates it applies to.
 */
import type { DocumentFolder } from '../../spec/models.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { RenderedTemplate } from './template.js';

export function resolveFolder(
  folders: readonly DocumentFolder[],
  wanted: string,
): DocumentFolder | undefined {
  const trimmed = wanted.trim();
  return (
    folders.find((f) => f.id === trimmed) ??
    folders.find((f) => f.name.trim().toLowerCase() === trimmed.toLowerCase())
  );
}

function existing(folders: readonly DocumentFolder[]): string {
  if (folders.length === 0) return 'this organization has no document folders';
  const names = folders.map((f) => `"${f.name}"`);
  const shown = names.slice(0, 20).join(', ');
  return `its folders: ${shown}${names.length > 20 ? `, and ${names.length - 20} more (the document-folders lookup lists them)` : ''}`;
}

/**
 * Each template's folder id; undefined where none is named. Problems: --folder unknown (once),
 * a template's own folder unknown (per template; the built-in pack names none).
 */
export function foldersOf(
  templates: readonly RenderedTemplate[],
  folders: readonly DocumentFolder[],
  folderOption: string | undefined,
  problems: ProblemList,
): Map<RenderedTemplate, string | undefined> {
  const optionFolder = folderOption === undefined ? undefined : resolveFolder(folders, folderOption);
  if (folderOption !== undefined && !optionFolder) {
    problems.add({
      option: 'folder',
      message: `no document folder "${folderOption}" in this organization (${existing(folders)})`,
      fix: 'Pass an existing folder (name or id), or create the folder in IT Glue first: gluekit never creates folders.',
    });
  }
  const result = new Map<RenderedTemplate, string | undefined>();
  for (const template of templates) {
    if (template.folder === undefined) {
      result.set(template, optionFolder?.id);
      continue;
    }
    const folder = resolveFolder(folders, template.folder);
    if (!folder) {
      problems.add({
        source: { file: template.file, line: 1 },
        field: 'folder',
        message: `no document folder "${template.folder}" in this organization (${existing(folders)})`,
        fix: "Create the folder in IT Glue first (gluekit never creates folders), or change the template's folder.",
      });
    }
    result.set(template, folder?.id);
  }
  return result;
}
