/**
 * The dashboard's static files (one stylesheet, one small script, the icon), shipped in the
 * package under assets/ui/ and read once at start: no CDN, nothing fetched from anywhere else.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-files.js';

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  'ui.css': 'text/css; charset=utf-8',
  'ui.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

export function loadAssets(): Map<string, Asset> {
  return new Map(
    Object.entries(TYPES).map(([name, type]) => [
      `/assets/${name}`,
      { body: readFileSync(packagePath('assets', 'ui', name)), type },
    ]),
  );
}
