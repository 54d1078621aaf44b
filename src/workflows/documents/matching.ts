/**
 * Which IT Glue document a template is: found by name in every folder of the organization unless
 * the template (or --folder) names a folder, which then restricts the match to that folder. Two
 * documents that could both be it are a conflict naming both, never a guess.
 */
import { normalizeName } from '../../normalize/keys.js';
import type { Document, DocumentFolder } from '../../spec/models.js';

/** The natural key of a document: its folder (or the root) and its normalized name. */
export function documentKey(folderId: string | null | undefined, name: string): string {
  return `document:${folderId ?? 'root'}:${normalizeName(name) ?? ''}`;
}

export type DocumentMatch =
  | { kind: 'none' }
  | { kind: 'one'; document: Document }
  | { kind: 'many'; documents: Document[] };

/** An organization's documents (root and every folder) by normalized name. */
export class DocumentIndex {
  readonly #byName = new Map<string, Document[]>();
  readonly #folderNames: ReadonlyMap<string, string>;

  constructor(documents: readonly Document[], folders: readonly DocumentFolder[]) {
    for (const document of documents) {
      const name = normalizeName(document.name) ?? '';
      this.#byName.set(name, [...(this.#byName.get(name) ?? []), document]);
    }
    this.#folderNames = new Map(folders.map((folder) => [folder.id, folder.name]));
  }

  /** `folderId` undefined: any folder, the root included; otherwise only that folder. */
  match(name: string, folderId: string | undefined): DocumentMatch {
    const named = this.#byName.get(normalizeName(name) ?? '') ?? [];
    const candidates =
      folderId === undefined ? named : named.filter((document) => document.documentFolderId === folderId);
    if (candidates.length === 0) return { kind: 'none' };
    if (candidates.length === 1) return { kind: 'one', document: candidates[0] as Document };
    return { kind: 'many', documents: candidates };
  }

  /** `123 (folder "Procedures")` or `456 (at the root)`, for conflicts. */
  describe(document: Document): string {
    const folderId = document.documentFolderId;
    if (!folderId) return `${document.id} (at the root)`;
    const name = this.#folderNames.get(folderId);
    return `${document.id} (folder ${name === undefined ? folderId : `"${name}"`})`;
  }
}
