import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { compilerOptionsFor, type ProjectOptions } from './compiler-options';
import { findPackageSources } from './source-files';

const registry = ts.createDocumentRegistry();

/**
 * One warm TypeScript LanguageService per project folder, with an in-memory overlay over exactly
 * one file at a time: generated text is never written to disk, and setting the overlay of another
 * file first restores the previous one, so no query ever sees two edited files.
 */
export class TsProject {
  private static readonly open = new Map<string, TsProject>();

  /** The warm project for this folder (created on first use). */
  static for(projectDir: string, opts?: { rootFiles?: string[] }): TsProject {
    const dir = resolve(projectDir);
    let p = TsProject.open.get(dir);
    if (!p) {
      p = new TsProject(dir, opts?.rootFiles);
      TsProject.open.set(dir, p);
    }
    return p;
  }

  readonly dir: string;
  readonly config: ProjectOptions;
  /** Files prompts may come from (non-declaration sources). */
  readonly sources: readonly string[];
  readonly service: ts.LanguageService;
  private readonly roots: string[];
  // `sources` is exposed read-only; roots may grow through addRoot.
  private readonly versions = new Map<string, number>();
  private readonly diskText = new Map<string, string | undefined>();
  private overlayFile: string | undefined;
  private overlayText: string | undefined;

  private constructor(dir: string, rootFiles?: string[]) {
    this.dir = dir;
    this.config = compilerOptionsFor(dir);
    if (rootFiles) {
      this.roots = rootFiles.map((f) => this.resolve(f));
      this.sources = this.roots.filter((f) => !f.endsWith('.d.ts'));
    } else {
      const found = findPackageSources(dir);
      this.sources = found.sources;
      this.roots = [...found.sources, ...found.declarations];
    }
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.config.options,
      getScriptFileNames: () => (this.overlayFile && !this.roots.includes(this.overlayFile) ? [...this.roots, this.overlayFile] : this.roots),
      getScriptVersion: (f) => String(this.versions.get(f) ?? 0),
      getScriptSnapshot: (f) => {
        const text = f === this.overlayFile ? this.overlayText : this.readDisk(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => f === this.overlayFile || ts.sys.fileExists(f),
      readFile: (f, enc) => (f === this.overlayFile ? this.overlayText : ts.sys.readFile(f, enc)),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
    this.service = ts.createLanguageService(host, registry);
  }

  resolve(file: string): string {
    return (isAbsolute(file) ? file : resolve(this.dir, file)).replace(/\\/g, '/');
  }

  /** The file's text as TypeScript sees it now (overlay if set, else disk). */
  text(file: string): string {
    const f = this.resolve(file);
    const t = f === this.overlayFile ? this.overlayText : this.readDisk(f);
    if (t === undefined) throw new Error(`cannot read ${f}`);
    return t;
  }

  /** Show `text` instead of the file's disk content; `undefined` goes back to disk. Unchanged text keeps the program warm. */
  setOverlay(file: string, text: string | undefined): string {
    const f = this.resolve(file);
    if (this.overlayFile && this.overlayFile !== f) this.clearOverlay();
    if (text === undefined) {
      if (this.overlayFile === f) this.clearOverlay();
      return f;
    }
    if (this.overlayFile === f && this.overlayText === text) return f;
    this.overlayFile = f;
    this.overlayText = text;
    this.bump(f);
    return f;
  }

  /** Makes sure a file outside the discovered sources (a user's file) is part of the program. */
  addRoot(file: string): string {
    const f = this.resolve(file);
    if (!this.roots.includes(f)) {
      this.roots.push(f);
      this.bump(f);
    }
    return f;
  }

  clearOverlay(): void {
    const f = this.overlayFile;
    if (!f) return;
    this.overlayFile = undefined;
    this.overlayText = undefined;
    this.bump(f);
  }

  /**
   * Errors (syntactic + semantic) of one file as it currently is. With `region`, the type check
   * covers only the nodes in that span (what the editor's region diagnostics do): a 3,000-line file
   * costs seconds per full check, its one function tens of milliseconds. Syntax is always whole-file.
   */
  errors(file: string, region?: ts.TextRange): ts.Diagnostic[] {
    const f = this.resolve(file);
    const semantic = (region && this.regionSemantic(f, region)) ?? this.service.getSemanticDiagnostics(f);
    const all = [...this.service.getSyntacticDiagnostics(f), ...semantic];
    return all.filter((d) => d.category === ts.DiagnosticCategory.Error);
  }

  private regionSemantic(f: string, region: ts.TextRange): readonly ts.Diagnostic[] | undefined {
    // Public in the LanguageService object since TypeScript 5.6, not yet in its .d.ts; undefined means "do a full check".
    const svc = this.service as ts.LanguageService & { getRegionSemanticDiagnostics?(f: string, ranges: ts.TextRange[]): { diagnostics: ts.Diagnostic[] } | undefined };
    try {
      return svc.getRegionSemanticDiagnostics?.(f, [region])?.diagnostics;
    } catch {
      return undefined;
    }
  }

  /** Length of the file's text on disk (the overlay does not count). */
  diskLength(file: string): number {
    return this.readDisk(this.resolve(file))?.length ?? 0;
  }

  sourceFile(file: string): ts.SourceFile | undefined {
    return this.service.getProgram()?.getSourceFile(this.resolve(file));
  }

  private bump(f: string): void {
    this.versions.set(f, (this.versions.get(f) ?? 0) + 1);
  }

  private readDisk(f: string): string | undefined {
    if (!this.diskText.has(f)) {
      let t: string | undefined;
      try { t = readFileSync(f, 'utf8'); } catch { t = undefined; }
      this.diskText.set(f, t);
    }
    return this.diskText.get(f);
  }
}
