import { Table, Tbody, Td, Th, Thead, Tr, Typography, type TypographyProps } from '@strapi/design-system';
import type { ReactNode } from 'react';

interface DataTableProps {
  /**
   * The column titles, in order (a select-all checkbox may stand for one); falsy ones (a column
   * the user may not use) are left out.
   */
  headers: Array<ReactNode | false>;
  /** Rows of data, without the header row. */
  rowCount: number;
  children: ReactNode;
  'data-testid'?: string;
}

/** A table with a header row of column titles; `children` are its body rows. */
export const DataTable = ({ headers, rowCount, children, ...rest }: DataTableProps) => {
  const columns = headers.filter((header) => Boolean(header));
  return (
    <Table colCount={columns.length} rowCount={rowCount + 1} {...rest}>
      <Thead>
        <Tr>
          {columns.map((header, index) => (
            <Th key={index}>
              {typeof header === 'string' ? <Typography variant="sigma">{header}</Typography> : header}
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
