import { Td, Tr, Typography } from '@strapi/design-system';
import type { LinkRow } from '../../../../server/src/contracts';
import { useFormatCount } from '../../utils/rates';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';

/** Each tracked link with its clicks, most clicked first (the order the server gives). */
export const LinkClicksTable = ({ links }: { links: LinkRow[] }) => {
  const t = useT();
  const count = useFormatCount();
  if (links.length === 0) {
    return (
      <Typography textColor="neutral600">{t('engagement.noLinks', 'This campaign has no tracked links.')}</Typography>
    );
  }
  return (
    <DataTable
      headers={[
        t('engagement.link', 'Link'),
        t('engagement.uniquePeople', 'Unique people'),
        t('engagement.totalPeople', 'Total by people'),
        t('engagement.machine', 'Machine (privacy proxies, link scanners)'),
      ]}
      rowCount={links.length}
      data-testid="engagement-links"
    >
      {links.map((link) => (
        <Tr key={link.id} data-testid="link-row">
          <Td style={{ maxWidth: '480px' }}>
            <Typography ellipsis title={link.url}>
              {link.url}
            </Typography>
          </Td>
          <TextCell>{count(link.clicks.unique)}</TextCell>
          <TextCell>{count(link.clicks.total)}</TextCell>
          <TextCell textColor="neutral600">{count(link.clicks.machine)}</TextCell>
        </Tr>
      ))}
    </DataTable>
  );
};
