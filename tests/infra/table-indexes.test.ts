import { describe, expect, it } from 'vitest';
import { INDEXES } from '../../functions/store/table.js';
import { TABLE_INDEXES } from '../../infra/constructs/table.js';

describe('the table definition', () => {
  it('declares in infra the same GSIs, with the same keys, as functions/store/table.ts', () => {
    expect(TABLE_INDEXES).toEqual(INDEXES);
  });
});
