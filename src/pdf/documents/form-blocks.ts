import { colors, type LayoutDocument } from '../layout/index.ts';
import type { FieldNames } from './common.ts';

// Form blocks shared by the documents people fill in: a labelled text field and a row of choices.

/** Label above a field, and the field: one row of a form to fill in. Height with spacing: field height + 18. */
export function labelledField(doc: LayoutDocument, names: FieldNames, name: string[], label: string, options: { height?: number; multiline?: boolean } = {}): void {
  const height = options.height ?? 20;
  const field = names.take(...name);
  doc.block(
    height + 14,
    (canvas, top) => {
      canvas.text(label, doc.left, top - 9, { size: 8.5, color: colors.muted, weight: 'bold' });
      canvas.textField(field, label, doc.left, top - 12 - height, doc.contentWidth, height, { multiline: options.multiline ?? false, fontSize: 10 });
    },
    4,
  );
}

/** A row of checkboxes, one per choice, each with its label: what the person filling in ticks. Height: 38. */
export function choiceRow(doc: LayoutDocument, names: FieldNames, prefix: string[], question: string, choices: { key: string; label: string }[]): void {
  const fields = choices.map((choice) => names.take(...prefix, choice.key));
  doc.block(
    32,
    (canvas, top) => {
      canvas.text(question, doc.left, top - 9, { size: 8.5, color: colors.muted, weight: 'bold' });
      const width = doc.contentWidth / choices.length;
      choices.forEach((choice, index) => {
        const x = doc.left + index * width;
        canvas.checkbox(fields[index]!, `${question} ${choice.label}`, x, top - 28, 12);
        canvas.text(choice.label, x + 17, top - 25.5, { size: 9.5, maxWidth: width - 22 });
      });
    },
    6,
  );
}
