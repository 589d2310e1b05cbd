/*
 * How a user names an initializer. It lives in the bottom vocabulary (src/core) because a RunConfig
 * holds one; the initializers themselves, and everything that resolves or validates a spec, stay
 * in src/init (which re-exports these types from init/types.ts).
 */

/** A parameter value as written in a spec string (`scale=0.01`) or a config object. */
export type ParamValue = number | string | boolean;

/**
 * An initializer as the user writes it in a config file: `{"name": "random", "scale": 0.01}`.
 * The spec string `random:scale=0.01` parses to the same object.
 */
export interface InitSpec {
  name: string;
  [parameter: string]: ParamValue;
}
