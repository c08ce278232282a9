import { Button } from '@strapi/design-system';
import { useState } from 'react';
import type { CampaignDraft } from '../../api/campaigns';
import { useTemplateActions } from '../../api/templates';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';
import { ModalShell } from '../ModalShell';
import { TextField } from '../TextField';

/** "Save as template": the campaign's subject, preheader and MJML under a name of their own. */
export const SaveAsTemplateButton = ({ draft }: { draft: CampaignDraft }) => {
  const t = useT();
  const actions = useTemplateActions();
  const { success, failure } = useNotify();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [isSaving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    try {
      const { subject, preheader, mjml } = draft;
      await actions.save({
        name: name.trim(),
        subject: subject || null,
        preheader: preheader || null,
        mjml: mjml ?? '',
      });
      success(t('templates.saved', 'Template saved'));
      setOpen(false);
    } catch (error) {
      failure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <ModalShell
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setName(draft.name);
      }}
      trigger={<Button variant="secondary">{t('templates.saveAs', 'Save as template')}</Button>}
      title={t('templates.saveAs', 'Save as template')}
      closeLabel={t('action.cancel', 'Cancel')}
      actions={
        <Button onClick={save} loading={isSaving} disabled={!name.trim()}>
          {t('templates.save', 'Save template')}
        </Button>
      }
    >
      <TextField name="templateName" label={t('templates.name', 'Template name')} value={name} onChange={setName} />
    </ModalShell>
  );
};
