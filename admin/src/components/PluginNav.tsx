import { SubNav } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../utils/useT';

const PAGES = [
  { to: '', id: 'nav.overview', label: 'Overview' },
  { to: 'campaigns', id: 'nav.campaigns', label: 'Campaigns' },
  { to: 'templates', id: 'nav.templates', label: 'Templates' },
  { to: 'subscribers', id: 'nav.subscribers', label: 'Subscribers' },
  { to: 'lists', id: 'nav.lists', label: 'Lists' },
  { to: 'forms', id: 'nav.forms', label: 'Forms' },
  { to: 'publish-rules', id: 'nav.publishRules', label: 'Publish rules' },
  { to: 'segments', id: 'nav.segments', label: 'Segments' },
  { to: 'series', id: 'nav.series', label: 'Series' },
];

export const PluginNav = () => {
  const t = useT();
  const title = t('plugin.name', 'Email campaigns');
  return (
    <SubNav.Main aria-label={title}>
      <SubNav.Header label={title} />
      <SubNav.Content>
        <SubNav.Sections>
          {[
            <SubNav.Section key="pages" label={t('nav.section', 'Newsletter')}>
              {PAGES.map((page) => (
                <SubNav.Link
                  key={page.id}
                  to={`/plugins/${PLUGIN_ID}/${page.to}`}
                  end={page.to === ''}
                  label={t(page.id, page.label)}
                />
              ))}
            </SubNav.Section>,
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};
