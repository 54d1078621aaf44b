/**
 * The password match keys: names compared like people compare them, and OTP secrets taken from
 * every shape vaults export, with a reason (never the secret) when one cannot be used.
 */
import { describe, expect, it } from 'vitest';
import { normalizeOtp, normalizePasswordName } from '../../src/sources/index.js';

describe('normalizePasswordName', () => {
  it('trims, turns Unicode spaces into one space, composes and lowercases', () => {
    expect(normalizePasswordName('  Local\u00a0 Admin\t')).toBe('local admin');
    expect(normalizePasswordName('Wi\u2009Fi\u3000Guest')).toBe('wi fi guest');
    expect(normalizePasswordName('Cafe\u0301 Router')).toBe(normalizePasswordName('CAFÉ router'));
    expect(normalizePasswordName('Fire\u200bwall')).toBe('firewall');
  });

  it('is undefined for blanks and idempotent', () => {
    for (const blank of [undefined, null, '', ' \u00a0 ', '\u200b'])
      expect(normalizePasswordName(blank)).toBeUndefined();
    const once = normalizePasswordName(' Ⅻ  Straße ') as string;
    expect(normalizePasswordName(once)).toBe(once);
  });
});

describe('normalizeOtp', () => {
  it('takes the secret of an otpauth:// URI, URL-decoded', () => {
    expect(
      normalizeOtp('otpauth://totp/Acme:bob%40acme.example?secret=JBSWY3DPEHPK3PXP&issuer=Acme'),
    ).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
    });
    expect(
      normalizeOtp('otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp&period=30&digits=6&algorithm=SHA1'),
    ).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
    });
  });

  it('cleans a bare secret: spaces, dashes, lowercase and padding', () => {
    expect(normalizeOtp(' jbsw y3dp-ehpk 3pxp ')).toEqual({ secret: 'JBSWY3DPEHPK3PXP' });
    expect(normalizeOtp('MFRGGZDFMZTWQ2LK====')).toEqual({ secret: 'MFRGGZDFMZTWQ2LK' });
    expect(normalizeOtp('key=JBSWY3DPEHPK3PXP&step=30&size=6')).toEqual({ secret: 'JBSWY3DPEHPK3PXP' });
  });

  it('explains what is wrong without repeating the secret', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['123456', /not Base32.*0, 1, 8 or 9/],
      ['ABCDEF', /6 characters; a real one has at least 8/],
      ['JBSWY3DPE', /9 characters, a length no Base32 secret has/],
      ['JBSW!3DPEHPK3PXP', /not Base32/],
      ['steam://JBSWY3DPEHPK3PXP', /Steam Guard/],
      ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1', /HOTP/],
      ['otpauth://totp/x?issuer=Acme', /no secret= parameter/],
      ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8', /8-digit codes/],
      ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256', /SHA256 codes/],
      ['key=JBSWY3DPEHPK3PXP&step=60', /non-standard period/],
      ['https://example.com/otp', /a link/],
    ];
    for (const [raw, problem] of cases) {
      const result = normalizeOtp(raw);
      expect(result.secret, raw).toBeUndefined();
      expect(result.problem, raw).toMatch(problem);
      if (raw.length > 5) expect(result.problem, raw).not.toContain('JBSWY3DP');
    }
  });
});
