/**
 * Everything a command needs from the global options: how to print, whether it may prompt, and
 * a client built from flags, then the environment, then the config profile, then defaults.
 */

import { join } from 'node:path';
import { isatty } from 'node:tty';
import { type ClientOptions, GlueKit } from '../client.js';
import { resolveBaseUrl } from '../core/config.js';
import { readEnv } from '../core/env.js';
import { ConfigurationError } from '../core/errors.js';
import type { RateStore } from '../core/rate-store.js';
import { rateStoreFor } from '../core/rate-stores/open.js';
import { terminalText } from '../core/terminal-text.js';
import { gluekitPaths } from './config/paths.js';
import { type ConfigFile, type Profile, readConfig } from './config/store.js';
import { UsageError } from './usage-error.js';
import { cliText } from './words.js';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

export interface GlobalOptions {
  json?: boolean;
  output?: string;
  select?: string;
  field?: string;
  wide?: boolean;
  csvFormulaGuard?: string;
  agent?: boolean;
  profile?: string;
  region?: string;
  baseUrl?: string;
  color?: boolean;
  verbose?: boolean;
  rateStore?: string;
}

/** Where every gluekit process of this user shares each key's rate window by default. */
export const RATE_BUDGET_FILE = 'rate-budget.sqlite';

export interface Connection {
  apiKey: string | undefined;
  baseUrl: string;
  profile: string;
  /** Where each setting came from, for `doctor` and error messages. */
  sources: { apiKey: string; baseUrl: string };
}

export class CliContext {
  readonly format: OutputFormat;
  readonly select: string[] | undefined;
  /** `--field NAME`: print only this field's value, nothing else. */
  readonly field: string | undefined;
  /** `--wide`: no table cell is cut. */
  readonly wide: boolean;
  /** `--csv-formula-guard off` turns off the apostrophe before formula-like CSV cells. */
  readonly csvFormulaGuard: boolean;
  readonly agent: boolean;
  /** Prompts and progress are allowed: a person at a terminal, not an agent or a pipe. */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly paths = gluekitPaths();
  private configCache: ConfigFile | undefined;

  constructor(readonly options: GlobalOptions) {
    this.agent = options.agent === true;
    const requested = options.output;
    if (requested !== undefined && !OUTPUT_FORMATS.includes(requested as OutputFormat)) {
      throw new UsageError(
        `--output must be one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(requested)}`,
      );
    }
    const stdoutIsTty = process.stdout.isTTY === true;
    this.format =
      (requested as OutputFormat | undefined) ??
      (options.json || this.agent || !stdoutIsTty ? 'json' : 'table');
    this.select = options.select
      ?.split(',')
      .map((path) => path.trim())
      .filter(Boolean);
    this.field = options.field?.trim() || undefined;
    if (this.field !== undefined && this.select !== undefined)
      throw new UsageError('Use --field for one value, or --select for some fields, not both.');
    this.wide = options.wide === true;
    const guard = options.csvFormulaGuard ?? 'on';
    if (guard !== 'on' && guard !== 'off') {
      throw new UsageError(`--csv-formula-guard must be on or off, got ${JSON.stringify(guard)}`);
    }
    this.csvFormulaGuard = guard === 'on';
    // isatty(0) rather than process.stdin.isTTY: the first touch of process.stdin builds a stream
    // for it (a file stream for /dev/null), a cost every scripted call would pay for nothing.
    this.interactive = !this.agent && stdoutIsTty && isatty(0);
    this.color = !this.agent && options.color !== false && !process.env.NO_COLOR && stdoutIsTty;
  }

  get jsonErrors(): boolean {
    return this.format !== 'table';
  }

  warn(message: string): void {
    process.stderr.write(`gluekit: warning: ${terminalText(cliText(message))}\n`);
  }

  config(): ConfigFile {
    this.configCache ??= readConfig(this.paths.configFile, (message) => this.warn(message));
    return this.configCache;
  }

  profileName(): string {
    return this.options.profile ?? readEnv('GLUEKIT_PROFILE') ?? this.config().defaultProfile ?? 'default';
  }

  /** Flags, then the environment, then the config profile, then defaults. */
  connection(): Connection {
    const name = this.profileName();
    const profile: Profile = this.config().profiles[name] ?? {};
    // A profile asked for by name (flag or GLUEKIT_PROFILE) must exist, the same way for both:
    // silently running against the defaults would reach the wrong account or none.
    if ((this.options.profile ?? readEnv('GLUEKIT_PROFILE')) !== undefined && !this.config().profiles[name]) {
      throw new ConfigurationError(noProfileMessage(name, Object.keys(this.config().profiles)));
    }
    let baseUrl: string;
    let baseUrlSource: string;
    if (this.options.baseUrl)
      [baseUrl, baseUrlSource] = [resolveBaseUrl(undefined, this.options.baseUrl), '--base-url'];
    else if (this.options.region)
      [baseUrl, baseUrlSource] = [resolveBaseUrl(this.options.region, undefined), '--region'];
    else if (readEnv('ITGLUE_BASE_URL'))
      [baseUrl, baseUrlSource] = [resolveBaseUrl(undefined, readEnv('ITGLUE_BASE_URL')), 'ITGLUE_BASE_URL'];
    else if (readEnv('ITGLUE_REGION'))
      [baseUrl, baseUrlSource] = [resolveBaseUrl(readEnv('ITGLUE_REGION'), undefined), 'ITGLUE_REGION'];
    else if (profile.baseUrl)
      [baseUrl, baseUrlSource] = [resolveBaseUrl(undefined, profile.baseUrl), `profile ${name}`];
    else if (profile.region)
      [baseUrl, baseUrlSource] = [resolveBaseUrl(profile.region, undefined), `profile ${name}`];
    else [baseUrl, baseUrlSource] = [resolveBaseUrl('us', undefined), 'default (us)'];
    const envKey = readEnv('ITGLUE_API_KEY');
    const apiKey = envKey ?? profile.apiKey;
    const keySource = envKey ? 'ITGLUE_API_KEY' : profile.apiKey ? `profile ${name}` : 'none';
    return { apiKey, baseUrl, profile: name, sources: { apiKey: keySource, baseUrl: baseUrlSource } };
  }

  /**
   * Where the rate window is kept: `--rate-store`, then `GLUEKIT_RATE_STORE`, then a file in the
   * data directory, so every gluekit process of this user on this machine shares one window per key.
   */
  rateStore(): RateStore {
    const spec = this.options.rateStore ?? readEnv('GLUEKIT_RATE_STORE') ?? 'file';
    return rateStoreFor(spec, join(this.paths.dataDir, RATE_BUDGET_FILE));
  }

  client(overrides: ClientOptions = {}): GlueKit {
    const connection = this.connection();
    if (!connection.apiKey && overrides.apiKey === undefined) {
      throw new ConfigurationError(
        'No IT Glue API key: set ITGLUE_API_KEY, or store one with `gluekit config set api-key` (it reads the key from stdin, never from the command line).',
      );
    }
    const waitSeconds = readEnv('GLUEKIT_RATE_LIMIT_WAIT');
    if (waitSeconds !== undefined && !/^\d+$/.test(waitSeconds)) {
      throw new ConfigurationError(
        `GLUEKIT_RATE_LIMIT_WAIT must be whole seconds, got ${JSON.stringify(waitSeconds)}`,
      );
    }
    return new GlueKit({
      apiKey: connection.apiKey,
      baseUrl: connection.baseUrl,
      logLevel: this.options.verbose ? 'debug' : 'warn',
      rateLimit: { store: this.rateStore() },
      ...(waitSeconds !== undefined ? { maxRateLimitWaitMs: Number(waitSeconds) * 1000 } : {}),
      ...overrides,
    });
  }
}

/** The error for a profile that does not exist, with the ones that do. */
export function noProfileMessage(name: string, existing: readonly string[]): string {
  const known = existing.length > 0 ? ` Profiles: ${existing.join(', ')}.` : ' There are no profiles yet.';
  return `No profile named ${JSON.stringify(name)}.${known} Create it with: gluekit config set region us --profile ${name}`;
}
