/**
 * The produce listing's closed lists (docs/DOMAIN.md "Produce listing"), without zod: the public shop
 * reads them to draw its category tabs and must not download the schema library for that.
 * shared/schemas/produce.ts builds its enums from these.
 */
export const PRODUCE_KINDS = ['product', 'adoption'] as const;

export const PRODUCE_STATUSES = ['draft', 'published', 'delisted'] as const;

export const PRODUCE_CATEGORIES = [
  'grain',
  'fruit',
  'vegetable',
  'tea',
  'meat',
  'poultry_egg',
  'aquatic',
  'mushroom',
  'honey',
  'oil',
  'processed',
  'handicraft',
  'other',
] as const;
