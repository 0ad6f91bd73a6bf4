/** Receives debug lines. Lines never contain tokens, cookies or refresh keys. */
export type AuthKitLogger = (message: string, details?: Record<string, string | number | boolean>) => void;

export function createLogger(debug: boolean | AuthKitLogger | undefined): AuthKitLogger | undefined {
  if (typeof debug === 'function') return debug;
  if (debug === true) return (message, details) => console.debug(`[authkit-ssr] ${message}`, details ?? '');
  return undefined;
}
