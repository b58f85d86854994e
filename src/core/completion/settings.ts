// The `mgd.*` settings as one table: the manifest's configuration schema must agree with it (a
// unit test compares them), the editor reads and normalises every value through it, and the
// settings that restart the model are the rows marked so. Descriptions live in the manifest only.
import { allMonitorNames } from '../monitors/registry';
import type { MultilinePolicy } from './completion-mode';
import { DEFAULT_DISPLAY_THRESHOLD } from './display-gate';
import { PROMPTINGS, type Prompting } from './model-family';

export const DTYPES = ['auto', 'fp32', 'fp16', 'q8', 'q4'] as const;
/** Weight precision of the model files; `auto` lets the model source choose. */
export type Dtype = (typeof DTYPES)[number];

export const MULTILINE_POLICIES = ['auto', 'always', 'never'] as const satisfies readonly MultilinePolicy[];

type Scope = 'window' | 'machine' | 'resource';
export type SettingSpec = { readonly scope: Scope; readonly restartsModel?: true } & (
  | { readonly type: 'boolean'; readonly default: boolean }
  | { readonly type: 'integer' | 'number'; readonly default: number; readonly minimum: number; readonly maximum: number }
  | { readonly type: 'string'; readonly default: string; readonly enum?: readonly string[] }
  | { readonly type: 'array'; readonly default: readonly string[]; readonly items: { readonly type: 'string'; readonly enum?: readonly string[] } }
);

export const SETTINGS = {
  enable: { type: 'boolean', default: true, scope: 'window' },
  model: { type: 'string', default: 'bundled', scope: 'machine', restartsModel: true },
  dtype: { type: 'string', default: 'auto', enum: DTYPES, scope: 'machine', restartsModel: true },
  prompting: { type: 'string', default: 'auto', enum: ['auto', ...PROMPTINGS], scope: 'machine' },
  threads: { type: 'integer', default: 0, minimum: 0, maximum: 64, scope: 'machine', restartsModel: true },
  promptTokens: { type: 'integer', default: 0, minimum: 0, maximum: 32768, scope: 'machine' },
  maxTokens: { type: 'integer', default: 48, minimum: 1, maximum: 512, scope: 'resource' },
  temperature: { type: 'number', default: 0, minimum: 0, maximum: 2, scope: 'resource' },
  // VS Code already waits 50 ms after a keystroke before it asks a provider for ghost text
  // (bench:ghost: 65 ms at the least from keydown to the call); a wait of ours came on top of it.
  debounceMs: { type: 'integer', default: 0, minimum: 0, maximum: 5000, scope: 'resource' },
  multiline: { type: 'string', default: 'auto', enum: MULTILINE_POLICIES, scope: 'resource' },
  monitors: { type: 'array', default: allMonitorNames, items: { type: 'string', enum: allMonitorNames }, scope: 'resource' },
  languageServiceTimeoutMs: { type: 'integer', default: 400, minimum: 10, maximum: 10000, scope: 'resource' },
  displayThreshold: { type: 'number', default: DEFAULT_DISPLAY_THRESHOLD, minimum: 0, maximum: 1, scope: 'resource' },
  projectStatistics: { type: 'boolean', default: true, scope: 'window' },
  readAhead: { type: 'boolean', default: true, scope: 'window' },
  enabledLanguages: { type: 'array', default: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'], items: { type: 'string' }, scope: 'window' },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/** Every setting's full key (`mgd.maxTokens`), in table order. */
export const SETTING_KEYS: readonly string[] = Object.keys(SETTINGS).map((k) => `mgd.${k}`);

/** Settings whose change restarts the model session (the extension scope stays). */
export const MODEL_SETTINGS: readonly string[] = Object.entries(SETTINGS as Record<string, SettingSpec>)
  .filter(([, s]) => s.restartsModel)
  .map(([k]) => `mgd.${k}`);

type ValueOf<S> = S extends { type: 'boolean' } ? boolean
  : S extends { type: 'integer' | 'number' } ? number
  : S extends { type: 'array'; items: { enum: readonly (infer E)[] } } ? E[]
  : S extends { type: 'array' } ? string[]
  : S extends { enum: readonly (infer E)[] } ? E
  : string;
export type SettingValue<K extends SettingName> = ValueOf<(typeof SETTINGS)[K]>;

/**
 * A raw value from a settings file, made valid: a hand-edited file with a wrong type falls back to
 * the default, numbers are clamped (integers rounded), unknown list items are dropped.
 */
export function normalise<K extends SettingName>(name: K, raw: unknown): SettingValue<K> {
  const s: SettingSpec = SETTINGS[name];
  switch (s.type) {
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : s.default) as SettingValue<K>;
    case 'integer':
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return s.default as SettingValue<K>;
      const v = Math.min(s.maximum, Math.max(s.minimum, raw));
      return (s.type === 'integer' ? Math.round(v) : v) as SettingValue<K>;
    }
    case 'string':
      if (typeof raw !== 'string') return s.default as SettingValue<K>;
      if (s.enum) return (s.enum.includes(raw) ? raw : s.default) as SettingValue<K>;
      return (raw.trim() === '' ? s.default : raw.trim()) as SettingValue<K>;
    case 'array': {
      if (!Array.isArray(raw)) return [...s.default] as SettingValue<K>;
      const allowed = s.items.enum;
      const items = raw.filter((x): x is string => typeof x === 'string' && (!allowed || allowed.includes(x)));
      return (allowed ? [...new Set(items)] : items) as SettingValue<K>;
    }
  }
}

/** `auto` is the model family's own layout: no choice in the request. */
export function promptingChoice(v: SettingValue<'prompting'>): Prompting | undefined {
  return v === 'auto' ? undefined : v;
}
