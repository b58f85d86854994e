export function ensureNode24(opts?: { quiet?: boolean }): string;
export function ensureCodeServer(opts?: { quiet?: boolean }): { node: string; entry: string; env: NodeJS.ProcessEnv };
