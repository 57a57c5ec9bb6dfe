// The build's string files (scripts/strings-plugin.ts).
declare module 'virtual:xizmat-strings' {
  /** Every namespace, as the files under locales/<locale>/ name them. */
  export const namespaces: string[];
  /** Each language's one string file in the built app; empty outside the app's build. */
  export const urls: Record<string, string>;
}
