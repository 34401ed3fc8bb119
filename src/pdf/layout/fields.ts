import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFFont, type PDFForm, type PDFPage } from 'pdf-lib';
import { colors, toRgb } from './theme.ts';

// AcroForm fields: checkboxes, text fields and empty signature fields, placed on a page. Every field has a
// tooltip (/TU), the name a screen reader announces; each function returns the field's widget annotation so
// that the structure tree can refer to it.

/**
 * The widget pdf-lib has just added (the last annotation of the page), with the tooltip repeated on it: /TU
 * belongs to the field, but pdf.js reads it from the widget when the widget is a separate kid of the field.
 */
function lastWidget(page: PDFPage, tooltip: string): PDFRef {
  const annots = page.node.Annots();
  const ref = annots?.get(annots.size() - 1);
  if (!(ref instanceof PDFRef)) throw new Error('The PDF library did not add the form field to the page; update the layout module.');
  page.doc.context.lookup(ref, PDFDict).set(PDFName.of('TU'), PDFHexString.fromText(tooltip));
  return ref;
}

/** A fillable checkbox. Dots in the name make a field hierarchy: "prepare.mfa.done". */
export function addCheckbox(form: PDFForm, page: PDFPage, name: string, tooltip: string, x: number, y: number, size: number): PDFRef {
  const box = form.createCheckBox(name);
  box.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(tooltip));
  box.addToPage(page, { x, y, width: size, height: size, borderWidth: 1, borderColor: toRgb(colors.muted), backgroundColor: toRgb(colors.white) });
  return lastWidget(page, tooltip);
}

/**
 * Makes the form's font the default of the AcroForm: /DR names it and /DA uses it, so that a viewer that draws a
 * field itself (after typing, or when the appearance is missing) uses the embedded font, not Helvetica.
 */
export function useFormFont(form: PDFForm, font: PDFFont): void {
  const context = form.doc.context;
  const resources = context.obj({}) as PDFDict;
  const fonts = context.obj({}) as PDFDict;
  fonts.set(PDFName.of(font.name), font.ref);
  resources.set(PDFName.of('Font'), fonts);
  form.acroForm.dict.set(PDFName.of('DR'), resources);
  form.acroForm.dict.set(PDFName.of('DA'), PDFString.of(`/${font.name} 0 Tf 0 g`));
}

export interface TextFieldOptions {
  multiline?: boolean;
  value?: string;
  fontSize?: number;
}

/** A fillable text field. */
export function addTextField(
  form: PDFForm,
  font: PDFFont,
  page: PDFPage,
  name: string,
  tooltip: string,
  x: number,
  y: number,
  width: number,
  height: number,
  options: TextFieldOptions = {},
): PDFRef {
  const field = form.createTextField(name);
  field.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(tooltip));
  if (options.multiline) field.enableMultiline();
  if (options.value) field.setText(options.value);
  field.addToPage(page, { x, y, width, height, font, borderWidth: 0.75, borderColor: toRgb(colors.rule), backgroundColor: toRgb([0.975, 0.98, 0.99]) });
  const widget = lastWidget(page, tooltip);
  field.setFontSize(options.fontSize ?? 10);
  return widget;
}

/**
 * An empty signature field (/FT /Sig) that Acrobat and other readers offer to sign. pdf-lib cannot
 * create one; it is added next to a sibling field so that it joins the same name hierarchy.
 */
export function addSignatureField(form: PDFForm, page: PDFPage, name: string, sibling: string, tooltip: string, x: number, y: number, width: number, height: number): PDFRef {
  const context = form.doc.context;
  const partial = name.slice(name.lastIndexOf('.') + 1);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [x, y, x + width, y + height].map((n) => Math.round(n * 100) / 100),
    F: 4,
    MK: { BC: [0.75, 0.77, 0.8] },
    P: page.ref,
  }) as PDFDict;
  widget.set(PDFName.of('T'), PDFString.of(partial));
  widget.set(PDFName.of('TU'), PDFHexString.fromText(tooltip));
  const ref = context.register(widget);
  const parent = form.getField(sibling).acroField.getParent();
  const kids = parent?.dict.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (parent && kids && name.includes('.')) {
    widget.set(PDFName.of('Parent'), parent.ref);
    kids.push(ref);
  } else {
    form.acroForm.addField(ref);
  }
  page.node.addAnnot(ref);
  return ref;
}
