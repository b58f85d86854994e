import type { NameKind } from '../../core/ports';

// TypeScript's ScriptElementKind values (stable strings of its protocol), written out so that this
// table needs no `typescript` module.
const E = {
  memberFunctionElement: 'method', functionElement: 'function', localFunctionElement: 'local function',
  memberVariableElement: 'property', memberGetAccessorElement: 'getter', memberSetAccessorElement: 'setter',
  variableElement: 'var', localVariableElement: 'local var', letElement: 'let', parameterElement: 'parameter',
  constElement: 'const', classElement: 'class', localClassElement: 'local class', interfaceElement: 'interface',
  enumElement: 'enum', enumMemberElement: 'enum member', moduleElement: 'module', externalModuleName: 'external module name',
  typeElement: 'type', typeParameterElement: 'type parameter', alias: 'alias', keyword: 'keyword', warning: 'warning',
} as const;
const kinds = new Map<string, NameKind>([
  [E.memberFunctionElement, 'method'],
  [E.functionElement, 'function'], [E.localFunctionElement, 'function'],
  [E.memberVariableElement, 'property'], [E.memberGetAccessorElement, 'property'], [E.memberSetAccessorElement, 'property'],
  [E.variableElement, 'variable'], [E.localVariableElement, 'variable'], [E.letElement, 'variable'], [E.parameterElement, 'variable'],
  [E.constElement, 'constant'],
  [E.classElement, 'class'], [E.localClassElement, 'class'],
  [E.interfaceElement, 'interface'],
  [E.enumElement, 'enum'], [E.enumMemberElement, 'enumMember'],
  [E.moduleElement, 'module'], [E.externalModuleName, 'module'],
  [E.typeElement, 'type'], [E.typeParameterElement, 'type'], [E.alias, 'type'],
  [E.keyword, 'keyword'],
  // In JavaScript files without types, TypeScript lists the file's words with kind "warning".
  [E.warning, 'text'],
]);

export function nameKindOf(kind: string): NameKind {
  return kinds.get(kind) ?? 'other';
}
