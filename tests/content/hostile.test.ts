import { describe, expect, it } from 'vitest';
import { hostilePlaybook, readConfig, HOSTILE_CONFIG } from '../helpers/example.ts';
import { contentStrings, htmlText } from './helpers/walk.ts';

// The hostile tenant puts markup, Handlebars syntax, quotes, ampersands, right-to-left and non-Latin
// text into every text field of the config. In every output of the content generators those values
// must arrive intact: literally in plain text, escaped in HTML (and intact once decoded).

const config = readConfig(HOSTILE_CONFIG);
const playbook = hostilePlaybook();
const strings = contentStrings(playbook);

/** Each hostile value, with a fragment that identifies it wherever it shows up. */
const VALUES: { name: string; marker: string; value: string }[] = [
  { name: 'organisation name', marker: 'Zürich Ærø', value: config.organisation.name },
  { name: 'short name', marker: 'ZÆŁĞ', value: config.organisation.shortName! },
  { name: 'pilot group', marker: 'onerror', value: config.pilotGroup.name },
  { name: 'helpdesk hours', marker: 'Mo–Fr', value: config.helpdesk.hours },
  { name: 'IT lead name', marker: 'Σοφία', value: config.people.itLead.name },
  { name: 'IT lead role', marker: 'Leiterin', value: config.people.itLead.role },
  { name: 'approver name', marker: 'Дмитрий', value: config.people.approver.name },
  { name: 'approver role', marker: 'Technik', value: config.people.approver.role },
  { name: 'sponsor name (right-to-left)', marker: 'مريم', value: config.people.sponsor.name },
  { name: 'sponsor role', marker: 'Geschäftsführerin', value: config.people.sponsor.role },
  { name: 'exemption reason', marker: 'pop-ups', value: config.exemptionRequests[0]!.reason },
];

const RAW_MARKUP = ['<script', '<img', '<b>', '<i>', '<Sicherheit>', 'onerror=alert'];

describe('hostile values in every text field', () => {
  it('reach the outputs at all (the test is not vacuous)', () => {
    for (const { name, marker } of VALUES) {
      expect(
        strings.some((entry) => (entry.path.endsWith('.html') ? htmlText(entry.value) : entry.value).includes(marker)),
        name,
      ).toBe(true);
    }
  });

  it('arrive whole wherever they appear: literally in text, escaped in HTML', () => {
    for (const entry of strings) {
      const isHtml = entry.path.endsWith('.html');
      const readable = isHtml ? htmlText(entry.value) : entry.value;
      for (const { name, marker, value } of VALUES) {
        if (!readable.includes(marker)) continue;
        if (entry.path.endsWith('.banner') && !readable.includes(value)) continue; // banners may be cut at 160 characters
        expect(readable, `${name} in ${entry.path}`).toContain(value);
      }
      if (isHtml) for (const markup of RAW_MARKUP) expect(entry.value, `${markup} raw in ${entry.path}`).not.toContain(markup);
    }
  });

  it('every message carries the organisation name: raw in text, escaped in HTML', () => {
    const escapedOrg = 'Zürich Ærø Łódź Ğüneş &lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &amp; &quot;Sons&quot; {{x}} &#x27;Ltd&#x27;';
    for (const message of playbook.communications) {
      expect(message.text, message.id).toContain(config.organisation.name);
      expect(message.html, message.id).toContain(escapedOrg);
      expect(message.html, message.id).not.toContain('<script>');
    }
  });

  it('keeps "{{x}}" literal and right-to-left names intact', () => {
    const announcement = playbook.communications.find((message) => message.id === 'announcement')!;
    expect(announcement.text).toContain('{{x}}');
    expect(announcement.text).toContain('{{hours}}');
    expect(announcement.text).toContain('مريم الحسيني, Geschäftsführerin {{role}}');
    expect(announcement.html).toContain('مريم الحسيني, Geschäftsführerin {{role}}');
    expect(announcement.text).toContain('Σοφία Παπαδοπούλου\nLeiterin IT & <Sicherheit>, ');
    const pilot = playbook.communications.find((message) => message.id === 'pilot-notice')!;
    expect(pilot.html).toContain('IT &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; Ops');
    expect(pilot.subject).toContain('IT <img src=x onerror=alert(1)> & Ops');
  });

  it('keeps the exemption request text as given in the decision record', () => {
    const record = playbook.decisions.find((entry) => entry.id === 'canary-request')!;
    expect(record.request.reason).toBe('Too many prompts & "pop-ups" <script>alert(2)</script>');
    expect(record.exposure.level).toBe('high');
    expect(record.decision.option).toBe('B');
  });
});
