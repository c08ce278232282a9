/** A config problem: one line that names the key and says how to fix it. */
export class ConfigError extends Error {
  constructor(key: string, problem: string, fix: string) {
    super(`config key "${key}" ${problem}. ${fix}`);
    this.name = 'ConfigError';
  }
}
