/**
 * The dated line every contact deactivation leaves in the contact's notes, the sync's and undo's
 * alike (IT Glue contacts have no archive flag, so the note says who, when and why).
 */
export function withDeactivationNote(notes: unknown, today: string, why: string): string {
  const note = `Deactivated by gluekit on ${today}: ${why}.`;
  return typeof notes === 'string' && notes ? `${notes}\n${note}` : note;
}
