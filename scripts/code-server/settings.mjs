// User settings code-server starts with. VS Code watches <user-data-dir>/User/settings.json and
// applies edits live, which is how the tests switch monitors off or break the model setting.
import fs from 'node:fs';
import path from 'node:path';

// Only keys VS Code keeps as written: an outdated value gets migrated, i.e. VS Code rewrites the
// file, which races with the tests' own edits.
// Without these the welcome page and the chat panel open at start and take the keyboard focus.
export const baseSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.inlineSuggest.enabled': true,
};

export function userSettingsPath(userDataDir) {
  return path.join(userDataDir, 'User', 'settings.json');
}

export function writeUserSettings(userDataDir, settings) {
  const file = userSettingsPath(userDataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // In place, as an editor saves it: a rename can surface to the watcher as delete + create.
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

// code-server's "remote" settings (<user-data-dir>/Machine/settings.json) override the user settings
// and, unlike User/settings.json, an edit on disk reaches the workbench live (code-server 4.139: the
// server sees both files change, the browser re-reads only this one). Machine-scoped settings such as
// mgd.model belong here anyway. Tests and scripts that change settings while running write this file.
export function machineSettingsPath(userDataDir) {
  return path.join(userDataDir, 'Machine', 'settings.json');
}

export function writeMachineSettings(userDataDir, settings) {
  const file = machineSettingsPath(userDataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}
