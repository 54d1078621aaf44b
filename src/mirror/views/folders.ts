/**
 * Document folders for the views: each folder as its path from the top (`Procedures / Network`),
 * so a document can say where it lives in IT Glue.
 */
import type { MirrorStore } from '../store.js';
import type { Stored } from './common.js';

interface FolderRow {
  id: string;
  parent_id: string | null;
  name: string | null;
}

/** Folder id → its path; empty for a mirror not synced since folders were added to it. */
export function documentFolderPaths(store: MirrorStore, organizationId?: string): Map<string, string> {
  const hasTable = store.db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_folders'")
    .get();
  if (!hasTable) return new Map();
  const rows = store.db
    .prepare<{ organizationId: string | null }, FolderRow>(
      `SELECT id, parent_id, name FROM document_folders
       WHERE @organizationId IS NULL OR organization_id = @organizationId`,
    )
    .all({ organizationId: organizationId ?? null });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const paths = new Map<string, string>();
  const pathOf = (row: FolderRow, seen: Set<string>): string => {
    const known = paths.get(row.id);
    if (known !== undefined) return known;
    const name = row.name ?? `Folder ${row.id}`;
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    // A parent that is missing, or a loop in the data, ends the path rather than the view.
    const path = parent && !seen.has(parent.id) ? `${pathOf(parent, seen.add(row.id))} / ${name}` : name;
    paths.set(row.id, path);
    return path;
  };
  for (const row of rows) pathOf(row, new Set());
  return paths;
}

/** The folder a stored document is in, as a path; null at the root (or when it is unknown). */
export function folderOf(paths: ReadonlyMap<string, string>, document: Stored): string | null {
  const id = document.documentFolderId;
  if (id === null || id === undefined) return null;
  return paths.get(String(id)) ?? `Folder ${String(id)}`;
}
