#!/usr/bin/env node
/**
 * The size figures issue 14 asks for, so a before and an after can be compared by running one
 * command: the files in a folder over a line limit, and the functions over a line limit.
 *
 * "Function" means every function-like node the TypeScript compiler finds: declarations,
 * methods, constructors, accessors, function expressions and arrow functions. A function's span
 * runs from its first to its last line, so a nested function counts inside its parent too (a
 * 100-line function holding a 90-line callback is two long functions, as a reader meets them).
 *
 *   node scripts/code-figures.js                 # src/, files > 300 lines, functions > 80
 *   node scripts/code-figures.js --dir src/core --file-lines 200 --function-lines 50
 *   node scripts/code-figures.js --json
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

function parseArgs(argv) {
  const options = { dir: 'src', fileLines: 300, functionLines: 80, json: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--dir') options.dir = value();
    else if (arg === '--file-lines') options.fileLines = Number(value());
    else if (arg === '--function-lines') options.functionLines = Number(value());
    else if (arg === '--json') options.json = true;
    else throw new Error(`unknown option ${arg} (use --dir, --file-lines, --function-lines, --json)`);
  }
  return options;
}

function sourceFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
}

/** A readable name for a function-like node: its own name, or the variable/property it is bound to. */
function functionName(node, sourceFile) {
  if (node.name) return node.name.getText(sourceFile);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) {
    return parent.name.getText(sourceFile);
  }
  if (parent && ts.isPropertyDeclaration(parent)) return parent.name.getText(sourceFile);
  return '(anonymous)';
}

function longFunctions(path, text, limit) {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > limit) {
        found.push({ name: functionName(node, sourceFile), line: start + 1, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function lineCount(text) {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function figures({ dir, fileLines, functionLines }) {
  const bigFiles = [];
  const bigFunctions = [];
  const files = sourceFiles(join(ROOT, dir));
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const name = relative(ROOT, path);
    const lines = lineCount(text);
    if (lines > fileLines) bigFiles.push({ file: name, lines });
    for (const fn of longFunctions(path, text, functionLines)) bigFunctions.push({ file: name, ...fn });
  }
  bigFiles.sort((a, b) => b.lines - a.lines);
  bigFunctions.sort((a, b) => b.lines - a.lines);
  return { dir, filesRead: files.length, fileLines, functionLines, bigFiles, bigFunctions };
}

const options = parseArgs(process.argv.slice(2));
const result = figures(options);
if (options.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(`${result.filesRead} files read under ${result.dir}/`);
  console.log(`files over ${result.fileLines} lines: ${result.bigFiles.length}`);
  for (const { file, lines } of result.bigFiles) console.log(`  ${lines}  ${file}`);
  console.log(`functions over ${result.functionLines} lines: ${result.bigFunctions.length}`);
  for (const { file, name, line, lines } of result.bigFunctions) {
    console.log(`  ${lines}  ${file}:${line}  ${name}`);
  }
}
