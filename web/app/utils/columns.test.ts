import { describe, expect, it } from 'vitest';
import { columnsOf } from './columns';

describe('columnsOf', () => {
  it('keeps the order and makes each field the accessor', () => {
    expect(columnsOf({ code: 'Code', name: 'Name', actions: '' })).toEqual([
      { accessorKey: 'code', header: 'Code' },
      { accessorKey: 'name', header: 'Name' },
      { accessorKey: 'actions', header: '' },
    ]);
  });
});
