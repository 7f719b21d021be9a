import { describe, expect, it } from 'vitest';
import { chooseRequestId } from './requestId';

describe('chooseRequestId', () => {
  it('echoes a sane caller id', () => {
    expect(chooseRequestId('abc-123_x.y:z')).toBe('abc-123_x.y:z');
  });

  it('replaces a missing, oversized or unsafe id with a fresh UUID', () => {
    for (const incoming of [undefined, '', 'a'.repeat(129), 'evil\r\nSet-Cookie: x', 'has space']) {
      expect(chooseRequestId(incoming)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
