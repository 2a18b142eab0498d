import { ConfigError, loadConfig } from '../../platform/config';

/** The message a configuration is refused with, or `accepted`. */
export function configRefusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return error instanceof ConfigError ? error.message : String(error);
  }
  return 'accepted';
}
