import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from './pluginId';
import { Initializer } from './components/Initializer';
import { PluginIcon } from './components/PluginIcon';
import { PERMISSIONS } from './permissions';

type Translations = Record<string, string>;

const prefixKeys = (data: Translations): Translations =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Email campaigns' },
      Component: () => import('./pages/App'),
      permissions: PERMISSIONS.read,
    });

    app.createSettingSection(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Email campaigns' } },
      [
        {
          intlLabel: { id: `${PLUGIN_ID}.settings.providers`, defaultMessage: 'Providers' },
          id: `${PLUGIN_ID}-providers`,
          to: `${PLUGIN_ID}/providers`,
          Component: () => import('./pages/SettingsPage'),
          permissions: PERMISSIONS.settings,
        },
      ],
    );

    app.registerPlugin({ id: PLUGIN_ID, initializer: Initializer, isReady: false, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
