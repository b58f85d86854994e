import type { Logger } from '../ports';
import { ArgumentsMonitor } from './arguments-monitor';
import { DereferenceMonitor } from './dereference-monitor';
import { ImportSpecifierMonitor } from './import-specifier-monitor';
import { NewClassMonitor } from './new-class-monitor';
import { ObjectKeysMonitor } from './object-keys-monitor';
import { SwitchCaseMonitor } from './switch-case-monitor';
import type { Monitor } from './monitor';

export type MonitorName = 'dereference' | 'arguments' | 'switchCase' | 'newClass' | 'importSpecifier' | 'objectKeys';

export const allMonitorNames: readonly MonitorName[] = ['dereference', 'arguments', 'switchCase', 'newClass', 'importSpecifier', 'objectKeys'];

const factories: Partial<Record<MonitorName, () => Monitor>> = {
  dereference: () => new DereferenceMonitor(),
  newClass: () => new NewClassMonitor(),
  arguments: () => new ArgumentsMonitor(),
  switchCase: () => new SwitchCaseMonitor(),
  objectKeys: () => new ObjectKeysMonitor(),
  importSpecifier: () => new ImportSpecifierMonitor(),
};

/** The monitors that exist, in `allMonitorNames` order (what `mgd eval --ablation` runs one by one). */
export function implementedMonitorNames(): MonitorName[] {
  return allMonitorNames.filter((n) => factories[n] !== undefined);
}

/** Fresh monitor instances for one request; names without an implementation yet are skipped (logged). */
export function createMonitors(names: readonly MonitorName[], logger?: Logger): Monitor[] {
  const out: Monitor[] = [];
  for (const name of new Set(names)) {
    const make = factories[name];
    if (make) out.push(make());
    else logger?.debug(`monitor '${name}' is not implemented yet: skipped`);
  }
  return out;
}
