import { Button } from '@strapi/design-system';
import { useT } from '../utils/useT';

interface PageButtonsProps {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}

/** Previous and next page, each disabled at its end. */
export const PageButtons = ({ page, pageCount, onPage }: PageButtonsProps) => {
  const t = useT();
  return (
    <>
      <Button size="S" variant="tertiary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pagination.previous', 'Previous')}
      </Button>
      <Button size="S" variant="tertiary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        {t('pagination.next', 'Next')}
      </Button>
    </>
  );
};
