// Where a completion starts and what the editor is handed back, with or without the suggest list
// open. While the list is open (VS Code opens it after `.` by default) the editor shows only ghost
// text that extends the selected item: the completion then starts from that item, a legal name the
// user is looking at, as if it were accepted, and continues guided from there.

import { gate, type GateDecision, type GateStep } from './display-gate';
import { postprocess } from './postprocess';

/** The suggest list's selected item: the document range it replaces and its text. */
export interface SelectedItem {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface CompletionStart {
  /** Text before the completion: the document up to the cursor, or up to the item with the item. */
  readonly prefix: string;
  readonly suffix: string;
  /** The line of `prefix` the completion continues. */
  readonly linePrefix: string;
  /** The document range the returned item replaces (offsets). */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** Text the item starts with before the generated text (the selected item's). */
  readonly lead: string;
}

export function completionStart(text: string, offset: number, selected?: SelectedItem): CompletionStart {
  const start = selected ? selected.start : offset;
  const end = selected ? Math.max(offset, selected.end) : offset;
  const prefix = text.slice(0, start) + (selected?.text ?? '');
  return {
    prefix,
    suffix: text.slice(end),
    linePrefix: prefix.slice(prefix.lastIndexOf('\n') + 1),
    replaceStart: start,
    replaceEnd: end,
    lead: selected?.text ?? '',
  };
}

export interface Generation {
  readonly text: string;
  readonly trace: readonly GateStep[];
  readonly stopReason: string;
}

export interface Shown {
  /** The item's text: the lead (selected item) and what the gate let through; undefined when nothing is shown. */
  readonly itemText?: string;
  /** The generated part shown after the lead. */
  readonly shown: string;
  readonly decision: GateDecision;
}

/** Post-processing, then the display gate, then the text the editor's item carries. */
export function ghostText(gen: Generation, at: CompletionStart, opts: { mode: 'line' | 'block'; monitorsOn: boolean; threshold: number }): Shown {
  const text = postprocess(gen.text, { prefix: at.prefix, suffix: at.suffix, mode: opts.mode });
  const decision = gate({
    text, trace: gen.trace, stopReason: gen.stopReason, monitorsOn: opts.monitorsOn,
    prefix: at.prefix, suffix: at.suffix, startGiven: at.lead !== '',
  }, { threshold: opts.threshold });
  return decision.show ? { itemText: at.lead + decision.text, shown: decision.text, decision } : { shown: '', decision };
}
