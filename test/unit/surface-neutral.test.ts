/**
 * The layers below the surfaces speak in option keys and data, not in one surface's words: no
 * string in src/workflows, src/sources, src/mirror, src/normalize or src/resources names a CLI
 * flag (`--deactivate-type`) or a CLI command (`gluekit sync`). The CLI renders option keys as
 * flags and next steps as commands; MCP renders them as tool arguments and tool names.
 * Comments may name flags (they explain the CLI to a reader); strings reach users.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const LOWER_LAYERS = ['workflows', 'sources', 'mirror', 'normalize', 'resources'];

/** A flag as the CLI spells it, at the start of a string or after a space, quote or bracket. */
const CLI_FLAG = /(?:^|[\s`'"(])--[a-z]/;
/** `gluekit` followed by one of its commands (not `gluekit vault JSON` or `gluekit never …`). */
const CLI_COMMAND =
  /\bgluekit (?:organizations|orgs|contacts|passwords|configurations|configs|documents|docs|sync|search|changes|coverage|orphans|apply|runs|undo|mcp|ui|lookups|config|doctor|emulator|demo)\b/;

function typescriptFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return typescriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every string literal and template text of a file, with its line. */
function stringsOf(path: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ line, text: node.text });
    }
    // Import paths are strings too, but never name a flag.
    if (!ts.isImportDeclaration(node) && !ts.isExportDeclaration(node)) ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function surfaceWords(): { flags: string[]; commands: string[] } {
  const flags: string[] = [];
  const commands: string[] = [];
  for (const layer of LOWER_LAYERS) {
    for (const path of typescriptFiles(join(SRC, layer))) {
      for (const { line, text } of stringsOf(path)) {
        const where = `${relative(SRC, path)}:${line}: ${text.slice(0, 80)}`;
        if (CLI_FLAG.test(text)) flags.push(where);
        if (CLI_COMMAND.test(text)) commands.push(where);
      }
    }
  }
  return { flags, commands };
}

describe('lower layers are surface-neutral', () => {
  const { flags, commands } = surfaceWords();

  it('no string names a CLI flag (errors carry the option key; the CLI renders the flag)', () => {
    expect(flags).toEqual([]);
  });

  it('no string names a gluekit command (errors carry the next step; each surface names it)', () => {
    expect(commands).toEqual([]);
  });

  it('no lower layer computes a flag from an option key (flagOf is for the CLI)', () => {
    const callers = LOWER_LAYERS.flatMap((layer) =>
      typescriptFiles(join(SRC, layer)).filter(
        (path) => !path.endsWith('options.ts') && /\bflagOf\(/.test(readFileSync(path, 'utf8')),
      ),
    );
    expect(callers.map((path) => relative(SRC, path))).toEqual([]);
  });

  it('the scanner finds what it looks for', () => {
    expect(CLI_FLAG.test("field: '--deactivate-type'".split(': ')[1] ?? '')).toBe(true);
    expect(CLI_FLAG.test('run gluekit sync --full again')).toBe(true);
    expect(CLI_COMMAND.test('run `gluekit sync` first')).toBe(true);
    expect(CLI_COMMAND.test('gluekit vault JSON')).toBe(false);
    expect(CLI_FLAG.test('a -- b, 2026-01-01')).toBe(false);
  });
});
