/** The dashboard's pure parts: escaping, links, the heat scale, diffs, highlighting, plan grouping. */
import { describe, expect, it } from 'vitest';
import { heatLevel } from '../../src/ui/charts.js';
import { htmlToText, sectionsToText } from '../../src/ui/doc-text.js';
import { highlight, matchRanges } from '../../src/ui/highlight.js';
import { escapeText, html } from '../../src/ui/html.js';
import { ItGlueLinks, safeHttpUrl } from '../../src/ui/links.js';
import { shellWord } from '../../src/ui/pages/plan.js';
import { ageBuckets } from '../../src/ui/pages/stale-passwords.js';
import { groupPlan } from '../../src/ui/plan-groups.js';
import { diffLines, diffWords } from '../../src/ui/text-diff.js';
import type { Plan, PlanAction } from '../../src/workflows/engine/plan.js';

describe('escaping', () => {
  it('escapes the five HTML specials in every interpolation', () => {
    const name = `<img src=x onerror="alert('x')"> & co`;
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co</td>',
    );
  });

  it('shows C0 and C1 controls and bidi overrides as visible escapes, keeping tab and newline', () => {
    expect(escapeText('a\u001b[2Jb')).toBe('a\u241b[2Jb');
    expect(escapeText('x\u0000y\ry')).toBe('x\u2400y\u240dy');
    expect(escapeText('csi\u009b31m')).toBe('csi\\u009B31m');
    expect(escapeText('del\u007f')).toBe('del\\u007F');
    expect(escapeText('abc\u202Edcba')).toBe('abc\\u202Edcba');
    expect(escapeText('one\ttwo\nthree')).toBe('one\ttwo\nthree');
  });

  it('nests safe markup without escaping it twice, and arrays join', () => {
    const inner = html`<b>${'<x>'}</b>`;
    expect(html`<p>${inner}${[html`<i>1</i>`, '<2>']}</p>`.value).toBe(
      '<p><b>&lt;x&gt;</b><i>1</i>&lt;2&gt;</p>',
    );
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });
});

describe('links to IT Glue', () => {
  it('takes only absolute http(s) URLs', () => {
    expect(safeHttpUrl('https://acme.itglue.com/2/passwords/9')).toBe(
      'https://acme.itglue.com/2/passwords/9',
    );
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
    expect(safeHttpUrl('/relative')).toBeUndefined();
    expect(safeHttpUrl(42)).toBeUndefined();
  });

  it("uses the record's resource-url, else builds one on the tenant's host", () => {
    const links = new ItGlueLinks('https://acme.itglue.com');
    expect(
      links.urlOf({
        type: 'passwords',
        id: '9',
        organizationId: '2',
        resourceUrl: 'https://x.itglue.com/2/passwords/9',
      }),
    ).toBe('https://x.itglue.com/2/passwords/9');
    expect(links.urlOf({ type: 'contacts', id: '72', organizationId: '2' })).toBe(
      'https://acme.itglue.com/2/contacts/72',
    );
    expect(links.urlOf({ type: 'documents', id: '5', organizationId: '2' })).toBe(
      'https://acme.itglue.com/2/docs/5',
    );
    expect(links.urlOf({ type: 'organizations', id: '2' })).toBe('https://acme.itglue.com/2');
    expect(links.urlOf({ type: 'contacts', id: '72', organizationId: null })).toBeUndefined();
    expect(new ItGlueLinks(undefined).urlOf({ type: 'organizations', id: '2' })).toBeUndefined();
    const evil = links.link({
      type: 'passwords',
      id: '9',
      organizationId: '2',
      resourceUrl: 'javascript:alert(1)',
    }).value;
    expect(evil).not.toContain('javascript:');
    expect(evil).toContain('https://acme.itglue.com/2/passwords/9');
    expect(evil).toContain('rel="noopener noreferrer"');
  });
});

describe('heat scale', () => {
  it('puts 0 apart as a gap and spreads counts over six levels on a log scale', () => {
    expect(heatLevel(0, 100)).toBe(0);
    expect(heatLevel(1, 1)).toBe(6);
    expect(heatLevel(100, 100)).toBe(6);
    expect(heatLevel(1, 1000)).toBe(1);
    const levels = [1, 3, 10, 30, 100, 300, 1000].map((n) => heatLevel(n, 1000));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(new Set(levels).size).toBeGreaterThanOrEqual(5);
  });
});

describe('text diffs', () => {
  it('marks the words that changed and gives both texts back', () => {
    const before = 'Call before 10am about billing.';
    const after = 'Call after 11am about billing and the sensor.';
    const parts = diffWords(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual([
      'before 10am',
      'billing.',
    ]);
    expect(parts.find((p) => p.kind === 'same')?.text).toBe('Call ');
  });

  it('diffs lines, and texts too large for the table become removed and added whole', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { kind: 'same', text: 'a\n' },
      { kind: 'removed', text: 'b\n' },
      { kind: 'added', text: 'B\n' },
      { kind: 'same', text: 'c\n' },
    ]);
    const big = Array.from({ length: 3000 }, (_, i) => `line ${i}\n`);
    const other = big.map((line) => `x${line}`);
    const parts = diffLines(big.join(''), other.join(''));
    expect(parts.map((p) => p.kind)).toEqual(['removed', 'added']);
  });
});

describe('highlighting search terms', () => {
  it('marks every occurrence ignoring case and diacritics, in the original text', () => {
    expect(matchRanges('Renée René', ['rene'])).toEqual([
      [0, 4],
      [6, 10],
    ]);
    expect(highlight('Serial SN-2026-0042', ['sn-2026']).value).toBe('Serial <mark>SN-2026</mark>-0042');
    expect(highlight('<b>frog</b>', ['frog']).value).toBe('&lt;b&gt;<mark>frog</mark>&lt;/b&gt;');
  });

  it('cuts a long value to a window around the first match', () => {
    const text = `${'a'.repeat(300)} needle ${'b'.repeat(300)}`;
    const out = highlight(text, ['needle'], 100).value;
    expect(out).toContain('<mark>needle</mark>');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeLessThan(140);
  });
});

describe('plans', () => {
  const action = (fields: Partial<PlanAction>): PlanAction => ({
    action: 'create',
    resource: 'contacts',
    organizationId: '2',
    key: 'email:x',
    reason: 'r',
    ...fields,
  });
  const plan = (actions: PlanAction[]): Plan => ({
    version: 1,
    workflow: 'contacts',
    createdAt: '2026-01-01T00:00:00.000Z',
    target: { baseUrl: 'https://api.itglue.com', keyFingerprint: 'sha256:x' },
    options: {},
    sourceId: 's',
    summary: { create: 0, update: 0, deactivate: 0, unchanged: 0, skip: 0, conflict: 0 },
    actions,
  });

  it('puts conflicts first, then organizations with conflicts, then the most writes, kinds writes-first', () => {
    const groups = groupPlan(
      plan([
        action({ organizationId: '5', action: 'unchanged', key: 'a' }),
        action({ organizationId: '5', action: 'create', key: 'b' }),
        action({ organizationId: '3', action: 'update', key: 'c' }),
        action({ organizationId: '3', action: 'create', key: 'd' }),
        action({ organizationId: '9', action: 'skip', key: 'e' }),
        action({ organizationId: '9', action: 'conflict', key: 'f' }),
      ]),
      (id) => ({ '3': 'Beta', '5': 'Alpha', '9': 'Gamma' })[id],
    );
    expect(groups.conflicts.map((a) => a.key)).toEqual(['f']);
    expect(groups.organizations.map((g) => g.organizationId)).toEqual(['9', '3', '5']);
    expect(groups.organizations[2]?.kinds.map((k) => k.kind)).toEqual(['create', 'unchanged']);
    expect(groups.organizations[0]?.counts).toEqual({ skip: 1, conflict: 1 });
  });

  it('quotes a plan path for the shell only when it needs it', () => {
    expect(shellWord('plans/plan-1.json')).toBe('plans/plan-1.json');
    expect(shellWord("my plan's.json")).toBe("'my plan'\\''s.json'");
    expect(shellWord('$(rm -rf ~).json')).toBe("'$(rm -rf ~).json'");
  });

  it('turns document sections into text with headings, table rows and list items', () => {
    expect(
      sectionsToText([
        { resourceType: 'Document::Heading', content: 'Internet', level: 1 },
        {
          resourceType: 'Document::Text',
          content: '<table><tr><td>ISP</td><td>A&amp;B</td></tr></table><ul><li>x</li><li>y</li></ul>',
        },
      ]),
    ).toBe('# Internet\n\n| ISP | A&B |\n\n- x\n- y');
    expect(htmlToText('<p>a<br>b</p><h2>T</h2>')).toBe('a\nb\n\n## T');
  });
});

describe('stale password age bands', () => {
  it('splits from the threshold into four bands with readable labels', () => {
    expect(ageBuckets(365).map((b) => b.label)).toEqual(['1 y – 2 y', '2 y – 3 y', '3 y – 5 y', '5 y +']);
    expect(ageBuckets(90).map((b) => b.label)).toEqual([
      '90 d – 180 d',
      '180 d – 270 d',
      '270 d – 1.2 y',
      '1.2 y +',
    ]);
    expect(ageBuckets(365)[3]?.to).toBe(Number.POSITIVE_INFINITY);
  });
});
