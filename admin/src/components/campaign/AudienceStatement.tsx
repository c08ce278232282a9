import { Typography } from '@strapi/design-system';
import type { Audience } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** Says who will receive the campaign and, when the limits spread it, when the last message goes. */
export const AudienceStatement = ({ audience }: { audience: Audience | undefined }) => {
  const t = useT();
  const count = audience?.selected ?? 0;
  return (
    <>
      <Typography tag="p" data-testid="confirm-audience">
        {t('send.audience', 'It will go to {count, plural, one {# subscriber} other {# subscribers}}.', { count })}
      </Typography>
      {audience?.eta ? (
        <Typography tag="p" textColor="warning700" data-testid="confirm-eta">
          {t('send.eta', "The provider's limits spread this send: the last message should go out around {eta}.", {
            eta: new Date(audience.eta).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
          })}
        </Typography>
      ) : null}
    </>
  );
};
