/**
 * Reading a password without it ever touching argv: from stdin (`--password-stdin`), from an
 * environment variable named on the command line (`--password-env NAME`), or from a prompt that
 * does not echo. The value is used byte for byte; only the one line break a shell adds is removed.
 */
import { readFileSync } from 'node:fs';
import { RequestAbortedError } from '../../core/errors.js';
import { UsageError } from '../usage-error.js';

export interface SecretFlags {
  passwordStdin?: boolean;
  passwordEnv?: string;
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the prompt shows: anything typed or pasted after it must not appear.
  input.setRawMode?.(true);
  process.stderr.write(question);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          cleanup();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          cleanup();
          reject(new RequestAbortedError('Interrupted at the password prompt'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const cleanup = () => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
    };
    input.on('data', onData);
  });
}

/** The password from the flags, a prompt when one is allowed, or undefined. */
export async function readPassword(
  flags: SecretFlags,
  interactive: boolean,
  required: boolean,
): Promise<string | undefined> {
  if (flags.passwordStdin && flags.passwordEnv)
    throw new UsageError('Use either --password-stdin or --password-env, not both');
  if (flags.passwordStdin) {
    const value = withoutFinalNewline(readFileSync(0, 'utf8'));
    if (value === '') throw new UsageError('--password-stdin read an empty password');
    return value;
  }
  if (flags.passwordEnv) {
    const value = process.env[flags.passwordEnv];
    if (value === undefined || value === '')
      throw new UsageError(`--password-env ${flags.passwordEnv}: that variable is not set`);
    return value;
  }
  if (required && interactive) return promptHidden('Password (not echoed): ');
  return undefined;
}
