// `check` runs a token through a copy of the monitor's state; the `commit` that follows adopts that
// copy instead of running the token again (a second run could ask the oracle a second time).
import type { TokenIndex } from '../tokens/token-index';
import type { Verdict } from './monitor';

/** A simulated token: the state it leads to, or why it is vetoed. */
export type Simulation<S> = ({ readonly ok: true } & S) | (Verdict & { readonly ok: false });

export class CheckedSimulations<S> {
  private last?: { id: number; sim: Simulation<S> };

  constructor(private readonly simulate: (bytes: Uint8Array, tokenId: number) => Promise<Simulation<S>>) {}

  async check(index: TokenIndex, tokenId: number): Promise<Verdict> {
    const bytes = index.bytesOf(tokenId);
    if (!bytes) return { ok: true };
    const sim = await this.simulate(bytes, tokenId);
    this.last = { id: tokenId, sim };
    return sim.ok ? { ok: true } : sim;
  }

  /** The simulation `check` made of this token, if it passed; undefined when the token was not checked or was vetoed. */
  take(tokenId: number): ({ readonly ok: true } & S) | undefined {
    const sim = this.last?.id === tokenId ? this.last.sim : undefined;
    this.last = undefined;
    return sim?.ok ? sim : undefined;
  }
}
