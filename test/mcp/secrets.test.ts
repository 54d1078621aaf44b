/**
 * The canary: distinctive password and OTP values, written to IT Glue and mirrored through the
 * tools, must never appear in any tool result or error, unless the server allows reveals and the
 * call asks get_password for one explicitly.
 */
import { describe, expect, it } from 'vitest';
import { clientFor, rawRecords, useEmulator } from '../helpers/emulator.js';
import { inMemorySession, newTenantKey, type Session } from './support.js';

const CANARY = 'canary-pw-Q7#mcp!Zz81';
const CANARY_OTP = 'JBSWY3DPEHPK3PXPMCPCANARY';
const VAULT_CANARY = 'vault-canary-9x!Kq2#pw';
const ORG = 'Happy Frog Dental';

describe('password values', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function seeded(): Promise<{ key: string; id: string; orgId: string }> {
    const key = await newTenantKey(emulator.current);
    const sdk = clientFor(emulator.current, { apiKey: key });
    const orgId = (await sdk.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
    const created = await sdk.passwords.create({
      organizationId: orgId,
      name: 'Canary firewall',
      username: 'admin',
      password: CANARY,
      otpSecret: CANARY_OTP,
    });
    return { key, id: created.id, orgId };
  }

  it('never reaches a result, from any tool, without an explicit reveal', async () => {
    const { key, id, orgId } = await seeded();
    const session = await inMemorySession(emulator.current, key, { allowWrites: true });
    const texts: string[] = [];
    const record = async (name: string, args: Record<string, unknown>) => {
      const outcome = await session.call(name, args);
      texts.push(outcome.text);
      return outcome;
    };
    expect((await record('get_password', { id })).data).toMatchObject({ id, name: 'Canary firewall' });
    const refused = await record('get_password', { id, reveal: true });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/--allow-password-reveal/);
    await record('list_passwords', { organizationId: orgId, limit: 200 });
    await record('list_passwords', { name: 'Canary firewall' });
    await record('update_password', { id, notes: 'rotated soon' });
    await record('sync_mirror', {});
    await record('search', { query: 'Canary' });
    await record('org_brief', { organization: ORG, limit: 200 });
    await record('stale_passwords', { days: 1, limit: 200 });
    await record('changes', { since: '1d' });

    const vault = [
      { name: 'Canary firewall', username: 'admin', password: VAULT_CANARY, otp: CANARY_OTP },
      { name: 'Canary switch', username: 'root', password: VAULT_CANARY },
    ];
    const plan = await record('plan_password_mirror', {
      rows: vault,
      organization: ORG,
      compareValues: true,
    });
    expect(plan.isError, plan.text).toBe(false);
    expect(plan.data.writes).toBeGreaterThan(0);
    const applied = await record('apply_plan', { planId: plan.data.planId });
    expect(applied.isError, applied.text).toBe(false);
    // The values did reach IT Glue.
    const stored = await rawRecords(emulator.current, 'passwords', key);
    expect(stored.some((row) => JSON.stringify(row).includes(VAULT_CANARY))).toBe(true);
    // A failing plan quotes neither.
    await record('plan_password_mirror', {
      rows: [{ name: 'x', password: VAULT_CANARY, organization: 'Nowhere Inc' }],
    });

    for (const text of texts) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY_OTP);
      expect(text).not.toContain(VAULT_CANARY);
      expect(text).not.toContain(key);
    }
    await session.close();
  });

  it('is revealed only by get_password with reveal: true on a server that allows it', async () => {
    const { key, id } = await seeded();
    const session: Session = await inMemorySession(emulator.current, key, { allowPasswordReveal: true });
    const metadata = await session.call('get_password', { id });
    expect(metadata.text).not.toContain(CANARY);
    const listed = await session.call('list_passwords', { name: 'Canary firewall' });
    expect(listed.text).not.toContain(CANARY);
    const revealed = await session.ok('get_password', { id, reveal: true });
    expect(revealed.password).toBe(CANARY);
    // The TOTP secret is never returned, even then.
    expect(JSON.stringify(revealed)).not.toContain(CANARY_OTP);
    await session.close();
  });
});
