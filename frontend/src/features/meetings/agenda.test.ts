import { describe, expect, it } from 'vitest';
import { itemStarts, keyTarget, moveItem, orderChanged, orderIds } from './agenda';

const items = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];

describe('moveItem', () => {
  it('moves an item down and up, shifting the others', () => {
    expect(orderIds(moveItem(items, 0, 2))).toEqual([2, 3, 1, 4]);
    expect(orderIds(moveItem(items, 3, 1))).toEqual([1, 4, 2, 3]);
  });
  it('clamps the target into the list and ignores an item that is not there', () => {
    expect(orderIds(moveItem(items, 1, 99))).toEqual([1, 3, 4, 2]);
    expect(orderIds(moveItem(items, 2, -5))).toEqual([3, 1, 2, 4]);
    expect(orderIds(moveItem(items, 7, 0))).toEqual([1, 2, 3, 4]);
  });
  it('leaves the list it was given unchanged', () => {
    moveItem(items, 0, 3);
    expect(orderIds(items)).toEqual([1, 2, 3, 4]);
  });
});

describe('keyTarget', () => {
  it('moves one place with the arrow keys, to the ends with Home and End', () => {
    expect(keyTarget('ArrowUp', 2, 4)).toBe(1);
    expect(keyTarget('ArrowDown', 2, 4)).toBe(3);
    expect(keyTarget('Home', 2, 4)).toBe(0);
    expect(keyTarget('End', 1, 4)).toBe(3);
  });
  it('does not move past the ends or on other keys', () => {
    expect(keyTarget('ArrowUp', 0, 4)).toBeNull();
    expect(keyTarget('ArrowDown', 3, 4)).toBeNull();
    expect(keyTarget('Home', 0, 4)).toBeNull();
    expect(keyTarget('End', 3, 4)).toBeNull();
    expect(keyTarget('Tab', 1, 4)).toBeNull();
  });
});

describe('orderChanged', () => {
  it('sees a new order, and no change when moved back', () => {
    const moved = moveItem(items, 0, 1);
    expect(orderChanged(items, moved)).toBe(true);
    expect(orderChanged(items, moveItem(moved, 1, 0))).toBe(false);
  });
});

describe('itemStarts', () => {
  it('adds each item duration to the meeting start until one has none', () => {
    const start = Date.UTC(2026, 2, 12, 13, 0);
    const starts = itemStarts(start, [20, 30, null, 10]);
    expect(starts.slice(0, 3)).toEqual([start, start + 20 * 60_000, start + 50 * 60_000]);
    expect(starts[3]).toBeNull();
  });
});
