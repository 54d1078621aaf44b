/**
 * The vars file checked against the templates: a value no template uses is most often a typo
 * (`dns_hots` for `dns_host`), whose placeholder then silently shows its default. Said as a
 * warning in the plan's notes, with the nearest name the templates do use.
 */
import { editDistance } from '../../resources/organization-names.js';
import { type OnboardingTemplate, varsUsedBy } from './template.js';

function nearest(name: string, used: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of used) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** One warning per variable of the vars file that no template uses. */
export function unusedVarsWarnings(
  templates: readonly OnboardingTemplate[],
  vars: Record<string, unknown>,
): string[] {
  const used = new Set(templates.flatMap((template) => [...varsUsedBy(template)]));
  const warnings: string[] = [];
  for (const name of Object.keys(vars)) {
    if (used.has(name)) continue;
    const near = nearest(name, [...used].sort());
    warnings.push(
      `warning: the vars file's "${name}" is not used by any template${near ? ` (did you mean "${near}"?)` : ''}; it is ignored.`,
    );
  }
  return warnings;
}
