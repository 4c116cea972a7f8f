/** Replaced by the bundler from package.json; the fallback serves tests run from source. */
declare const __TTX_VERSION__: string | undefined;
export const VERSION: string = typeof __TTX_VERSION__ === 'string' ? __TTX_VERSION__ : '0.0.0-dev';
