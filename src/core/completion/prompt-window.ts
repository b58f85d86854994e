// How much of the file a prompt holds. Two costs decide it on a CPU: the first completion in a
// file runs the whole prompt through the model (nothing is cached yet), and in a fill-in-the-middle
// prompt every keystroke runs the suffix again, because the suffix comes after the cursor's text
// and the model reads left to right. Both are bounded from how fast this model reads prompt
// tokens on this machine, measured when it loads.

/** The first completion in a file: its prompt's forward passes should end within this, leaving room for the first step and a busier machine than at load (the goal is 2.5 s to the first token). */
export const COLD_PROMPT_MS = 1800;
/** A keystroke re-runs the suffix: its forward pass should end within this. */
export const KEYSTROKE_SUFFIX_MS = 100;
/** Below this a prompt loses the code around the cursor, however slow the machine. */
export const MIN_PROMPT_TOKENS = 256;
/** Above this the KV cache's memory and each step's attention grow for little gain on a CPU. */
export const MAX_PROMPT_TOKENS = 2048;
/** The suffix never takes more than this share of the prompt: the prefix is what the model continues. */
export const MAX_SUFFIX_SHARE = 0.25;
const MIN_SUFFIX_TOKENS = 16;
/** Reading the whole window again costs more than this: its left cut moves in larger steps. */
export const NOTICEABLE_REREAD_MS = 250;
// A prompt's left cut snaps to multiples of this many characters (then to a line start), so that
// typing at the end of a long prefix moves the cut only every so often: the prompt's token ids
// then keep a long common prefix with the previous request and the model's KV cache stays
// reusable. A window whose re-reading costs the user a noticeable wait moves in larger steps.
export const CUT_QUANTUM = 256;

/** Milliseconds per prompt token, measured in a chunk that starts after `past` cached tokens. */
export interface SpeedSample {
  past: number;
  msPerToken: number;
}

export interface PromptWindow {
  /** Prompt tokens at most, fill-in-the-middle markers included. */
  tokens: number;
  /** Suffix tokens at most. */
  suffixTokens: number;
  /**
   * The left cut of a long prefix moves in steps of this many characters. Typing at the end of a
   * long file moves it, and each move reads the whole window again: with a slow model, a step of
   * about a third of the window (at 3–4 characters a token) makes that rare; absent, the prompt
   * builder's own small step.
   */
  cutChars?: number;
}

/**
 * A token's cost grows with the tokens before it (attention reads them all): a line through the
 * samples, flat with one sample, never below the cheapest one measured.
 */
export function tokenCost(samples: readonly SpeedSample[]): (past: number) => number {
  const s = [...samples].filter((x) => x.msPerToken > 0).sort((a, b) => a.past - b.past);
  if (s.length === 0) return () => 0;
  const first = s[0]!, last = s.at(-1)!;
  const slope = last.past > first.past ? Math.max(0, (last.msPerToken - first.msPerToken) / (last.past - first.past)) : 0;
  return (past) => Math.max(first.msPerToken, first.msPerToken + slope * (past - first.past));
}

/**
 * The window for a model of `contextLength` that reads prompt tokens as `samples` say (none: not
 * measured, the largest window). `requested` > 0 is the user's own size, which replaces the
 * measured one; the suffix stays bounded by a keystroke's cost either way.
 */
export function promptWindow(contextLength: number, samples: readonly SpeedSample[] | undefined, requested = 0): PromptWindow {
  const ceiling = Math.max(1, Math.min(contextLength, requested > 0 ? requested : MAX_PROMPT_TOKENS));
  const cost = samples?.some((x) => x.msPerToken > 0) ? tokenCost(samples) : undefined;
  let tokens = ceiling;
  if (!cost) return { tokens, suffixTokens: Math.floor(tokens * MAX_SUFFIX_SHARE) };
  if (requested <= 0) {
    // The longest prompt whose tokens, each after those before it, add up to the cold budget.
    let total = 0;
    let n = 0;
    while (n < ceiling && total + cost(n) <= COLD_PROMPT_MS) total += cost(n++);
    tokens = Math.max(Math.min(MIN_PROMPT_TOKENS, ceiling), n);
  }
  const share = Math.floor(tokens * MAX_SUFFIX_SHARE);
  // A keystroke re-runs the suffix at the end of the prompt, where tokens cost the most.
  const keystroke = Math.floor(KEYSTROKE_SUFFIX_MS / cost(tokens));
  const window: PromptWindow = { tokens, suffixTokens: Math.max(Math.min(MIN_SUFFIX_TOKENS, share), Math.min(share, keystroke)) };
  let reread = 0;
  for (let n = 0; n < tokens && reread <= NOTICEABLE_REREAD_MS; n++) reread += cost(n);
  if (reread > NOTICEABLE_REREAD_MS) window.cutChars = Math.max(CUT_QUANTUM, tokens);
  return window;
}
