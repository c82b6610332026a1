// Type-level placeholder checks: a text's `{name}` placeholders are read from its literal type, so an English text
// naming other placeholders than its Polish text, or a `t(key)` call missing a parameter, fails the build.

/** The `{name}` placeholders a text names, as a union of names (never when it names none). */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** An English area file typed against its Polish area: exactly the same keys (checked with `satisfies`). */
export type EnglishOf<P extends Record<string, string>> = {readonly [K in keyof P]: string};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The keys whose English text names other placeholders than the Polish one (never when all agree). */
export type PlaceholderMismatch<P extends Record<string, string>, E extends {readonly [K in keyof P]: string}> = {
  [K in keyof P]: Same<Placeholders<P[K]>, Placeholders<E[K]>> extends true ? never : K;
}[keyof P];

/** `true` when nothing mismatches; otherwise an object naming the offending keys, so the error message shows them. */
export type PlaceholdersAgree<P extends Record<string, string>, E extends {readonly [K in keyof P]: string}> =
  [PlaceholderMismatch<P, E>] extends [never] ? true : {placeholdersDifferIn: PlaceholderMismatch<P, E>};
