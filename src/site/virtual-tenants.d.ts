// Type of the module the site integration (integration.ts) generates for the pages: the tenants to build.
declare module 'virtual:mfa-playbook/tenants' {
  export const tenants: import('./types.ts').SiteData[];
}
