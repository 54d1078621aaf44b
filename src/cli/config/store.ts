/**
 * The config file: named profiles, each with a region or base URL and, optionally, a key. A file
 * that holds a key is written with mode 0600, and reading one that others can read gives a
 * warning, because the key opens every client's documentation.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError } from '../../core/errors.js';
import { ensurePrivateDir, writePrivateFile } from '../../core/private-files.js';

export interface Profile {
  region?: string;
  baseUrl?: string;
  apiKey?: string;
}

export interface ConfigFile {
  defaultProfile?: string;
  profiles: Record<string, Profile>;
}

export const PROFILE_KEYS = ['region', 'base-url', 'api-key'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];

export function profileField(key: ProfileKey): keyof Profile {
  return key === 'base-url' ? 'baseUrl' : key === 'api-key' ? 'apiKey' : 'region';
}

export function readConfig(file: string, warn: (message: string) => void = () => {}): ConfigFile {
  if (!existsSync(file)) return { profiles: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(
      `The config file ${file} is not valid JSON (${(error as Error).message}); fix or delete it.`,
    );
  }
  const config = parsed as Partial<ConfigFile>;
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof config.profiles !== 'object' ||
    config.profiles === null
  ) {
    throw new ConfigurationError(`The config file ${file} has no "profiles" object; fix or delete it.`);
  }
  const holdsKey = Object.values(config.profiles).some((profile) => typeof profile?.apiKey === 'string');
  if (holdsKey && process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warn(`${file} holds an API key but others can read it; run: chmod 600 ${JSON.stringify(file)}`);
  }
  return {
    ...(config.defaultProfile ? { defaultProfile: config.defaultProfile } : {}),
    profiles: config.profiles,
  };
}

export function writeConfig(file: string, config: ConfigFile): void {
  ensurePrivateDir(dirname(file));
  writePrivateFile(file, `${JSON.stringify(config, null, 2)}\n`);
}
