/**
 * Where gluekit keeps its configuration and its data (journals, mirrors). One place for every
 * feature: `GLUEKIT_HOME` overrides both; otherwise the platform's directories.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface GluekitPaths {
  configDir: string;
  dataDir: string;
  configFile: string;
}

export function gluekitPaths(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): GluekitPaths {
  const home = env.GLUEKIT_HOME?.trim();
  if (home) {
    return { configDir: home, dataDir: join(home, 'data'), configFile: join(home, 'config.json') };
  }
  let configDir: string;
  let dataDir: string;
  if (platform === 'win32') {
    const appData = env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
    configDir = join(appData, 'gluekit');
    dataDir = join(env.LOCALAPPDATA ?? appData, 'gluekit');
  } else if (platform === 'darwin') {
    configDir = join(homedir(), 'Library', 'Application Support', 'gluekit');
    dataDir = configDir;
  } else {
    configDir = join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'gluekit');
    dataDir = join(env.XDG_DATA_HOME?.trim() || join(homedir(), '.local', 'share'), 'gluekit');
  }
  return { configDir, dataDir, configFile: join(configDir, 'config.json') };
}
