export const baseSettings: Readonly<Record<string, unknown>>;
export function userSettingsPath(userDataDir: string): string;
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void;
export function machineSettingsPath(userDataDir: string): string;
export function writeMachineSettings(userDataDir: string, settings: Record<string, unknown>): void;
