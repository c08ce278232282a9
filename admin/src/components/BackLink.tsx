import { Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';

export const BackLink = ({ to, label }: { to: string; label: string }) => (
  <Link tag={RouterLink} to={to} startIcon={<ArrowLeft />}>
    {label}
  </Link>
);
