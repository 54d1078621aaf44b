import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/core/redact.js';
import { sha256Hex } from '../../src/core/sha256.js';

const nodeSha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto across block boundaries and non-ASCII text', () => {
    const seed = 20261205;
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state;
    };
    const samples = [
      'ITG.a05e01d4c0c55fc45b4ad4e215399e42',
      'é',
      '🔑 key',
      ...[55, 56, 57, 63, 64, 65, 119, 120, 128, 1000].map((length) => 'x'.repeat(length)),
      ...Array.from({ length: 200 }, () =>
        Array.from({ length: next() % 300 }, () => String.fromCodePoint(32 + (next() % 0x2fff))).join(''),
      ),
    ];
    for (const text of samples)
      expect(sha256Hex(text), `seed ${seed}: ${JSON.stringify(text)}`).toBe(nodeSha256(text));
  });

  it('keeps the key fingerprint that journals and mirrors already store', () => {
    const key = 'ITG.0123456789abcdef';
    expect(keyFingerprint(key)).toBe(`sha256:${nodeSha256(key).slice(0, 12)}`);
  });
});
