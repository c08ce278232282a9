import { Button, Flex } from '@strapi/design-system';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CampaignTemplate } from '../../../../server/src/contracts';
import { useTemplates } from '../../api/templates';
import { useT } from '../../utils/useT';
import { ModalShell } from '../ModalShell';
import { TemplateCard } from '../templates/TemplateCard';

/**
 * "Start from a template" on a new campaign: a template's subject, preheader and MJML replace the
 * draft's. `?template=<key>` (the Templates page's "Start a campaign") applies one on arrival.
 */
export const StartFromTemplate = ({ onChoose }: { onChoose: (template: CampaignTemplate) => void }) => {
  const t = useT();
  const templates = useTemplates();
  const [params] = useSearchParams();
  const [open, setOpen] = useState(false);
  const applied = useRef(false);
  const wanted = params.get('template');

  useEffect(() => {
    const found = templates.data?.find((template) => template.key === wanted);
    if (!found || applied.current) return;
    applied.current = true;
    onChoose(found);
  }, [templates.data, wanted, onChoose]);

  return (
    <ModalShell
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant="secondary">{t('templates.startFrom', 'Start from a template')}</Button>}
      title={t('templates.choose', 'Choose a template')}
    >
      <Flex wrap="wrap" gap={4} alignItems="flex-start">
        {(templates.data ?? []).map((template) => (
          <TemplateCard
            key={template.key}
            template={template}
            actions={
              <Button
                size="S"
                onClick={() => {
                  onChoose(template);
                  setOpen(false);
                }}
              >
                {t('templates.useThis', 'Use this template')}
              </Button>
            }
          />
        ))}
      </Flex>
    </ModalShell>
  );
};
