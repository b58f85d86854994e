import ts from 'typescript';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constructors } from '../../../../src/tsplugin/questions/constructors';
import { NewClassMonitor } from '../../../../src/core/monitors/new-class-monitor';
import { cursor, serviceOf } from '../../support/ts-program';

const shapes = [
  'export abstract class Shape { abstract area(): number }',
  'export class Circle extends Shape { area() { return 1; } }',
  'export interface Drawable { draw(): void }',
  'export type Point = { x: number };',
  'export const Factory: { new (): Circle } = Circle;',
  'export enum Kind { A }',
  'export const plain = 1;',
  'export function make() { return 1; }',
].join('\n');

test('after `new `: imported classes and constructible values, never abstract classes, interfaces or types', () => {
  const { text, pos } = cursor("import { Shape, Circle, Drawable, Point, Factory, Kind, plain, make } from './shapes';\nabstract class Local {}\nclass Mine {}\nconst x = new |");
  const answer = constructors(ts, serviceOf({ '/p/main.ts': text, '/p/shapes.ts': shapes }), '/p/main.ts', pos)!;
  const kinds = Object.fromEntries(answer.names.map((n) => [n.name, n.kind]));
  assert.equal(kinds.Circle, 'class', 'an import resolved to the class it imports');
  assert.equal(kinds.Mine, 'class');
  assert.equal(kinds.Factory, 'variable', 'a value with a construct signature');
  assert.equal('plain' in kinds, false, 'a value without one');
  assert.equal('make' in kinds, false, 'a plain function');
  assert.equal(kinds.Drawable, undefined, 'TypeScript itself lists no type-only name after new');
  assert.equal(kinds.Point, undefined);
  assert.equal(kinds.Kind, 'enum', 'an imported enum: listed, with its kind, for the monitor to drop');
  assert.equal('Shape' in kinds, false, 'an imported abstract class');
  assert.equal('Local' in kinds, false, 'a local abstract class');
  // What the newClass monitor then allows.
  const keep = (NewClassMonitor.prototype as unknown as { keep(i: { name: string; kind: string }): boolean }).keep;
  const allowed = answer.names.filter((n) => keep.call(null, n)).map((n) => n.name);
  for (const n of ['Circle', 'Mine', 'Factory']) assert.ok(allowed.includes(n), n);
  for (const n of ['Drawable', 'Point', 'Kind', 'Shape', 'Local']) assert.ok(!allowed.includes(n), n);
});
