import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, type ValidationArguments } from 'class-validator';

/** A query parameter given once or repeated, as the list of its values. */
const valuesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const invalidChoice =
  (valid: (item: unknown) => boolean) =>
  ({ value }: ValidationArguments) =>
    `Select a valid choice. ${String(valuesOf(value).find((item) => !valid(item)))} is not one of the available choices.`;

/**
 * A repeatable choice filter (`?status=failed&status=Verified`) taking Waldur's labels as well as
 * the values; labels become values, anything else is a 400.
 */
export function ChoiceFilter(labels: Record<string, string>, description: string) {
  const byLabel = new Map(Object.entries(labels).map(([value, label]) => [label, value]));
  const values = new Set(Object.keys(labels));
  const isChoice = (item: unknown) => typeof item === 'string' && values.has(item);
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items: { type: 'string', enum: [...values, ...byLabel.keys()] },
      description: `${description}; a value or its label, repeatable.`,
    }),
    IsOptional(),
    Transform(({ value }) =>
      valuesOf(value).map((item) =>
        typeof item === 'string' ? (byLabel.get(item) ?? item) : item,
      ),
    ),
    ValidateBy({
      name: 'choiceFilter',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(isChoice),
        defaultMessage: invalidChoice(isChoice),
      },
    }),
  );
}

/**
 * `o`: comma-separated (and repeatable) orderings among `fields`, `-` for descending; the list's
 * default order breaks ties.
 */
export function OrderingFilter(fields: readonly string[]) {
  const allowed = fields.flatMap((field) => [field, `-${field}`]);
  const isAllowed = (item: unknown) => allowed.includes(item as string);
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items: { type: 'string', enum: [...allowed].sort() },
      description: 'Ordering, e.g. `o=-created` or `o=status,-modified`.',
    }),
    IsOptional(),
    Transform(({ value }) =>
      valuesOf(value).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item])),
    ),
    ValidateBy({
      name: 'orderingFilter',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(isAllowed),
        defaultMessage: invalidChoice(isAllowed),
      },
    }),
  );
}

export type Ordering = { column: string; direction: 'ASC' | 'DESC' }[];

/**
 * The ORDER BY of a list: the requested orderings (API names → columns of `alias`), then the
 * default `-created, id` for ties. A column is ordered once (TypeORM keys orderings by column).
 */
export function orderingOf(
  o: string[] | undefined,
  columns: Record<string, string>,
  alias: string,
): Ordering {
  const ordering: Ordering = [];
  const seen = new Set<string>();
  const add = (column: string, direction: 'ASC' | 'DESC') => {
    if (seen.has(column)) return;
    seen.add(column);
    ordering.push({ column, direction });
  };
  for (const item of o ?? []) {
    add(columns[item.replace(/^-/, '')], item.startsWith('-') ? 'DESC' : 'ASC');
  }
  add(`${alias}.created`, 'DESC');
  add(`${alias}.id`, 'ASC');
  return ordering;
}

/** An ILIKE pattern matching `value` anywhere, with its wildcards taken literally. */
export function containing(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
