/**
 * Which attribute values are secrets. The document marks `password` with `format: password`;
 * real IT Glue adds the TOTP secret. Every redaction in gluekit (logs, errors, inspect, dry-runs,
 * plans, journals, the mirror, MCP results) goes through this one list.
 */
export const SECRET_ATTRIBUTES = ['password', 'otpSecret'] as const;

/** The same names in every spelling that can reach the wire or a file. */
const SECRET_KEYS = new Set<string>(['password', 'otpSecret', 'otp-secret', 'otp_secret', 'otpsecret']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key) || SECRET_KEYS.has(key.toLowerCase());
}

/** What a secret value is replaced with wherever it would otherwise be shown. */
export const REDACTED = '[redacted]';
