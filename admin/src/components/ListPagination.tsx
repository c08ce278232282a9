import { Flex, Typography } from '@strapi/design-system';
import type { Pagination } from '../../../server/src/contracts';
import { useT } from '../utils/useT';
import { PageButtons } from './PageButtons';

/** Previous / next with "page x of y": enough for admin tables, and easy to drive in tests. */
export const ListPagination = ({ pagination, onPage }: { pagination?: Pagination; onPage: (page: number) => void }) => {
  const t = useT();
  if (!pagination || pagination.pageCount <= 1) return null;
  const { page, pageCount, total } = pagination;
  return (
    <Flex gap={3} justifyContent="flex-end" paddingTop={4}>
      <Typography variant="pi" textColor="neutral600">
        {t('pagination.status', 'Page {page} of {pageCount} ({total} in all)', { page, pageCount, total })}
      </Typography>
      <PageButtons page={page} pageCount={pageCount} onPage={onPage} />
    </Flex>
  );
};
