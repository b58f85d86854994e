// Whether one completion may span lines. `auto` follows what people expect from ghost text: a
// whole body when the cursor sits on an empty line or just opened a block, else finish the line.

export type MultilinePolicy = 'auto' | 'always' | 'never';

export function completionMode(policy: MultilinePolicy, linePrefix: string, lineSuffix: string): 'line' | 'block' {
  if (policy === 'always') return 'block';
  if (policy === 'never') return 'line';
  if (lineSuffix.trim() !== '' && !/^\s*[)\]}]/.test(lineSuffix)) return 'line';
  const before = linePrefix.trimEnd();
  if (before === '') return 'block';
  return /[{[(]$|=>$/.test(before) ? 'block' : 'line';
}
