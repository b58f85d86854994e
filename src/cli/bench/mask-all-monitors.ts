// The "all monitors active" row of `mgd bench mask`: every implemented monitor watches a name being
// generated as a call's argument (`use(` + `obj.<name>)`), with an oracle that answers at once (the
// 1000 names after the dot, two accepted arguments for the call). Per step it times what the decode
// loop does before sampling: each monitor's mask and their intersection.
import { median, quantile } from '../../analysis/score/stats';
import { GeneratedText } from '../../core/decoding/generated-text';
import type { Monitor, MonitorContext } from '../../core/monitors/monitor';
import { createMonitors, implementedMonitorNames } from '../../core/monitors/registry';
import { answered, noAnswer } from '../../core/oracle/query';
import { silentLogger, type LanguageOracle } from '../../core/ports';
import type { TokenIndex } from '../../core/tokens/token-index';
import type { TokenSet } from '../../core/tokens/token-set';

const utf8 = new TextEncoder();

export interface AllMonitorsFigures {
  readonly monitors: readonly string[];
  readonly steps: number;
  readonly median: number;
  readonly p99: number;
  /** Steps on which more than one monitor constrained (the intersection was taken). */
  readonly jointSteps: number;
}

export async function allMonitorsActive(index: TokenIndex, names: readonly string[], reps: number, rnd: () => number): Promise<AllMonitorsFigures> {
  const oracle: LanguageOracle = {
    answer: async (q) => q.kind === 'members' ? answered({ semantic: true, names: names.map((name) => ({ name, kind: 'property' as const })) })
      : q.kind === 'signature' ? answered({ overloads: [{ min: 1, max: 2 }], activeArgument: 0 })
      : noAnswer('no answer'),
  };
  const monitorNames = implementedMonitorNames();
  const times: number[] = [];
  let jointSteps = 0;
  for (let r = 0; r < reps; r++) {
    const target = utf8.encode(`obj.${names[Math.floor(rnd() * names.length)]!})`);
    const generated = new GeneratedText();
    const ctx: MonitorContext = {
      index, oracle, prefix: 'const v = use(', suffix: ';\n', generated, oracleTimeoutMs: 1000,
      clock: { now: () => performance.now() }, logger: silentLogger, report() {},
    };
    const monitors: Monitor[] = createMonitors(monitorNames);
    for (const m of monitors) m.start(ctx);
    await Promise.all(monitors.map((m) => m.settle()));
    for (let done = 0; done < target.length;) {
      const t0 = performance.now();
      let joint: TokenSet | undefined;
      let active = 0;
      for (const m of monitors) {
        const mask = m.mask();
        if (!mask) continue;
        active++;
        joint = joint ? (joint === mask ? joint : joint.clone().intersect(mask)) : mask;
      }
      times.push(performance.now() - t0);
      if (active > 1) jointSteps++;
      const take = longestAllowedToken(index, target, done, joint);
      const id = index.ownIds(index.nodeFor(target.subarray(done, done + take)))[0]!;
      await Promise.all(monitors.map((m) => m.check(id)));
      for (const m of monitors) m.commit(id);
      generated.append(index.bytesOf(id)!);
      await Promise.all(monitors.map((m) => m.settle()));
      done += take;
    }
    for (const m of monitors) m.dispose();
  }
  return { monitors: monitorNames, steps: times.length, median: median(times), p99: quantile(times, 0.99), jointSteps };
}

/** Bytes of the longest token along `target` at `from` that the joint mask allows. */
function longestAllowedToken(index: TokenIndex, target: Uint8Array, from: number, joint: TokenSet | undefined): number {
  let node = 0, best = 1;
  for (let i = from; i < target.length; i++) {
    node = index.child(node, target[i]!);
    if (node < 0) break;
    const own = index.hasOwn(node) ? index.ownIds(node) : undefined;
    if (own && (!joint || own.some((id) => joint.has(id)))) best = i - from + 1;
  }
  return best;
}
