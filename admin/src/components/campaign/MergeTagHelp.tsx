import { Accordion, Box, Flex, Typography } from '@strapi/design-system';
import { useT } from '../../utils/useT';

const TAGS: Array<{ tag: string; id: string; text: string }> = [
  { tag: '{{ subscriber.name | default: "friend" }}', id: 'tags.name', text: "The subscriber's name, or a fallback" },
  { tag: '{{ subscriber.email }}', id: 'tags.email', text: "The subscriber's address" },
  {
    tag: '{{ subscriber.attributes.city }}',
    id: 'tags.attributes',
    text: 'A custom attribute (from an import or the API)',
  },
  { tag: '{{ campaign.subject }}', id: 'tags.subject', text: "The campaign's subject (also name and preheader)" },
  {
    tag: '{{ unsubscribe_url }}',
    id: 'tags.unsubscribe',
    text: 'One-click unsubscribe link (required by law in most places)',
  },
  { tag: '{{ preferences_url }}', id: 'tags.preferences', text: 'Link to choose lists' },
  { tag: '{{ web_url }}', id: 'tags.web', text: 'View in browser: this message on the site, without tracking' },
  {
    tag: '{% for e in entries %}…{{ e.title }}…{% endfor %}',
    id: 'tags.entries',
    text: 'Loop over the Strapi entries chosen for this campaign',
  },
  {
    tag: '<mj-raw>{% if subscriber.name %}</mj-raw>',
    id: 'tags.raw',
    text: 'Conditions on subscriber values go inside mj-raw',
  },
];

/** The Liquid merge tags a template may use; values are HTML-escaped. */
export const MergeTagHelp = () => {
  const t = useT();
  return (
    <Accordion.Root>
      <Accordion.Item value="tags">
        <Accordion.Header>
          <Accordion.Trigger>{t('tags.title', 'Merge tags')}</Accordion.Trigger>
        </Accordion.Header>
        <Accordion.Content>
          <Flex direction="column" alignItems="stretch" gap={2} padding={4}>
            {TAGS.map((item) => (
              <Box key={item.id}>
                <Typography tag="code" fontWeight="bold" style={{ fontFamily: 'monospace' }}>
                  {item.tag}
                </Typography>
                <Typography tag="p" variant="pi" textColor="neutral600">
                  {t(item.id, item.text)}
                </Typography>
              </Box>
            ))}
          </Flex>
        </Accordion.Content>
      </Accordion.Item>
    </Accordion.Root>
  );
};
