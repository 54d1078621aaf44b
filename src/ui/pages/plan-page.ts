/** The plan review page: the plans named on the command line, and a picker for any other file. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MirrorStore } from '../../mirror/index.js';
import { parsePlan } from '../../workflows/engine/plan.js';
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

/** One bar: the plans given at start, and a button to open any other plan file. */
function planBar(files: readonly string[], index: number | undefined): SafeHtml {
  const listed = files.map(
    (file, i) =>
      html`<a class="seg" href="/plan/${i + 1}" title="${file}"${index === i ? html` aria-current="true"` : ''}>${basename(file)}</a>`,
  );
  return html`<section class="panel plan-bar">
    ${listed.length > 0 ? html`<nav class="segmented" aria-label="Plans given at start">${listed}</nav>` : ''}
    <label class="file-pick"><input type="file" accept=".json,application/json" data-plan-file> <span class="btn">Open a plan file…</span></label>
    <p class="small muted">A plan saved with <code>--plan-out</code>. The file is read by this page and sent to this server only.</p>
    <noscript><p class="warn-text">Opening a file here needs JavaScript; or start <code>gluekit ui --plan plan.json</code>.</p></noscript>
  </section>`;
}

export function planPage(sources: PlanSources, index: number | undefined): PageContent {
  let review: SafeHtml = html`<div id="plan-review" class="plan-review"></div>`;
  if (index !== undefined) {
    const file = sources.files[index] as string;
    try {
      review = reviewPlanText(readFileSync(file, 'utf8'), file, sources);
    } catch (error) {
      review = html`<div id="plan-review" class="plan-review"><div class="error-box" role="alert">Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}</div></div>`;
    }
  } else if (sources.files.length === 0) {
    review = html`<div id="plan-review" class="plan-review"><div class="empty"><p class="empty-title">No plan open.</p><p>Open a plan file, or start <code>gluekit ui --plan plan.json</code>. Make one with <code>--plan-out</code>, e.g. <code>gluekit contacts sync --from users.csv --org 2 --plan-out plan.json</code>.</p></div></div>`;
  }
  return {
    section: '/plan',
    title: 'Plan review',
    lede: 'What a saved plan will do, grouped by organization, conflicts first. Nothing is applied from here: copy the command and run it in a terminal.',
    body: html`${planBar(sources.files, index)}${review}`,
  };
}
