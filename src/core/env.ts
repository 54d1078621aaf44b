/** Reads an environment variable: trimmed, and `undefined` when unset or blank. */
export function readEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}
