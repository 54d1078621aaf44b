/**
 * Plan review: a saved plan (as `--plan-out` writes it) grouped by organization and kind,
 * conflicts first, each action with its field-level changes and, for documents, the text it
 * writes. Applying stays in the CLI: the page shows `gluekit apply <file>`, ready to copy.
 */
import type { MirrorStore } from '../../mirror/index.js';
import { isSecretKey } from '../../spec/secrets.js';
import { ACTION_KINDS, type Plan, type PlanAction } from '../../workflows/engine/plan.js';
import { fieldDiffTable, inlineDiff, valueText } from '../diff-view.js';
import { htmlToText, type SectionLike, sectionsToText } from '../doc-text.js';
import { ago, count, plural, shortTime, TYPE_SINGULAR } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { ItGlueLinks } from '../links.js';
import { groupPlan } from '../plan-groups.js';
import { type RecordLookup, recordLookup } from '../records.js';
import { diffLines } from '../text-diff.js';

export interface PlanReviewInput {
  plan: Plan;
  /** The path to give `gluekit apply`, as the user knows the file. */
  file: string;
  store: MirrorStore | null;
  links: ItGlueLinks;
  now: Date;
}

/** A path as one shell word: as it is when it is plain, else in single quotes. */
export function shellWord(value: string): string {
  return /^[\w./@:+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

const LENGTH_ONLY = /^\d+ characters$/;

const WORKFLOW_TITLE: Record<string, string> = {
  contacts: 'Contact sync',
  configurations: 'Configuration import',
  passwords: 'Password mirror',
  documents: 'Onboarding documents',
};

function documentText(action: PlanAction): SafeHtml {
  const sections = action.attributes?.sections;
  if (!Array.isArray(sections)) return html``;
  const change = action.changes?.content;
  // Both bodies through one converter when the plan carries both (an update), so only text differs.
  const after =
    typeof change?.to === 'string' && !LENGTH_ONLY.test(change.to)
      ? htmlToText(change.to)
      : sectionsToText(sections as SectionLike[]);
  // The plan carries the current body as IT Glue holds it (HTML); plans from before carried a length.
  const before =
    change && typeof change.from === 'string' && !LENGTH_ONLY.test(change.from)
      ? htmlToText(change.from)
      : null;
  if (action.action === 'update' && before === null && !/no content yet/.test(action.reason)) {
    const length = typeof change?.from === 'string' ? change.from : 'its current text';
    return html`<div class="doc-text">
      <p class="small muted">The plan records the current body only as its length (${length}); this is the whole text the update writes in its place.</p>
      <pre class="textdiff">${inlineDiff([{ kind: 'added', text: after }])}</pre></div>`;
  }
  const parts = diffLines(before ?? '', after);
  return html`<div class="doc-text"><pre class="textdiff">${inlineDiff(parts)}</pre></div>`;
}

/** A create's attributes as "new value" rows (sections shown as text instead, secrets never). */
function newValues(action: PlanAction): SafeHtml {
  const entries = Object.entries(action.attributes ?? {}).filter(
    ([field]) => field !== 'sections' && field !== 'publish',
  );
  if (entries.length === 0) return html``;
  return html`<table class="diff diff--new"><thead><tr><th scope="col">Field</th><th scope="col">New value</th></tr></thead><tbody>${entries.map(
    ([field, value]) =>
      html`<tr><th scope="row">${field}</th><td class="after">${isSecretKey(field) ? html`<span class="tag">set</span> <span class="muted">(never shown)</span>` : html`<ins>${valueText(value)}</ins>`}</td></tr>`,
  )}</tbody></table>`;
}

function actionCard(action: PlanAction, input: PlanReviewInput, lookup: RecordLookup): SafeHtml {
  const record = action.id ? lookup(action.resource, action.id) : undefined;
  const name = typeof record?.name === 'string' && record.name !== '' ? record.name : undefined;
  const target = action.id
    ? html`<span class="record">${name ?? `${TYPE_SINGULAR[action.resource]} ${action.id}`} <span class="mono muted">#${action.id}</span> ${input.links.link({ type: action.resource, id: action.id, organizationId: action.organizationId, resourceUrl: record?.resourceUrl })}</span>`
    : '';
  const changes = Object.entries(action.changes ?? {})
    .filter(([field]) => !(action.resource === 'documents' && field === 'content'))
    .map(([field, change]) => ({ field, from: change.from, to: change.to }));
  const secretFields = Object.keys(action.secrets ?? {});
  return html`<li class="action action--${action.action}" data-kind="${action.action}" data-key="${action.key}">
    <div class="action-head">
      <span class="badge badge--${action.action}">${action.action}</span>
      <span class="type">${TYPE_SINGULAR[action.resource]}</span>
      <code class="key">${action.key}</code>
      ${target}
    </div>
    <p class="reason">${action.reason}${action.source ? html` <span class="source mono muted">${action.source.file}:${action.source.line}</span>` : ''}</p>
    ${changes.length > 0 ? fieldDiffTable(changes) : action.action === 'create' ? newValues(action) : ''}
    ${secretFields.length > 0 ? html`<p class="small muted">Sets ${secretFields.join(', ')} from the source file at apply time; the value is never in the plan.</p>` : ''}
    ${action.resource === 'documents' && (action.action === 'create' || action.action === 'update') ? documentText(action) : ''}
  </li>`;
}

function summaryChips(plan: Plan): SafeHtml {
  return html`<ul class="chips">${ACTION_KINDS.filter((kind) => plan.summary[kind] > 0).map(
    (kind) =>
      html`<li><span class="badge badge--${kind}" data-kind="${kind}">${count(plan.summary[kind])} ${kind}</span></li>`,
  )}</ul>`;
}

function tenantNote(plan: Plan, store: MirrorStore | null): SafeHtml {
  const tenant = store?.tenant();
  if (!tenant)
    return html`<p class="small muted">No mirror to compare with: organizations and records are shown by id.</p>`;
  if (tenant.baseUrl === plan.target.baseUrl && tenant.keyFingerprint === plan.target.keyFingerprint)
    return html`<p class="small ok-text">Same tenant and key as this mirror: names and links come from it.</p>`;
  return html`<p class="warn-text">This plan targets ${plan.target.baseUrl} (key ${plan.target.keyFingerprint}); the mirror is ${tenant.baseUrl} (key ${tenant.keyFingerprint}). Names below may be missing or belong to another tenant.</p>`;
}

export function planReview(input: PlanReviewInput): SafeHtml {
  const { plan } = input;
  const lookup = recordLookup(input.store);
  const orgName = (id: string) => {
    const name = lookup('organizations', id)?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  };
  const groups = groupPlan(plan, orgName);
  const command = `gluekit apply ${shellWord(input.file)}`;
  const source = valueText(plan.options.source);
  const title =
    plan.workflow === 'undo'
      ? `Undo of run ${valueText(plan.options.undoOf)}`
      : `${WORKFLOW_TITLE[plan.workflow] ?? plan.workflow} from ${source === '' ? 'a source' : (source.split(/[\\/]/).pop() ?? source)}`;
  const applyNotes: SafeHtml[] = [];
  if (plan.summary.conflict > 0)
    applyNotes.push(
      html`<p class="warn-text">Apply refuses this plan while it has conflicts: resolve them and plan again, or add <code>--allow-conflicts</code> to skip them.</p>`,
    );
  if (plan.workflow === 'passwords')
    applyNotes.push(
      html`<p class="small muted">Password values are read again from the source file when it is applied.</p>`,
    );
  const writes = plan.summary.create + plan.summary.update + plan.summary.deactivate;
  const organizations = groups.organizations.map((group) => {
    const name = orgName(group.organizationId) ?? `Organization ${group.organizationId}`;
    const counts = ACTION_KINDS.filter((kind) => (group.counts[kind] ?? 0) > 0)
      .map((kind) => `${group.counts[kind]} ${kind}`)
      .join(', ');
    const kinds = group.kinds.map(({ kind, actions }) => {
      const list = html`<ol class="actions">${actions.map((action) => actionCard(action, input, lookup))}</ol>`;
      return kind === 'unchanged'
        ? html`<details class="kind"><summary>${plural(actions.length, 'unchanged record')}</summary>${list}</details>`
        : html`<div class="kind"><h4 class="kind-head">${kind} <span class="count">${actions.length}</span></h4>${list}</div>`;
    });
    return html`<section class="panel org-group" data-org="${group.organizationId}">
      <h3>${name} <span class="mono muted">#${group.organizationId}</span> ${input.links.link({ type: 'organizations', id: group.organizationId })}</h3>
      <p class="small muted">${counts}</p>
      ${kinds}
    </section>`;
  });
  return html`<div id="plan-review" class="plan-review">
    <section class="panel plan-head">
      <div class="plan-title"><h2 title="${source}">${title}</h2>${summaryChips(plan)}</div>
      <p class="small muted">Made ${ago(plan.createdAt, input.now)} (${shortTime(plan.createdAt)}) for ${plan.target.baseUrl}, key ${plan.target.keyFingerprint}.</p>
      ${tenantNote(plan, input.store)}
      <div class="apply">
        <p class="small">${writes === 0 ? 'Nothing to write.' : `${plural(writes, 'write')} when applied. Apply it from a terminal:`}</p>
        <div class="command"><code id="apply-command">${command}</code><button type="button" class="btn" data-copy="#apply-command">Copy</button></div>
        ${applyNotes}
      </div>
    </section>
    ${
      groups.conflicts.length > 0
        ? html`<section class="panel conflicts"><h3>Conflicts <span class="count">${groups.conflicts.length}</span></h3>
          <ol class="actions">${groups.conflicts.map((action) => actionCard(action, input, lookup))}</ol></section>`
        : ''
    }
    ${organizations}
  </div>`;
}
