/**
 * Files that hold a tenant's data: the mirror (contacts, IPs, serials, password names, notes), the
 * journal (key and password fingerprints), saved plans, the fingerprint key, the config. They are
 * for their owner's eyes only, whatever the umask: every directory gluekit creates is 0700, every
 * file 0600 from its first byte, and a file that already exists is tightened when it is opened,
 * with SQLite's companion files (-wal, -shm, -journal; SQLite gives new ones the database's mode).
 *
 * On Windows a mode means little (Node maps it to the read-only flag). There these files live
 * under the user's profile (%APPDATA%, %LOCALAPPDATA%), whose access list admits only that user,
 * administrators and SYSTEM; the README says so.
 */
import {
  chmodSync,
  closeSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GlueKitError } from './errors.js';

const POSIX = process.platform !== 'win32';
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

/** Creates a directory (and its missing parents) as 0700; a directory that exists is left alone. */
export function ensurePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE });
  if (first === undefined || !POSIX) return;
  // mkdir applies the umask, and an unusual one could leave even the owner out: set each new
  // directory's mode outright, from the deepest up to the first one created.
  const top = resolve(first);
  for (let current = resolve(dir); ; current = dirname(current)) {
    chmodSync(current, DIRECTORY_MODE);
    if (current === top || dirname(current) === current) break;
  }
}

/** Makes an existing file 0600; a file that is not there, or not ours to change, is left as it is. */
export function tightenFile(path: string): void {
  if (!POSIX) return;
  // A stat that finds nothing returns undefined rather than throwing: most calls ask about
  // SQLite companions that are not there, on every CLI call that opens the rate budget.
  const mode = statSync(path, { throwIfNoEntry: false })?.mode;
  if (mode === undefined || (mode & 0o7777) === FILE_MODE) return;
  try {
    chmodSync(path, FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

/**
 * Call before SQLite opens `path`. To create: its directory becomes private and the file is made
 * empty with 0600 first, so neither it nor the -wal and -shm that SQLite derives from it are ever
 * readable by others. Either way the file and its companions are tightened if they exist.
 */
export function preparePrivateDatabase(path: string, options: { create: boolean }): void {
  if (options.create) {
    ensurePrivateDir(dirname(path));
    // 'a' creates a missing file and never truncates one that is there.
    closeSync(openSync(path, 'a', FILE_MODE));
  }
  for (const file of [path, ...SQLITE_COMPANIONS.map((suffix) => `${path}${suffix}`)]) tightenFile(file);
}

/**
 * Writes a whole file, 0600 from its first byte: into a new temporary file beside it, then renamed
 * over it, so a crash never leaves half a file and an existing file's looser mode is not kept. A
 * path that is a symbolic link is refused: the write would land wherever the link points.
 */
export function writePrivateFile(path: string, text: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (isLink) {
    throw new GlueKitError(
      `${path} is a symbolic link; gluekit writes this file only to a real path, never through a link. Give the file's real path, or another one.`,
    );
  }
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  // 'wx' fails if anything (a planted link included) is already at the temporary path.
  const fd = openSync(temporary, 'wx', FILE_MODE);
  try {
    try {
      writeFileSync(fd, text);
      if (POSIX) fchmodSync(fd, FILE_MODE);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
