// User settings code-server starts with. VS Code watches <user-data-dir>/User/settings.json and
// applies edits live, which is how the tests switch monitors off or break the model setting.
import fs from 'node:fs';
import path from 'node:path';

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
  'extensions.autoUpdate': false,
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
