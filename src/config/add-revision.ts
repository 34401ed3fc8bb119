import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { RevisionConfig } from './revisions.ts';
import { readJsonSource } from './source-map.ts';

// Adds a revision to the text of a tenant file and changes nothing else: the other keys, their order, the
// spacing, the line endings and a byte-order mark stay as the admin wrote them. The new entry is indented like
// the file.

/** The file's own indentation (the first indented line) and line ending. */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

/** The text of the tenant file with `revision` appended to its `revisions` (created when absent). */
export function addRevision(text: string, revision: RevisionConfig, file = 'tenant.config.json'): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const source = readJsonSource(file, body);
  const revisions = source.root?.children?.find((property) => property.children?.[0]?.value === 'revisions')?.children?.[1];
  // Only the keys the schema knows, in a fixed order, so the entry reads like the documentation.
  const entry = {
    date: revision.date,
    reason: revision.reason,
    ...(revision.enforcement !== undefined ? { enforcement: revision.enforcement } : {}),
    ...(revision.extendPhase !== undefined ? { extendPhase: { phase: revision.extendPhase.phase, days: revision.extendPhase.days } } : {}),
  };
  const formatting = formattingOf(body);
  const last = revisions?.type === 'array' ? revisions.children?.at(-1) : undefined;
  if (last) {
    // After the last entry, indented like it; the entries already there keep their own layout (jsonc-parser's
    // array insertion would re-format them).
    const lineStart = body.lastIndexOf('\n', last.offset) + 1;
    const itemIndent = /^[ \t]*/.exec(body.slice(lineStart, last.offset))![0];
    const unit = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 2) : '\t';
    const entryText = JSON.stringify(entry, null, unit).replace(/\n/g, `${formatting.eol}${itemIndent}`);
    const end = last.offset + last.length;
    return `${bom}${body.slice(0, end)},${formatting.eol}${itemIndent}${entryText}${body.slice(end)}`;
  }
  const edits =
    revisions?.type === 'array'
      ? modify(body, ['revisions', 0], entry, { formattingOptions: formatting, isArrayInsertion: true })
      : modify(body, ['revisions'], [entry], { formattingOptions: formatting });
  return bom + applyEdits(body, edits);
}
