import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-syntax.ts';

describe('jsonErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9"], "b": {"c": {}}} ',
    '"just a string"',
    '0',
  ])('accepts %s as JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['[1, 2,]', 6],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{a: 1}', 1],
    ['[1 2]', 3],
    ['[1, 2', 5],
    ['', 0],
    ['{"a": tru}', 6],
    ['[01]', 2],
    ['{"a": 1} x', 9],
    ['["a\nb"]', 1],
  ])('finds where %j goes wrong, where JSON.parse fails too', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
