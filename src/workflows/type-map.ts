/**
 * `--type-map FILE`: source device classes (NinjaOne `WINDOWS_WORKSTATION`, Datto `Desktop`,
 * Intune `windowsRT`…) to IT Glue configuration type names or ids. JSON (`{"from": "to"}`) or a
 * two-column CSV (`source_type,itglue_type`).
 */
import { InputError } from '../core/errors.js';

export class TypeMapError extends InputError {
  override name = 'TypeMapError';
}

export function parseTypeMap(text: string, file: string): Map<string, string> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const map = new Map<string, string>();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new TypeMapError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    for (const [from, to] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof to !== 'string' || !to.trim())
        throw new TypeMapError(`${file}: "${from}" must map to a type name or id`);
      map.set(from, to.trim());
    }
    return map;
  }
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (index === 0 && /type/i.test(line)) return; // a header
    if (!line.trim()) return;
    const comma = line.indexOf(',');
    if (comma <= 0) throw new TypeMapError(`${file}:${index + 1}: expected "source type,IT Glue type"`);
    const from = line.slice(0, comma).trim().replace(/^"|"$/g, '');
    const to = line
      .slice(comma + 1)
      .trim()
      .replace(/^"|"$/g, '');
    if (!to) throw new TypeMapError(`${file}:${index + 1}: "${from}" maps to nothing`);
    map.set(from, to);
  });
  return map;
}
