/**
 * The editor's address: `#/floorplans/<planId>` (the id URI-encoded). Pure helpers over a hash string so the
 * routing rules have one home.
 */

/** The plan id in a `#/floorplans/<planId>` hash, or null. */
export function planIdFromHash(hash: string): string | null {
  const parts = hash.replace(/^#\/?/, '').split('/');
  return parts[0] === 'floorplans' && parts[1] ? decodeURIComponent(parts[1]) : null;
}

/** The hash that opens plan `id`. */
export function planHash(id: string): string {
  return `#/floorplans/${encodeURIComponent(id)}`;
}

/** Whether `hash` shows the editor tab (its shortcuts only apply there). */
export function isEditorHash(hash: string): boolean {
  return hash.indexOf('#/floorplans') === 0;
}
