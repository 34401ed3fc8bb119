// Which sign-in client apps are modern authentication. Everything else is legacy authentication, which cannot do
// MFA: the evidence readers classify exported sign-ins with this list and the Log Analytics queries classify the
// workspace's rows with the same list, so both count the same sign-ins as legacy.

/** Client apps that are modern authentication; every other non-empty value is legacy. */
export const MODERN_CLIENT_APPS: ReadonlySet<string> = new Set([
  'browser',
  'mobile apps and desktop clients',
  'modern clients',
  // Spanish portal (values may be translated like the headers)
  'explorador',
  'aplicaciones móviles y clientes de escritorio',
]);
