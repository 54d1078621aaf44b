/**
 * The dashboard's static files (one stylesheet, one small script, the icon), shipped in the
 * package under assets/ui/ and read once at start: no CDN, nothing fetched from anywhere else.
 */
import { readFileSync } from 'node:fs';

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  'ui.css': 'text/css; charset=utf-8',
  'ui.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** assets/ui/ at the package root, from src/ui/ (tests) and dist/ui/ (the installed package) alike. */
const ASSET_DIR = new URL('../../assets/ui/', import.meta.url);

export function loadAssets(): Map<string, Asset> {
  return new Map(
    Object.entries(TYPES).map(([name, type]) => [
      `/assets/${name}`,
      { body: readFileSync(new URL(name, ASSET_DIR)), type },
    ]),
  );
}
