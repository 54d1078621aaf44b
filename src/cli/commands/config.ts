/**
 * `gluekit config set|get|list|delete`: named profiles in the config file. A key is read from stdin or a
 * hidden prompt, never from the command line, and shown only as a fingerprint.
 */

import { resolveBaseUrl } from '../../core/config.js';
import { keyFingerprint } from '../../core/redact.js';
import { PROFILE_KEYS, type ProfileKey, profileField, readConfig, writeConfig } from '../config/store.js';
import { type CliContext, noProfileMessage } from '../context.js';
import { readPassword } from '../input/secret.js';
import { printList, printRecord } from '../output/render.js';
import { UsageError } from '../usage-error.js';

function checkKey(key: string): ProfileKey {
  if (key === 'default-profile' || (PROFILE_KEYS as readonly string[]).includes(key))
    return key as ProfileKey;
  throw new UsageError(
    `Unknown setting "${key}". Settings: ${[...PROFILE_KEYS, 'default-profile'].join(', ')}`,
  );
}

export async function runConfigSet(
  ctx: CliContext,
  key: string,
  value: string | undefined,
  flags: { stdin?: boolean },
): Promise<void> {
  const setting = checkKey(key) as ProfileKey | 'default-profile';
  const config = readConfig(ctx.paths.configFile, (m) => ctx.warn(m));
  if (setting === 'default-profile') {
    if (!value) throw new UsageError('config set default-profile needs a profile name');
    config.defaultProfile = value;
  } else {
    const profileName = ctx.profileName();
    const profile = config.profiles[profileName] ?? {};
    if (setting === 'api-key') {
      if (value !== undefined) {
        throw new UsageError(
          'config set api-key takes the key from stdin or a hidden prompt, never from the command line (shell history, process lists).',
        );
      }
      const key = await readPassword(
        { passwordStdin: flags.stdin === true || !ctx.interactive },
        ctx.interactive,
        true,
      );
      if (!key) throw new UsageError('No key given');
      profile.apiKey = key.trim();
    } else {
      if (!value) throw new UsageError(`config set ${setting} needs a value`);
      // Check it now rather than on the next command.
      if (setting === 'region') resolveBaseUrl(value, undefined);
      else resolveBaseUrl(undefined, value);
      profile[profileField(setting)] = value;
    }
    config.profiles[profileName] = profile;
  }
  writeConfig(ctx.paths.configFile, config);
  process.stderr.write(`Saved ${key} to ${ctx.paths.configFile}\n`);
}

function shown(profile: Record<string, unknown>): Record<string, unknown> {
  const { apiKey, ...rest } = profile;
  return typeof apiKey === 'string' ? { ...rest, apiKey: keyFingerprint(apiKey) } : rest;
}

export function runConfigGet(ctx: CliContext, key: string): void {
  const setting = checkKey(key) as ProfileKey | 'default-profile';
  const config = readConfig(ctx.paths.configFile, (m) => ctx.warn(m));
  const value =
    setting === 'default-profile'
      ? config.defaultProfile
      : config.profiles[ctx.profileName()]?.[profileField(setting)];
  const display =
    setting === 'api-key' && typeof value === 'string' ? keyFingerprint(value) : (value ?? null);
  if (ctx.format === 'table') process.stdout.write(`${display ?? ''}\n`);
  else printRecord(ctx, { [key]: display }, { source: 'local' });
}

export function runConfigList(ctx: CliContext): void {
  const config = readConfig(ctx.paths.configFile, (m) => ctx.warn(m));
  const rows = Object.entries(config.profiles).map(([name, profile]) => ({
    profile: name,
    default: name === (config.defaultProfile ?? 'default'),
    ...shown(profile as Record<string, unknown>),
  }));
  printList(ctx, rows, { source: 'local', file: ctx.paths.configFile }, [
    'profile',
    'default',
    'region',
    'baseUrl',
    'apiKey',
  ]);
}

/** Removes a profile (its key with it); the default-profile setting goes too if it named this one. */
export function runConfigDelete(ctx: CliContext, name: string): void {
  const config = readConfig(ctx.paths.configFile, (m) => ctx.warn(m));
  if (!config.profiles[name]) throw new UsageError(noProfileMessage(name, Object.keys(config.profiles)));
  delete config.profiles[name];
  if (config.defaultProfile === name) delete config.defaultProfile;
  writeConfig(ctx.paths.configFile, config);
  process.stderr.write(`Deleted profile ${name} from ${ctx.paths.configFile}\n`);
}
