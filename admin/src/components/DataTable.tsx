import { Table, Tbody, Td, Th, Thead, Tr, Typography, type TypographyProps } from '@strapi/design-system';
import type { ReactNode } from 'react';

interface DataTableProps {
  /** The column titles, in order; falsy ones (a column the user may not use) are left out. */
  headers: Array<string | false>;
  /** Rows of data, without the header row. */
  rowCount: number;
  children: ReactNode;
  'data-testid'?: string;
}

/** A table with a header row of column titles; `children` are its body rows. */
export const DataTable = ({ headers, rowCount, children, ...rest }: DataTableProps) => {
  const columns = headers.filter((header): header is string => Boolean(header));
  return (
    <Table colCount={columns.length} rowCount={rowCount + 1} {...rest}>
      <Thead>
        <Tr>
          {columns.map((header) => (
            <Th key={header}>
              <Typography variant="sigma">{header}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>{children}</Tbody>
    </Table>
  );
};

/** A cell holding text. */
export const TextCell = ({ children, ...typography }: TypographyProps) => (
  <Td>
    <Typography {...typography}>{children}</Typography>
  </Td>
);
