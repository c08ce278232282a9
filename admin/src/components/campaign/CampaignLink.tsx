import { Link } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { ROUTES } from '../../utils/routes';

/** A campaign's name, opening it in the editor. */
export const CampaignLink = ({ campaign }: { campaign: { id: number; name: string } }) => (
  <Link tag={RouterLink} to={ROUTES.campaign(campaign.id)}>
    {campaign.name}
  </Link>
);
