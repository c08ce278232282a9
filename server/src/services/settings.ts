/**
 * Settings made in the admin (docs/architecture.md, "Configuration"): providers added in the Settings page live in
 * Strapi's plugin store. Their secrets (SMTP password, DKIM private key) are encrypted with
 * Strapi's own encryption key (`admin.secrets.encryptionKey`) and never leave the server.
 */
import type { Core } from '@strapi/strapi';
import { errors, yup, validateYupSchema } from '@strapi/utils';
import type { ProviderConfig } from '../config';
import { PRESETS, PRESET_NAMES } from '../config/presets';
import { ConfigError, validateConfig } from '../config/validate';
import { UID } from '../constants';
import { pluginConfig, getService } from '../utils/plugin';
import { feedbackSettings } from './feedback/feedback-settings';
import { resolveProvider } from './providers';
import { publicBase } from './links';
import type { ConnectionTest, ProviderInput, ProviderView, Settings } from '../contracts';

/** A provider as the plugin store keeps it: secrets only in encrypted form. */
interface StoredProvider extends Omit<ProviderConfig, 'auth' | 'dkim' | 'transport'> {
  auth?: { user?: string; passEncrypted?: string };
  dkim?: { domainName: string; keySelector: string; privateKeyEncrypted: string };
}

type Stored = Record<string, StoredProvider>;

const ACTIVE_STATUSES = ['scheduled', 'testing', 'sending', 'paused'];
const optionalLimit = () => yup.number().integer().min(1).nullable();

const providerSchema = yup
  .object({
    name: yup
      .string()
      .required()
      .matches(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'name: use letters, digits, "-" or "_" (at most 64)'),
    preset: yup.string().oneOf(PRESET_NAMES).required(),
    host: yup.string().max(255).nullable(),
    port: yup.number().integer().min(1).max(65535).nullable(),
    secure: yup.boolean().nullable(),
    requireTLS: yup.boolean().nullable(),
    user: yup.string().max(255).nullable(),
    password: yup.string().max(1024).nullable(),
    clearPassword: yup.boolean(),
    from: yup.string().max(320).nullable(),
    replyTo: yup.string().email().max(254).nullable(),
    maxConnections: yup.number().integer().min(1).max(50).nullable(),
    limits: yup
      .object({
        perSecond: optionalLimit(),
        perMinute: optionalLimit(),
        perHour: optionalLimit(),
        perDay: optionalLimit(),
      })
      .noUnknown(),
    dkim: yup
      .object({
        domainName: yup.string().required().max(255),
        keySelector: yup.string().required().max(255),
        privateKey: yup.string().max(20_000).nullable(),
      })
      .noUnknown()
      .nullable()
      .default(null),
  })
  .noUnknown(true, 'These fields cannot be set here: ${unknown}')
  .required();

export const validateProviderInput = validateYupSchema(providerSchema, { strict: true, abortEarly: false }) as (
  body: unknown,
) => Promise<ProviderInput>;

/** Empty strings from form fields mean "not set". */
const present = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);

const withoutEmpty = <T extends Record<string, unknown>>(object: T): T =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as T;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'email-campaigns', key: 'providers' });
  const encryption = () =>
    strapi.service('admin::encryption') as { encrypt(v: string): string | null; decrypt(v: string): string | null };

  const readStored = async (): Promise<Stored> => ((await store().get({})) as Stored | null) ?? {};

  function encrypt(secret: string): string {
    const sealed = encryption().encrypt(secret);
    if (!sealed) {
      throw new errors.ApplicationError(
        'Secrets cannot be stored: set admin.secrets.encryptionKey (ENCRYPTION_KEY) in config/admin.js first.',
      );
    }
    return sealed;
  }

  /** A stored secret, or undefined when the encryption key changed since it was saved. */
  function decrypt(sealed: string | undefined): string | undefined {
    return sealed ? (encryption().decrypt(sealed) ?? undefined) : undefined;
  }

  function toConfig(stored: StoredProvider): ProviderConfig {
    const { auth, dkim, ...rest } = stored;
    const config: ProviderConfig = { ...rest };
    if (auth) config.auth = { user: auth.user, pass: decrypt(auth.passEncrypted) };
    const privateKey = dkim && decrypt(dkim.privateKeyEncrypted);
    if (dkim && privateKey) config.dkim = { domainName: dkim.domainName, keySelector: dkim.keySelector, privateKey };
    return config;
  }

  /**
   * The input laid over what was saved, secrets sealed; a blank secret keeps the saved one, unless the
   * password would now go somewhere else (see `samePasswordDestination`).
   */
  function toStored(name: string, input: ProviderInput, previous: StoredProvider | undefined): StoredProvider {
    const password = present(input.password);
    const user = present(input.user);
    const keepSaved = previous !== undefined && samePasswordDestination(name, previous, { ...input, user });
    const passEncrypted = input.clearPassword
      ? undefined
      : password
        ? encrypt(password)
        : keepSaved
          ? previous?.auth?.passEncrypted
          : undefined;
    const privateKey = present(input.dkim?.privateKey ?? undefined);
    const keyEncrypted = privateKey ? encrypt(privateKey) : previous?.dkim?.privateKeyEncrypted;
    if (input.dkim && !keyEncrypted) throw new errors.ValidationError('DKIM needs a private key (PEM).');
    return withoutEmpty({
      preset: input.preset,
      host: present(input.host ?? undefined),
      port: input.port ?? undefined,
      secure: input.secure ?? undefined,
      requireTLS: input.requireTLS ?? undefined,
      auth: user || passEncrypted ? withoutEmpty({ user, passEncrypted }) : undefined,
      from: present(input.from ?? undefined),
      replyTo: present(input.replyTo ?? undefined),
      maxConnections: input.maxConnections ?? undefined,
      limits: withoutEmpty({ ...input.limits }),
      dkim:
        input.dkim && keyEncrypted
          ? {
              domainName: input.dkim.domainName,
              keySelector: input.dkim.keySelector,
              privateKeyEncrypted: keyEncrypted,
            }
          : undefined,
    });
  }

  /**
   * Would a saved password reach the same server, as the same user, as securely as before? Otherwise a
   * `settings` admin could point it at a server of their own and read it with "Test connection", so the
   * password is kept only when it is typed again.
   */
  function samePasswordDestination(name: string, previous: StoredProvider, input: ProviderInput): boolean {
    const before = resolveProvider(name, { ...previous, auth: undefined, dkim: undefined });
    const after = resolveProvider(name, {
      preset: input.preset,
      host: present(input.host ?? undefined),
      port: input.port ?? undefined,
      secure: input.secure ?? undefined,
      requireTLS: input.requireTLS ?? undefined,
    });
    return (
      String(before.host ?? '').toLowerCase() === String(after.host ?? '').toLowerCase() &&
      before.port === after.port &&
      before.secure === after.secure &&
      before.requireTLS === after.requireTLS &&
      (previous.auth?.user ?? undefined) === (present(input.user ?? undefined) ?? undefined)
    );
  }

  /** The same checks as config/plugins.js providers get at boot, with the same messages. */
  function check(name: string, config: ProviderConfig) {
    try {
      validateConfig({ ...pluginConfig(strapi), defaultProvider: name, providers: { [name]: config } });
    } catch (error) {
      if (error instanceof ConfigError)
        throw new errors.ValidationError(error.message.replace(`providers.${name}.`, ''));
      throw error;
    }
  }

  /** After a change: the sender sees it, the pool reconnects with it, and the provider has its lock row. */
  async function applied(name: string) {
    await getService(strapi, 'providers').load();
    getService(strapi, 'transport').reset(name);
    await getService(strapi, 'providerState').ensure([name]);
  }

  function assertEditable(name: string) {
    if (pluginConfig(strapi).providers[name]) {
      throw new errors.ForbiddenError(`The provider "${name}" is defined in config/plugins.js: change it there.`);
    }
  }

  return {
    /** Saved providers with their secrets decrypted, for the providers service only. */
    async savedProviders(): Promise<Record<string, ProviderConfig>> {
      const stored = await readStored();
      return Object.fromEntries(Object.entries(stored).map(([name, provider]) => [name, toConfig(provider)]));
    },

    async overview(): Promise<Settings> {
      await getService(strapi, 'providers').load();
      const config = pluginConfig(strapi);
      return {
        providers: getService(strapi, 'providers').views(),
        presets: Object.entries(PRESETS).map(([name, preset]) => ({ name, ...preset })),
        general: {
          publicUrl: config.publicUrl ?? null,
          cron: config.cron,
          batchSize: config.batchSize,
          defaultProvider: config.defaultProvider,
        },
        feedback: feedbackSettings(config.feedback, publicBase(strapi)),
      };
    },

    async saveProvider(input: ProviderInput, { creating }: { creating: boolean }): Promise<ProviderView> {
      const { name } = input;
      assertEditable(name);
      const stored = await readStored();
      if (creating && stored[name]) throw new errors.ValidationError(`A provider named "${name}" already exists.`);
      if (!creating && !stored[name])
        throw new errors.NotFoundError(`No provider named "${name}" was added in the settings.`);
      const next = toStored(name, input, stored[name]);
      check(name, toConfig(next));
      await store().set({ value: { ...stored, [name]: next } });
      await applied(name);
      // Saved and loaded just above, so it is among the views.
      return getService(strapi, 'providers')
        .views()
        .find((view) => view.name === name) as ProviderView;
    },

    async removeProvider(name: string) {
      assertEditable(name);
      const stored = await readStored();
      if (!stored[name]) throw new errors.NotFoundError(`No provider named "${name}" was added in the settings.`);
      const using = await strapi.db
        .query(UID.campaign)
        .count({ where: { provider: name, status: { $in: ACTIVE_STATUSES } } });
      if (using > 0)
        throw new errors.ValidationError(
          `${using} scheduled or sending campaign(s) use "${name}": cancel them or choose another provider first.`,
        );
      // A form's confirmation mails would have no provider: name the forms so the admin can move them first.
      const isDefault = pluginConfig(strapi).defaultProvider === name;
      const forms: Array<{ name: string }> = await strapi.db.query(UID.form).findMany({
        where: isDefault ? { $or: [{ provider: name }, { provider: null }, { provider: '' }] } : { provider: name },
        select: ['name'],
        orderBy: { name: 'asc' },
      });
      if (forms.length > 0)
        throw new errors.ValidationError(
          `The form(s) ${forms.map((form) => `"${form.name}"`).join(', ')} send their confirmation mails through "${name}": choose another provider for them first.`,
        );
      const { [name]: _removed, ...rest } = stored;
      await store().set({ value: rest });
      await applied(name);
    },

    /** Connects and authenticates with the saved settings; the server's answer is shown as is. */
    async testProvider(name: string): Promise<ConnectionTest> {
      if (!getService(strapi, 'providers').get(name)) throw new errors.NotFoundError(`No provider named "${name}".`);
      return getService(strapi, 'transport').verify(name);
    },
  };
};
