// The one question protocol between monitors and oracles. A monitor asks a typed query: what it
// wants to know (`kind`) about the document with the generated text spliced in at the cursor, asked
// right after that text. The side that holds the user's document supplies the text around the
// cursor (`Around`); across the worker boundary only the query travels. Every oracle (the editor,
// the headless TypeScript project, test fakes) answers through `LanguageOracle` with one answer type.

export type QueryKind =
  /** Members after `.` / `?.`. */
  | 'members'
  /** The call's overloads and argument index after `(` / `,`. */
  | 'signature'
  /** Classes that `new ` may name. */
  | 'constructibleNames'
  /** What may follow `case ` in the switch around the position. */
  | 'caseLabels'
  /** Property names an object literal at `{` / `,` may still declare. */
  | 'objectKeys'
  /** Names the module of `import { … } from` exports and the line does not import yet. */
  | 'importSpecifiers';

/** Kinds answered with names. */
export type NamesKind = Exclude<QueryKind, 'signature'>;

export interface OracleQuery {
  readonly kind: QueryKind;
  /** Text generated since the prompt; the question is asked right after it. Empty: about the user's own document. */
  readonly generated: string;
  /** The character that prompted the question (`.`, `(`, `,`, `{`), for services that take one. */
  readonly triggerCharacter?: string;
  readonly signal?: AbortSignal;
}

/** The user's document around the cursor: the host side holds it, the questions do not carry it. */
export interface Around {
  readonly prefix: string;
  readonly suffix: string;
}

export type NameKind =
  | 'method' | 'function' | 'property' | 'field' | 'variable' | 'constant' | 'class'
  | 'interface' | 'enum' | 'enumMember' | 'module' | 'type' | 'keyword' | 'text' | 'other'
  /** A literal as it is written in code (`'red'`, `"red"`, `42`): a case label of a literal union. */
  | 'literal';

export interface LegalName {
  readonly name: string;
  readonly kind: NameKind;
  /** Uses of the name in the project's other files (filled in by the side that indexes the project). */
  readonly uses?: number;
  /** Uses right after the same receiver (`receiver.name`) in the project's other files. */
  readonly pairUses?: number;
  /** Uses as a member (`.name`, after any receiver) in the project's other files. */
  readonly memberUses?: number;
}

export interface CompletionAnswer {
  readonly names: readonly LegalName[];
  /** False when the service answered only with word-based/placeholder items: not an answer. */
  readonly semantic: boolean;
}

export interface SignatureAnswer {
  /** One entry per overload: how many arguments it takes. `max` is Infinity with a rest parameter. */
  readonly overloads: readonly { readonly min: number; readonly max: number }[];
  /** Index of the argument the position is in (0-based), as the service sees it. */
  readonly activeArgument: number;
}

/** `signature` is answered with overloads, every other kind with names. */
export type AnswerValue<K extends QueryKind = QueryKind> = K extends 'signature' ? SignatureAnswer : CompletionAnswer;

export type OracleAnswer<T = CompletionAnswer | SignatureAnswer> =
  | { readonly status: 'answered'; readonly value: T }
  /** The service had nothing to say (no call here, nothing known, a failure); `reason` says which. */
  | { readonly status: 'noAnswer'; readonly reason: string }
  | { readonly status: 'timedOut'; readonly reason: string };

export const answered = <T>(value: T): OracleAnswer<T> => ({ status: 'answered', value });
export const noAnswer = (reason: string): OracleAnswer<never> => ({ status: 'noAnswer', reason });
export const timedOut = (reason: string): OracleAnswer<never> => ({ status: 'timedOut', reason });

/** Answered, nothing to constrain (not a failure of the language service). */
export const NOTHING: CompletionAnswer = { names: [], semantic: true };

/** An answer, or `noAnswer` with `reason` when the service returned nothing. */
export function answerOrNone<T>(value: T | undefined, reason: string): OracleAnswer<T> {
  return value === undefined ? noAnswer(reason) : answered(value);
}

/**
 * Static analysis at a position of the document-with-generated-text. Whatever is not `answered`
 * leaves the model unconstrained there.
 */
export interface LanguageOracle {
  answer(q: OracleQuery, around: Around): Promise<OracleAnswer>;
}
