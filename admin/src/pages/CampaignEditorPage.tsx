import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useCallback, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { useCampaign, useCampaignActions } from '../api/campaigns';
import { useAudience, useProviders } from '../api/overview';
import { useSiteLocales } from '../api/locales';
import type { CampaignTemplate } from '../../../server/src/contracts';
import { BackLink } from '../components/BackLink';
import { PluginPage } from '../components/PluginPage';
import { StatusBadge } from '../components/StatusBadge';
import { AbTestPanel } from '../components/campaign/AbTestPanel';
import { AttachmentsField } from '../components/campaign/AttachmentsField';
import { CampaignControls } from '../components/campaign/CampaignControls';
import { CampaignFields } from '../components/campaign/CampaignFields';
import { ChecksPanel } from '../components/campaign/ChecksPanel';
import { LanguageTabs } from '../components/campaign/LanguageTabs';
import { ListPicker } from '../components/campaign/ListPicker';
import { MergeTagHelp } from '../components/campaign/MergeTagHelp';
import { PreviewPane } from '../components/campaign/PreviewPane';
import { PublicToggle } from '../components/campaign/PublicToggle';
import { SaveAsTemplateButton } from '../components/campaign/SaveAsTemplateButton';
import { SegmentPicker } from '../components/campaign/SegmentPicker';
import { ScheduleButton } from '../components/campaign/ScheduleButton';
import { SendNowButton } from '../components/campaign/SendNowButton';
import { StartFromTemplate } from '../components/campaign/StartFromTemplate';
import { NEW, TemplateEditor, useTemplateView } from '../components/campaign/TemplateEditor';
import { TestSendForm } from '../components/campaign/TestSendForm';
import { TrackingControls } from '../components/campaign/TrackingControls';
import { toPayload, useCampaignDraft } from '../hooks/useCampaignDraft';
import { useLanguageDraft } from '../hooks/useLanguageDraft';
import { useLivePreview } from '../hooks/useLivePreview';
import { useNotify } from '../hooks/useNotify';
import { usePermissions } from '../hooks/usePermissions';
import { ROUTES } from '../utils/routes';
import { useT } from '../utils/useT';
import { formatInZone } from '../utils/zonedTime';

const EDITABLE = ['draft', 'scheduled'];

export const CampaignEditorPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const campaign = useCampaign(id);
  const providers = useProviders();
  const actions = useCampaignActions();
  const { success, failure } = useNotify();
  const { canWriteCampaigns, canSendCampaigns } = usePermissions();
  const { draft, setDraft, change, isDirty } = useCampaignDraft(campaign.data);
  const audience = useAudience(draft.lists, draft.provider, draft.segments);
  // The language being edited and previewed (null: the default content); see useLanguageDraft.
  const [language, setLanguage] = useState<string | null>(null);
  const locales = useSiteLocales();
  const { view, change: changeInLanguage } = useLanguageDraft(draft, setDraft, language);
  const { preview, isRefreshing } = useLivePreview(id, view, !canWriteCampaigns, language);
  const templateView = useTemplateView(id ? String(id) : NEW);
  const [isSaving, setSaving] = useState(false);

  const status = campaign.data?.status ?? 'draft';
  // A series step sends for as long as its series lives, and its content stays editable meanwhile;
  // its audience and provider are the series' (edited on the Series page).
  const isSeriesStep = Boolean(campaign.data?.seriesId);
  const readOnly = !canWriteCampaigns || !(EDITABLE.includes(status) || isSeriesStep);

  /** Saves the draft if needed and returns the campaign id, or null when saving failed. */
  const ensureSaved = async (): Promise<number | null> => {
    if (id && !isDirty) return id;
    setSaving(true);
    try {
      const payload = toPayload(draft);
      if (id) {
        const saved = await actions.update(id, payload);
        await campaign.reload();
        return saved.data.id;
      }
      const created = await actions.create(payload);
      navigate(ROUTES.campaign(created.data.id), { replace: true });
      return created.data.id;
    } catch (error) {
      failure(error);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    if (await ensureSaved()) success(t('editor.saved', 'Campaign saved'));
  };

  const control = async (action: (campaignId: number) => Promise<unknown>, message: string) => {
    const campaignId = await ensureSaved();
    if (!campaignId) return;
    try {
      await action(campaignId);
      success(message);
      await campaign.reload();
    } catch (error) {
      failure(error);
    }
  };

  // A template's content replaces the draft's; the name, audience and sender stay.
  const applyTemplate = useCallback(
    ({ subject, preheader, mjml }: CampaignTemplate) =>
      setDraft((current) => ({ ...current, subject: subject ?? '', preheader: preheader ?? '', mjml })),
    [setDraft],
  );

  // Listing a campaign in the archive changes nothing sent, so a started one saves the switch at once.
  const changePublic = (value: boolean) =>
    readOnly && id
      ? control(
          (campaignId) => actions.update(campaignId, { public: value }),
          t('editor.publicSaved', 'Archive listing saved'),
        )
      : change('public', value);

  if (campaign.error || providers.error) return <Page.Error />;
  if ((id && !campaign.data) || !providers.data) return <Page.Loading />;

  const errors = preview?.errors ?? [];
  const wideTemplate = templateView.view === 'visual';
  const title = id ? (campaign.data?.name ?? '') : t('editor.newTitle', 'New campaign');

  return (
    <PluginPage
      title={title}
      navigationAction={<BackLink to={ROUTES.campaigns} label={t('editor.back', 'Back to campaigns')} />}
      subtitle={
        id && campaign.data ? (
          <Flex gap={2}>
            <StatusBadge status={status} />
            {campaign.data.scheduledAt && status === 'scheduled' ? (
              <Typography textColor="neutral600">
                {t('editor.scheduledFor', 'Scheduled for {when} ({zone})', {
                  when: formatInZone(campaign.data.scheduledAt, campaign.data.timezone),
                  zone: campaign.data.timezone ?? 'UTC',
                })}
              </Typography>
            ) : null}
            {campaign.data.pauseReason ? (
              <Typography textColor="warning700">{campaign.data.pauseReason}</Typography>
            ) : null}
          </Flex>
        ) : undefined
      }
      primaryAction={
        readOnly ? undefined : (
          <Button startIcon={<Check />} onClick={save} loading={isSaving} disabled={!draft.name.trim()}>
            {t('editor.save', 'Save')}
          </Button>
        )
      }
    >
      <Flex direction="column" alignItems="stretch" gap={6}>
        <Flex gap={2} wrap="wrap">
          {canSendCampaigns && EDITABLE.includes(status) && (
            <>
              <SendNowButton
                audience={audience.data}
                disabled={!draft.name.trim()}
                onSend={() =>
                  control((campaignId) => actions.sendNow(campaignId), t('send.started', 'Sending started'))
                }
              />
              <ScheduleButton
                audience={audience.data}
                scheduledAt={campaign.data?.scheduledAt ?? null}
                timezone={campaign.data?.timezone ?? null}
                disabled={!draft.name.trim()}
                onSchedule={(at, zone) =>
                  control(
                    (campaignId) => actions.schedule(campaignId, at, zone),
                    t('schedule.done', 'Campaign scheduled'),
                  )
                }
              />
            </>
          )}
          {id && status !== 'draft' ? (
            <Button tag={RouterLink} to={ROUTES.report(id)} variant="tertiary">
              {t('campaigns.report', 'Report')}
            </Button>
          ) : null}
          {id && campaign.data ? <CampaignControls campaign={campaign.data} onChange={campaign.reload} /> : null}
          {!id && canWriteCampaigns ? <StartFromTemplate onChoose={applyTemplate} /> : null}
          {canWriteCampaigns ? <SaveAsTemplateButton draft={draft} /> : null}
        </Flex>

        {/* The visual editor needs the page's width for its palette, canvas and panel: the preview goes under it. */}
        <Grid.Root gap={6}>
          <Grid.Item col={wideTemplate ? 12 : 6} s={12} direction="column" alignItems="stretch" gap={3}>
            <LanguageTabs
              draft={draft}
              setDraft={setDraft}
              locales={locales}
              current={language}
              onSelect={setLanguage}
              readOnly={readOnly}
            />
            <TemplateEditor
              state={templateView}
              value={view.mjml ?? ''}
              onChange={(mjml) => changeInLanguage('mjml', mjml)}
              readOnly={readOnly}
              entries={view.entries ?? []}
              onEntriesChange={(entries) => changeInLanguage('entries', entries)}
              locale={language ?? draft.defaultLocale}
              errors={errors}
            />
            <ChecksPanel checks={preview?.checks ?? []} />
            <MergeTagHelp />
          </Grid.Item>
          <Grid.Item col={wideTemplate ? 12 : 6} s={12} direction="column" alignItems="stretch">
            <PreviewPane
              html={preview?.message?.html ?? preview?.html ?? ''}
              subject={preview?.message?.subject ?? null}
              isRefreshing={isRefreshing}
            />
          </Grid.Item>
        </Grid.Root>

        {/* The message comes first; who it goes to, from whom and through what, after it. */}
        <Box tag="section" background="neutral0" padding={6} shadow="tableShadow" hasRadius aria-labelledby="settings">
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="delta" tag="h2" id="settings">
              {t('editor.settings', 'Settings')}
            </Typography>
            <CampaignFields draft={view} change={changeInLanguage} providers={providers.data} readOnly={readOnly} />
            <AbTestPanel
              value={draft.abTest ?? null}
              onChange={(abTest) => change('abTest', abTest)}
              subject={draft.subject ?? ''}
              hasVersions={(draft.versions ?? []).length > 0}
              readOnly={readOnly || isSeriesStep}
            />
            <ListPicker
              audience={audience.data}
              value={draft.lists}
              onChange={(lists) => change('lists', lists)}
              readOnly={readOnly || isSeriesStep}
            >
              <SegmentPicker
                value={draft.segments}
                onChange={(segments) => change('segments', segments)}
                readOnly={readOnly || isSeriesStep}
              />
            </ListPicker>
            <AttachmentsField
              value={draft.attachments ?? []}
              onChange={(ids) => change('attachments', ids)}
              known={campaign.data?.attachmentFiles ?? []}
              maxBytes={campaign.data?.maxAttachmentBytes ?? 5 * 1024 * 1024}
              readOnly={readOnly}
            />
            <PublicToggle checked={draft.public} onChange={changePublic} disabled={!canWriteCampaigns} />
            <TrackingControls draft={draft} change={change} readOnly={readOnly} />
            {canSendCampaigns && !readOnly ? <TestSendForm ensureSaved={ensureSaved} /> : null}
          </Flex>
        </Box>
      </Flex>
    </PluginPage>
  );
};
