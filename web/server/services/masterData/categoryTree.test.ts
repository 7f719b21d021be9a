import { describe, expect, it } from 'vitest';
import { CATEGORY_DEPTH_MAX, checkParent } from './categoryTree';

const tree = new Map<string, string | null>([
  ['root', null],
  ['a', 'root'],
  ['b', 'a'],
  ['c', 'b'],
]);

describe('checkParent', () => {
  it('accepts a root and a parent elsewhere in the tree', () => {
    expect(checkParent('c', null, tree)).toBeUndefined();
    expect(checkParent('c', 'root', tree)).toBeUndefined();
    expect(checkParent('new', 'c', tree)).toBeUndefined();
  });

  it('refuses the category itself and its descendants as parent', () => {
    expect(checkParent('a', 'a', tree)).toBe('cycle');
    expect(checkParent('a', 'c', tree)).toBe('cycle');
    expect(checkParent('root', 'b', tree)).toBe('cycle');
  });

  it('refuses a parent that is not in the organization', () => {
    expect(checkParent('c', 'elsewhere', tree)).toBe('unknown-parent');
  });

  it('refuses a tree deeper than the limit', () => {
    const chain = new Map<string, string | null>([['n0', null]]);
    for (let index = 1; index <= CATEGORY_DEPTH_MAX; index++) chain.set(`n${index}`, `n${index - 1}`);
    expect(checkParent('leaf', `n${CATEGORY_DEPTH_MAX}`, chain)).toBe('too-deep');
    expect(checkParent('leaf', 'n3', chain)).toBeUndefined();
  });

  it('stops on a cycle that is already in the data', () => {
    const broken = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(checkParent('z', 'x', broken)).toBe('too-deep');
  });
});
