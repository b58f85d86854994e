export function ensureNode24(opts?: { quiet?: boolean }): Promise<string>;
export function ensureCodeServer(opts?: { quiet?: boolean }): Promise<{ node: string; entry: string; env: NodeJS.ProcessEnv }>;
