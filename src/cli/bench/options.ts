import { UsageError } from '../usage-error';

/** `--name value` options with defaults; numbers are parsed when the default is a number. */
export function parseOptions<T extends Record<string, string | number>>(args: string[], defaults: T): T {
  const out: Record<string, string | number> = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const key = a.startsWith('--') ? a.slice(2) : '';
    if (!(key in defaults) || i + 1 >= args.length) throw new UsageError(`unknown or incomplete option '${a}'; options: ${Object.keys(defaults).map((k) => `--${k}`).join(' ')}`);
    const v = args[++i]!;
    if (typeof defaults[key] === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new UsageError(`--${key} needs a number, got '${v}'`);
      out[key] = n;
    } else out[key] = v;
  }
  return out as T;
}
