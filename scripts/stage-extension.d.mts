export function buildExtension(): void;
export function stageExtension(dir: string, opts?: { build?: boolean }): { dir: string; packages: string[] };
export function extensionFolderName(): string;
