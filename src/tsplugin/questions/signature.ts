// Inside a call's argument list: how many arguments each overload takes, and which one the position is in.
import type { SignatureAnswer } from '../../core/ports';
import type { TS } from './ts-module';

export function signature(service: TS.LanguageService, file: string, pos: number, trigger: string): SignatureAnswer | undefined {
  const ch = trigger.slice(-1);
  const triggerReason: TS.SignatureHelpTriggerReason = ch === '(' || ch === ',' || ch === '<'
    ? { kind: 'characterTyped', triggerCharacter: ch }
    : { kind: 'invoked' };
  const help = service.getSignatureHelpItems(file, pos, { triggerReason });
  if (!help || help.items.length === 0) return undefined;
  const overloads = help.items.map((item) => {
    // TypeScript flags the variadic signature, not its rest parameter (isRest stays false).
    const isRest = (p: TS.SignatureHelpParameter): boolean => !!p.isRest || p.displayParts[0]?.text === '...';
    const rest = item.isVariadic || item.parameters.some(isRest);
    const required = item.parameters.filter((p) => !p.isOptional && !isRest(p)).length;
    return { min: required, max: rest ? Infinity : item.parameters.length };
  });
  return { overloads, activeArgument: help.argumentIndex };
}
