// The `mgd.*` settings, read on access so they are never stale, through the one table in
// src/core/completion/settings.ts: every value is normalised there, so a hand-edited settings.json
// with a wrong type falls back to the default instead of reaching the model.
import * as vscode from 'vscode';
import type { CompletionSettings } from '../core/completion/request';
import { normalise, promptingChoice, type SettingName, type SettingValue } from '../core/completion/settings';

function read<K extends SettingName>(name: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  return normalise(name, vscode.workspace.getConfiguration('mgd', scope).get<unknown>(name));
}

export const config = {
  enabled: () => read('enable'),
  /** `bundled`, a hub id or an absolute folder. */
  model: () => read('model'),
  dtype: () => read('dtype'),
  /** 0 means "let the runtime choose" (half the cores). */
  threads: () => read('threads'),
  debounceMs: (scope?: vscode.ConfigurationScope) => read('debounceMs', scope),
  monitors: (scope?: vscode.ConfigurationScope) => read('monitors', scope),
  /** Least probability of a completion's first name for it to be shown (the display gate). */
  displayThreshold: (scope?: vscode.ConfigurationScope) => read('displayThreshold', scope),
  enabledLanguages: () => read('enabledLanguages'),
  /** Whether the workspace's name statistics guide which legal name comes next. */
  projectStatistics: () => read('projectStatistics'),
  /** Whether the model reads the file up to a resting cursor before a completion is asked for. */
  readAhead: () => read('readAhead'),
};

/** A document the model completes in: a file or an untitled one, in an enabled language. */
export function modelServes(doc: vscode.TextDocument): boolean {
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && read('enabledLanguages').includes(doc.languageId);
}

/** What a completion in `doc` is made of, as the settings say now. */
export function completionSettings(doc: vscode.TextDocument): CompletionSettings {
  return {
    maxTokens: read('maxTokens', doc),
    temperature: read('temperature', doc),
    multiline: read('multiline', doc),
    monitors: read('monitors', doc),
    languageServiceTimeoutMs: read('languageServiceTimeoutMs', doc),
    prompting: promptingChoice(read('prompting')),
    promptTokens: read('promptTokens'),
    statistics: read('projectStatistics'),
  };
}
