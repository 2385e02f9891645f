/**
 * Typed reading of environment variables. Each app declares its variables
 * once. readConfig validates all of them and throws one ConfigError that names
 * every invalid or missing variable, so that a bad deployment fails at boot.
 */
export interface EnvVariable<T> {
  read(name: string, raw: string | undefined): T;
  /** Secret values are never printed, not even in errors. */
  secret?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** How to read each setting of T. */
export type EnvSpec<T> = { [K in keyof T]: EnvVariable<T[K]> };
/** The environment variable name of each setting of T. */
export type EnvNames<T> = { [K in keyof T]: string };

/** Names and readers of a group of settings that several services share, e.g. the Redis ones. */
export interface EnvGroup<T> {
  names: EnvNames<T>;
  spec: EnvSpec<T>;
}

/** Declares a group of settings; the setting types come from the readers in spec. */
export function envGroup<T>(names: NoInfer<EnvNames<T>>, spec: EnvSpec<T>): EnvGroup<T> {
  return { names, spec };
}

/** Joins groups of settings into one, to pass to readConfig. */
export function mergeEnvGroups<A, B>(a: EnvGroup<A>, b: EnvGroup<B>): EnvGroup<A & B>;
export function mergeEnvGroups<A, B, C>(a: EnvGroup<A>, b: EnvGroup<B>, c: EnvGroup<C>): EnvGroup<A & B & C>;
export function mergeEnvGroups<A, B, C, D>(
  a: EnvGroup<A>,
  b: EnvGroup<B>,
  c: EnvGroup<C>,
  d: EnvGroup<D>,
): EnvGroup<A & B & C & D>;
export function mergeEnvGroups(...groups: EnvGroup<Record<string, unknown>>[]): EnvGroup<Record<string, unknown>> {
  return {
    names: Object.assign({}, ...groups.map((group) => group.names)),
    spec: Object.assign({}, ...groups.map((group) => group.spec)),
  };
}

export function readConfig<T>(
  names: NoInfer<EnvNames<T>>,
  spec: EnvSpec<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const problems: string[] = [];
  const config = {} as T;

  for (const key of Object.keys(spec) as (keyof T)[]) {
    const name = names[key];
    try {
      config[key] = spec[key].read(name, emptyToUndefined(env[name]));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return config;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function stringVar(options: { default?: string; secret?: boolean } = {}): EnvVariable<string> {
  return {
    secret: options.secret,
    read(name, raw) {
      if (raw !== undefined) return raw;
      if (options.default !== undefined) return options.default;
      throw new Error(`${name} is missing`);
    },
  };
}

export function optionalStringVar(options: { secret?: boolean } = {}): EnvVariable<string | undefined> {
  return { secret: options.secret, read: (_name, raw) => raw };
}

export function intVar(options: { default?: number; min?: number; max?: number } = {}): EnvVariable<number> {
  return {
    read(name, raw) {
      if (raw === undefined) {
        if (options.default !== undefined) return options.default;
        throw new Error(`${name} is missing`);
      }
      const value = Number(raw);
      if (!Number.isInteger(value)) {
        throw new Error(`${name} must be an integer, got "${raw}"`);
      }
      if (options.min !== undefined && value < options.min) {
        throw new Error(`${name} must be at least ${options.min}, got ${value}`);
      }
      if (options.max !== undefined && value > options.max) {
        throw new Error(`${name} must be at most ${options.max}, got ${value}`);
      }

      return value;
    },
  };
}

export function portVar(defaultPort: number): EnvVariable<number> {
  return intVar({ default: defaultPort, min: 0, max: 65535 });
}

export function listVar(options: { default?: string[] } = {}): EnvVariable<string[]> {
  return {
    read(name, raw) {
      if (raw === undefined) {
        if (options.default !== undefined) return options.default;
        throw new Error(`${name} is missing`);
      }
      const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
      if (items.length === 0) {
        throw new Error(`${name} must be a comma-separated list, got "${raw}"`);
      }

      return items;
    },
  };
}

export function enumVar<T extends string>(values: readonly T[], defaultValue: T): EnvVariable<T> {
  return {
    read(name, raw) {
      if (raw === undefined) return defaultValue;
      if (!(values as readonly string[]).includes(raw)) {
        throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      }

      return raw as T;
    },
  };
}
