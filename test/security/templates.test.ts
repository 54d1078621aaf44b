/**
 * Item 9 of the security review: template lookups walked the prototype chain, so
 * `{{ organization.constructor }}` rendered `function Object() { [native code] }`. A placeholder
 * now reads own properties only; anything else has no value (an input problem, or its default).
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate } from '../../src/workflows/documents/index.js';
import { ProblemList } from '../../src/workflows/engine/input-errors.js';

const INHERITED = [
  'organization.constructor',
  'organization.__proto__',
  'organization.toString',
  'organization.has_own_property',
  'vars.constructor',
  'vars.value_of',
];

function render(body: string) {
  const template = parseTemplate(`---\nname: Overview\n---\n${body}\n`, 'overview.md');
  const problems = new ProblemList();
  const rendered = renderTemplate(
    template,
    { organization: { name: 'Fabrikam', shortName: 'FAB' }, vars: { isp: 'Contoso Fiber' } },
    problems,
  );
  return { text: JSON.stringify(rendered.sections), problems: problems.problems };
}

describe('template placeholders read own properties only', () => {
  it.each(INHERITED)('{{ %s }} has no value', (path) => {
    const { text, problems } = render(`Value: {{ ${path} }}`);
    expect(text).not.toMatch(/native code|function|\[object Object\]/);
    expect(problems).toEqual([
      expect.objectContaining({ field: path, message: `{{ ${path} }} has no value` }),
    ]);
  });

  it('an inherited name falls back to its default, while own fields (snake_case or camelCase) render', () => {
    const { text, problems } = render(
      '{{ organization.name }} {{ organization.short_name }} {{ vars.isp }} {{ organization.constructor | default: "n/a" }}',
    );
    expect(problems).toEqual([]);
    expect(text).toContain('Fabrikam FAB Contoso Fiber n/a');
  });
});
