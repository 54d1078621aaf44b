/**
 * The flags of `gluekit mcp --http` that hold or point at secrets. The bearer token never comes
 * from argv (every user can read a process's command line in /proc): it comes from
 * GLUEKIT_MCP_AUTH_TOKEN, a file, or stdin. The TLS certificate and key come from files.
 */
import { readFileSync, statSync } from 'node:fs';
import { readEnv } from '../../core/env.js';
import { UsageError } from '../usage-error.js';

export interface McpHttpFlags {
  authToken?: string;
  authTokenFile?: string;
  authTokenStdin?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  maxBodyMb?: string;
}

function readFlagFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(
      `${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The token with the one line break an editor or `echo` adds removed; nothing else is changed. */
function tokenText(raw: string): string {
  return raw.replace(/\r?\n$/, '');
}

/** The auth token, from the environment, a file or stdin; undefined when none was given. */
export function readAuthToken(flags: McpHttpFlags, warn: (line: string) => void): string | undefined {
  if (flags.authToken !== undefined) {
    throw new UsageError(
      '--auth-token takes no value on the command line: every user on this machine can read it in the process list. Use GLUEKIT_MCP_AUTH_TOKEN, --auth-token-file <path> or --auth-token-stdin.',
    );
  }
  const sources = [
    flags.authTokenFile !== undefined,
    flags.authTokenStdin === true,
    readEnv('GLUEKIT_MCP_AUTH_TOKEN') !== undefined,
  ];
  if (sources.filter(Boolean).length > 1) {
    throw new UsageError(
      'Give the auth token one way only: GLUEKIT_MCP_AUTH_TOKEN, --auth-token-file or --auth-token-stdin.',
    );
  }
  if (flags.authTokenFile !== undefined) {
    const path = flags.authTokenFile;
    const token = tokenText(readFlagFile('--auth-token-file', path).toString('utf8'));
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
      warn(`${path} holds the auth token but others can read it; run: chmod 600 ${JSON.stringify(path)}`);
    return token;
  }
  if (flags.authTokenStdin) return tokenText(readFileSync(0, 'utf8'));
  return readEnv('GLUEKIT_MCP_AUTH_TOKEN');
}

/** The certificate and key for HTTPS, or undefined for plain HTTP. */
export function readTls(flags: McpHttpFlags): { cert: Buffer; key: Buffer } | undefined {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return undefined;
  if (flags.tlsCert === undefined || flags.tlsKey === undefined)
    throw new UsageError('--tls-cert and --tls-key go together: give both files (PEM).');
  return { cert: readFlagFile('--tls-cert', flags.tlsCert), key: readFlagFile('--tls-key', flags.tlsKey) };
}

/** --max-body-mb in bytes, or undefined for the server's default. */
export function maxBodyBytes(flags: McpHttpFlags): number | undefined {
  if (flags.maxBodyMb === undefined) return undefined;
  const mb = Number(flags.maxBodyMb);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024)
    throw new UsageError(
      `--max-body-mb must be a number of MiB from 0 to 1024, got ${JSON.stringify(flags.maxBodyMb)}`,
    );
  return Math.round(mb * 1024 * 1024);
}
