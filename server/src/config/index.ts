import { DEFAULT_CONFIG, type PluginConfig } from './defaults';
import { validateConfig } from './validate';

export default {
  default: DEFAULT_CONFIG,
  validator: (config: PluginConfig) => validateConfig(config),
};

export type { PluginConfig, ProviderConfig, DkimConfig } from './defaults';
