export function vsixPath(): string;
export function packageExtension(opts?: { quiet?: boolean }): string;
