import * as vscode from 'vscode';
import type { CommandFactory } from './command';

// Sizes are approximate download sizes of the ONNX weights at the listed precision; they change
// when the hub repositories are updated.
const RECOMMENDED: readonly { id: string; size: string; note: string }[] = [
  { id: 'onnx-community/Qwen2.5-Coder-0.5B-Instruct', size: '~500 MB (q8)', note: 'fill-in-the-middle, many languages' },
  { id: 'onnx-community/Qwen2.5-Coder-1.5B-Instruct', size: '~1.6 GB (q8)', note: 'better, slower on CPU' },
];

type Pick = vscode.QuickPickItem & { value?: string; folder?: boolean };

/** Writes the machine-scoped `mgd.model`; the model session restarts on the change. */
export const selectModel: CommandFactory = (ctx) => async () => {
  const current = vscode.workspace.getConfiguration('mgd').get<string>('model') ?? 'bundled';
  const items: Pick[] = [
    { label: 'bundled', description: 'shipped with the extension', detail: 'A small TypeScript/JavaScript model; no download.', value: 'bundled' },
    { label: 'Hugging Face hub', kind: vscode.QuickPickItemKind.Separator },
    ...RECOMMENDED.map((m) => ({ label: m.id, description: m.size, detail: `${m.note}; downloaded once (size approximate) into the extension's model cache.`, value: m.id })),
    { label: 'Other', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder) Local folder…', detail: 'A model folder in the transformers.js layout (config.json, tokenizer files, onnx/).', folder: true },
  ];
  for (const i of items) if (i.value === current) i.description = `${i.description ?? ''} (current)`.trim();
  const pick = await vscode.window.showQuickPick(items, { title: 'MGD: Select Model', placeHolder: `Current: ${current}` });
  if (!pick) return;
  let value = pick.value;
  if (pick.folder) {
    const dirs = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Use this model' });
    if (!dirs || dirs.length === 0) return;
    value = dirs[0]!.fsPath;
  }
  if (value === undefined) return;
  if (value === current) {
    await ctx.session.restart('same model selected again');
    return;
  }
  await vscode.workspace.getConfiguration('mgd').update('model', value, vscode.ConfigurationTarget.Global);
};
