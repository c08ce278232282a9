import { Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { CampaignDraft } from '../../api/campaigns';
import type { SiteLocale } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

interface LanguageTabsProps {
  draft: CampaignDraft;
  setDraft: (update: (current: CampaignDraft) => CampaignDraft) => void;
  locales: SiteLocale[];
  /** The language being edited: null for the default content. */
  current: string | null;
  onSelect: (locale: string | null) => void;
  readOnly: boolean;
}

/**
 * One tab per language of the campaign: the default content (in the language chosen for it) and
 * each version. A new version starts as a copy of the default content, ready to be translated;
 * people whose language has no version get the default.
 */
export const LanguageTabs = ({ draft, setDraft, locales, current, onSelect, readOnly }: LanguageTabsProps) => {
  const t = useT();
  if (locales.length === 0) return null;
  const versions = draft.versions ?? [];
  const nameOf = (code: string | null) => locales.find((l) => l.code === code)?.name ?? code ?? '';
  const taken = new Set([draft.defaultLocale, ...versions.map((v) => v.locale)]);
  const free = locales.filter((l) => !taken.has(l.code));

  const add = (locale: string) => {
    setDraft((d) => ({
      ...d,
      versions: [
        ...(d.versions ?? []),
        { locale, subject: d.subject, preheader: d.preheader, mjml: d.mjml, entries: null },
      ],
    }));
    onSelect(locale);
  };
  const remove = (locale: string) => {
    setDraft((d) => ({ ...d, versions: (d.versions ?? []).filter((v) => v.locale !== locale) }));
    onSelect(null);
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="language-tabs">
      <Flex gap={2} wrap="wrap" role="tablist" aria-label={t('languages.label', 'Languages')}>
        <Button
          role="tab"
          aria-selected={current === null}
          variant={current === null ? 'secondary' : 'tertiary'}
          onClick={() => onSelect(null)}
        >
          {t('languages.default', 'Default: {language}', {
            language: draft.defaultLocale ? nameOf(draft.defaultLocale) : t('languages.any', 'any language'),
          })}
        </Button>
        {versions.map((version) => (
          <Button
            key={version.locale}
            role="tab"
            aria-selected={current === version.locale}
            variant={current === version.locale ? 'secondary' : 'tertiary'}
            onClick={() => onSelect(version.locale)}
          >
            {nameOf(version.locale)}
          </Button>
        ))}
        {!readOnly && free.length > 0 && (
          <SingleSelect
            aria-label={t('languages.add', 'Add a language')}
            placeholder={t('languages.add', 'Add a language')}
            startIcon={<Plus />}
            value=""
            onChange={(value) => value && add(String(value))}
            size="S"
          >
            {free.map((locale) => (
              <SingleSelectOption key={locale.code} value={locale.code}>
                {locale.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        )}
      </Flex>
      {current === null ? (
        <Field.Root
          name="defaultLocale"
          hint={t('languages.defaultHint', 'People whose language has no version get this content.')}
        >
          <Field.Label>{t('languages.defaultLocale', 'Language of the default content')}</Field.Label>
          <SingleSelect
            value={draft.defaultLocale ?? ''}
            disabled={readOnly}
            onChange={(value) => setDraft((d) => ({ ...d, defaultLocale: value ? String(value) : null }))}
          >
            <SingleSelectOption value="">{t('languages.any', 'any language')}</SingleSelectOption>
            {locales
              .filter((l) => !versions.some((v) => v.locale === l.code))
              .map((locale) => (
                <SingleSelectOption key={locale.code} value={locale.code}>
                  {locale.name}
                </SingleSelectOption>
              ))}
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
      ) : (
        <Flex gap={2}>
          <Typography variant="pi" textColor="neutral600">
            {t('languages.versionHint', 'Subscribers whose language is {language} get this version.', {
              language: nameOf(current),
            })}
          </Typography>
          {!readOnly && (
            <Button variant="danger-light" size="S" startIcon={<Trash />} onClick={() => remove(current)}>
              {t('languages.remove', 'Remove this language')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
};
