/** The plan review page: the plans named on the command line, and a picker for any other file. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MirrorStore } from '../../mirror/index.js';
import { parsePlan } from '../../workflows/plan.js';
import { html, type SafeHtml } from '../html.js';
import type { PageContent } from '../layout.js';
import type { ItGlueLinks } from '../links.js';
import { planReview } from './plan.js';

export interface PlanSources {
  /** Plan files given to `gluekit ui --plan`, as the user typed them. */
  files: readonly string[];
  store: MirrorStore | null;
  links: ItGlueLinks;
  now: Date;
}

/** A plan file reviewed, or the error that says why it is not a plan. */
export function reviewPlanText(text: string, file: string, sources: PlanSources): SafeHtml {
  try {
    const plan = parsePlan(text, file);
    return planReview({ plan, file, store: sources.store, links: sources.links, now: sources.now });
  } catch (error) {
    return html`<div id="plan-review" class="plan-review"><div class="error-box" role="alert"><strong>Not a plan.</strong> ${(error as Error).message}</div></div>`;
  }
}

function picker(): SafeHtml {
  return html`<section class="panel plan-open">
    <h2>Open a plan file</h2>
    <p class="small muted">A plan saved with <code>--plan-out</code>, e.g. <code>gluekit contacts sync --from users.csv --org 2 --plan-out plan.json</code>. It is read by this page and never sent anywhere but this server.</p>
    <label class="file-pick"><input type="file" accept=".json,application/json" data-plan-file> <span class="btn">Choose a plan…</span></label>
    <noscript><p class="warn-text">Opening a file here needs JavaScript; or start <code>gluekit ui --plan plan.json</code>.</p></noscript>
  </section>`;
}

export function planPage(sources: PlanSources, index: number | undefined): PageContent {
  const listed = sources.files.map(
    (file, i) =>
      html`<li><a href="/plan/${i + 1}"${index === i ? html` aria-current="page"` : ''}>${basename(file)}</a> <span class="muted mono small">${file}</span></li>`,
  );
  let review: SafeHtml = html`<div id="plan-review" class="plan-review"></div>`;
  if (index !== undefined) {
    const file = sources.files[index] as string;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
      review = reviewPlanText(text, file, sources);
    } catch (error) {
      review = html`<div id="plan-review" class="plan-review"><div class="error-box" role="alert">Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}</div></div>`;
    }
  }
  return {
    section: '/plan',
    title: 'Plan review',
    lede: 'What a saved plan will do, grouped by organization, conflicts first. Nothing is applied from here: copy the command and run it in a terminal.',
    body: html`${listed.length > 0 ? html`<section class="panel"><h2>Plans given at start</h2><ul class="plain-list">${listed}</ul></section>` : ''}
      ${picker()}
      ${review}`,
  };
}
