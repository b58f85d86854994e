// Where two versions of a text differ: the common prefix and suffix around one changed middle.
// Both ends that edit a copy of the user's text send only that middle (the tsserver plugin's
// overlay, as a change range TypeScript re-parses incrementally; the editor's shadow copy, as one
// edit), so a question costs the size of the generated text, not of the file.

/** `start`: length of the common prefix; `end`: length of the common suffix after it. */
export function changedSpan(before: string, after: string): { start: number; end: number } {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { start, end };
}
