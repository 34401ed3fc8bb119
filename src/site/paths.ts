// Links inside a site are always relative, so a site works from any folder: a web server sub-path,
// an intranet sub-folder or a file share. Paths here are file paths relative to the site folder,
// such as 'index.html' or 'symptoms/no-prompt.html'.

/** The relative URL from the page at `from` to the file at `to` (both relative to the site folder). */
export function rel(from: string, to: string): string {
  const [toPath, hash] = splitHash(to);
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = toPath.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common += 1;
  const ups = fromDirs.length - common;
  const rest = toParts.slice(common).map(encodeURIComponent).join('/');
  const path = `${'../'.repeat(ups)}${rest}` || './';
  return hash === undefined ? path : `${path === from.split('/').pop() ? '' : path}#${hash}`;
}

function splitHash(to: string): [string, string | undefined] {
  const index = to.indexOf('#');
  return index < 0 ? [to, undefined] : [to.slice(0, index), to.slice(index + 1)];
}

/** A fragment id safe for HTML ids and URLs. */
export function anchor(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

/** A tel: link for a phone number as people write it ("+44 20 7946 0321" dials +442079460321). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}
