import { PDFName, type PDFDocument } from 'pdf-lib';

// XMP metadata (ISO 16684-1) of a document, as PDF/UA-1 asks: the title in dc:title, the identifier
// pdfuaid:part 1, and the same author, subject, keywords, dates and producer as the Info dictionary.
// Written uncompressed, as XMP readers expect, in the catalog's /Metadata stream.

export interface XmpFields {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  creator: string;
  producer: string;
  /** ISO 8601 instant, e.g. "2027-01-04T00:00:00Z": the plan date, never the clock. */
  date: string;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

export function xmpPacket(fields: XmpFields): string {
  const lang = xml(fields.language);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(fields.title)}</rdf:li><rdf:li xml:lang="${lang}">${xml(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(fields.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(fields.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${xml(fields.keywords.join(' '))}</pdf:Keywords>`,
    `<pdf:Producer>${xml(fields.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${xml(fields.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${fields.date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${fields.date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${fields.date}</xmp:MetadataDate>`,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Adds the XMP packet to the catalog as /Metadata. */
export function writeXmp(doc: PDFDocument, fields: XmpFields): void {
  const stream = doc.context.stream(new TextEncoder().encode(xmpPacket(fields)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
