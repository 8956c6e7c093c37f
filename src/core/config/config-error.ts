// The error thrown for configuration that cannot be used; its message names the offending key
// so that `hearth serve` can print it and exit without a stack trace.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
