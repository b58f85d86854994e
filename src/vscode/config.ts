// Typed getters over the `mgd.*` settings, read on access so they are never stale. Every value is
// normalised: a hand-edited settings.json with a wrong type falls back to the default instead of
// reaching the model.
import * as vscode from 'vscode';
import type { MultilinePolicy } from '../core/completion/completion-mode';
import { isPrompting, type Prompting } from '../core/completion/model-family';
import { DEFAULT_DISPLAY_THRESHOLD } from '../core/completion/display-gate';

export const MONITOR_NAMES = ['dereference', 'arguments', 'switchCase', 'newClass', 'importSpecifier', 'objectKeys'] as const;
export type MonitorSetting = (typeof MONITOR_NAMES)[number];
export type Dtype = 'auto' | 'fp32' | 'fp16' | 'q8' | 'q4';

/** Settings whose change restarts the model session (the extension scope stays). */
export const SESSION_SETTINGS = ['mgd.model', 'mgd.dtype', 'mgd.threads'] as const;

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('mgd', scope);
}

function int(v: unknown, def: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : def;
}

function num(v: unknown, def: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], def: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : def;
}

export const config = {
  enabled: (): boolean => section().get<unknown>('enable') !== false,
  model: (): string => {
    const v = section().get<unknown>('model');
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : 'bundled';
  },
  dtype: (): Dtype => oneOf(section().get<unknown>('dtype'), ['auto', 'fp32', 'fp16', 'q8', 'q4'], 'auto'),
  /** Undefined: the model family's own layout. */
  prompting: (): Prompting | undefined => {
    const v = section().get<unknown>('prompting');
    return isPrompting(v) ? v : undefined;
  },
  /** 0 means "let the runtime choose" (half the cores). */
  threads: (): number => int(section().get<unknown>('threads'), 0, 0, 64),
  maxTokens: (scope?: vscode.ConfigurationScope): number => int(section(scope).get<unknown>('maxTokens'), 48, 1, 512),
  temperature: (scope?: vscode.ConfigurationScope): number => num(section(scope).get<unknown>('temperature'), 0, 0, 2),
  debounceMs: (scope?: vscode.ConfigurationScope): number => int(section(scope).get<unknown>('debounceMs'), 120, 0, 5000),
  multiline: (scope?: vscode.ConfigurationScope): MultilinePolicy =>
    oneOf(section(scope).get<unknown>('multiline'), ['auto', 'always', 'never'], 'auto'),
  monitors: (scope?: vscode.ConfigurationScope): MonitorSetting[] => {
    const v = section(scope).get<unknown>('monitors');
    if (!Array.isArray(v)) return [...MONITOR_NAMES];
    return [...new Set(v.filter((m): m is MonitorSetting => (MONITOR_NAMES as readonly unknown[]).includes(m)))];
  },
  languageServiceTimeoutMs: (scope?: vscode.ConfigurationScope): number =>
    int(section(scope).get<unknown>('languageServiceTimeoutMs'), 400, 10, 10000),
  /** Least probability of a completion's first name for it to be shown (the display gate). */
  displayThreshold: (scope?: vscode.ConfigurationScope): number =>
    num(section(scope).get<unknown>('displayThreshold'), DEFAULT_DISPLAY_THRESHOLD, 0, 1),
  enabledLanguages: (): string[] => {
    const v = section().get<unknown>('enabledLanguages');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
  },
};
